/**
 * Models that already have some content: the candidates a model known only by
 * its content is resolved to (services/worker/resolve-models.ts).
 */
import type { GraphStore } from '../store.js';

export interface ModelCandidate {
  key: string;
  name: string | null;
  synthetic: boolean | null;
}

/** Models whose root digest is one of `digests`. */
export async function modelsWithDigest(store: GraphStore, digests: string[]): Promise<ModelCandidate[]> {
  return store.read<ModelCandidate>(
    'UNWIND $digests AS d MATCH (m:Model)-[:HAS_DIGEST]->(a:Artifact {key: d}) RETURN DISTINCT m.key AS key, m.name AS name, m.synthetic AS synthetic',
    { digests });
}

/** Models having any of `files`, each with how many of them (`c`, distinct) it has. */
export async function modelsWithFiles(store: GraphStore, files: string[]): Promise<Array<ModelCandidate & { c: number }>> {
  return store.read<ModelCandidate & { c: number }>(
    'UNWIND $files AS f MATCH (m:Model)-[:HAS_FILE]->(a:Artifact {key: f}) WITH m, count(DISTINCT a) AS c RETURN m.key AS key, m.name AS name, m.synthetic AS synthetic, c',
    { files });
}
