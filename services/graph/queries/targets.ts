/**
 * What a user names when asking about "X": a purl (versioned → that version
 * and its qualifier variants, versionless → every version), a digest
 * (`sha256:<hex>` → the artifact), or a model/dataset key or purl. One
 * resolver for every query that takes such a reference.
 */
import { artifactKey } from '../../../schema/identity/keys.js';
import type { GraphStore, ReadOptions } from '../store.js';
import { QueryInputError, resolvePurl, type NodeHandle } from './components.js';

export async function resolveReference(store: GraphStore, ref: string, options?: ReadOptions): Promise<NodeHandle[]> {
  const text = ref.trim();
  if (text.startsWith('pkg:')) return resolvePurl(store, text, options);
  const digest = /^([a-z0-9-]+):([0-9a-fA-F]{16,})$/.exec(text);
  if (digest) {
    const key = artifactKey(digest[1]!, digest[2]!);
    if (!key) throw new QueryInputError('BAD_ARGUMENT', `"${text}" names an unknown digest algorithm`);
    const rows = await store.read<{ key: string }>('MATCH (a:Artifact {key: $k}) RETURN a.key AS key', { k: key }, options);
    return rows.map((r) => ({ label: 'Artifact', key: r.key }));
  }
  const handles: NodeHandle[] = [];
  for (const label of ['Model', 'Dataset'] as const) {
    const byKey = await store.read<{ key: string }>(`MATCH (n:${label} {key: $k}) RETURN n.key AS key`, { k: text }, options);
    handles.push(...byKey.map((r) => ({ label, key: r.key })));
    if (byKey.length === 0) {
      const byName = await store.read<{ key: string }>(`MATCH (n:${label}) WHERE n.name = $name RETURN n.key AS key`, { name: text }, options);
      handles.push(...byName.map((r) => ({ label, key: r.key })));
    }
  }
  if (handles.length === 0 && !/^[a-z]+:/.test(text)) {
    throw new QueryInputError('BAD_ARGUMENT', `"${text}" is not a purl (pkg:…), a digest (sha256:…), or a known model or dataset name`);
  }
  return handles;
}
