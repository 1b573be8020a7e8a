/** The per-request GraphQL context (codegen `contextType`: every resolver receives this). */
import type { DocumentNode as DocumentRecord } from '../../../schema/ontology/nodes.js';
import type { BlobStore } from '../../blobstore/blob-store.js';
import type { GraphStore, ReadOptions } from '../../graph/store.js';
import { getDocuments } from '../../graph/queries/documents.js';
import type { Importers } from '../../importers/service.js';
import type { DocumentLog } from '../../recovery/document-log.js';
import type { Principal } from '../auth/policy.js';
import { BatchLoader } from './batch-loader.js';

export interface GraphQLContext {
  store: GraphStore;
  maxPageSize: number;
  read: ReadOptions;
  /** Documents by key, batched and cached for this request (see createContext). */
  documents: BatchLoader<string, DocumentRecord>;
  /**
   * Set by the GraphQL route. The route needs only `read`, so the mutations and
   * the importer queries check the caller's scopes themselves.
   */
  principal?: Principal;
  /** Mutations that delete documents remove their blobs too; without a blob store they cannot. */
  blobs?: BlobStore;
  /** The embedded store's document log (null on Neo4j): deletions and label changes are recorded in it. */
  documentLog?: DocumentLog | null;
  /** Null in a process without importers (none is answered as an empty list). */
  importers?: Importers | null;
}

/** The per-request context: the store, limits, and request-scoped batch loaders. */
export function createContext(store: GraphStore, maxPageSize: number, read: ReadOptions): GraphQLContext {
  return { store, maxPageSize, read, documents: new BatchLoader((keys) => getDocuments(store, keys, read)) };
}
