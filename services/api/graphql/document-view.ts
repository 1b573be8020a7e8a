/** How a stored document appears in GraphQL (DocumentRef, and the lifecycle fields of Sbom). */
import type { DocumentNode as DocumentRecord } from '../../../schema/ontology/nodes.js';
import { readLabels } from '../../documents/labels.js';
import type { DocumentRef } from './generated/types.js';

export function lifecycleFields(d: DocumentRecord): Pick<DocumentRef, 'labels' | 'supersededBy' | 'latest'> {
  return {
    labels: Object.entries(readLabels(d.labels)).map(([key, value]) => ({ key, value })),
    supersededBy: d.supersededBy ?? null,
    latest: !d.supersededBy,
  };
}

export function documentView(d: DocumentRecord): DocumentRef {
  return {
    id: d.key, kind: d.kind, format: d.format, name: d.name, specVersion: d.specVersion, ingestedAt: d.ingestedAt, warningCount: d.warningCount,
    state: (d.state ?? 'complete').toUpperCase(), createdAt: d.createdAt, byteSize: d.byteSize, ...lifecycleFields(d),
  };
}
