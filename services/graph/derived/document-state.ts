/**
 * The last step of a document's processing: once its derived facts (vulnerability
 * matches) are in the graph it is `complete`, and only then is a re-ingest a no-op.
 */
import type { GraphStore } from '../store.js';

export async function markDocumentComplete(store: GraphStore, documentKey: string): Promise<void> {
  await store.write([{ cypher: "MATCH (d:Document {key: $k}) SET d.state = 'complete'", params: { k: documentKey } }]);
}
