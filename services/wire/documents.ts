/**
 * Stored documents as GET /api/v1/documents serves them and the CLI reads them.
 * One definition for both sides, type-only.
 */
import type { DocumentNode } from '../../schema/ontology/nodes.js';
import type { DocumentLabels } from '../documents/labels.js';

/** A document record with its labels as an object (not the stored JSON) and without its ingest options. */
export type DocumentView = Omit<DocumentNode, 'ingestOptions' | 'labels'> & { id: string; labels: DocumentLabels };

/** One page of GET /api/v1/documents. */
export interface DocumentPage {
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  documents: DocumentView[];
}
