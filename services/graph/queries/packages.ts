/**
 * Packages, package versions and datasets by key: the node lookups the GraphQL
 * `package`, `packageVersion` and `datasets` fields resolve through.
 */
import type { DatasetNode, PackageNode, PackageVersionNode } from '../../../schema/ontology/nodes.js';
import type { GraphStore, ReadOptions } from '../store.js';
import { project, withNulls } from './projection.js';

export async function getPackage(store: GraphStore, key: string, options?: ReadOptions): Promise<PackageNode | null> {
  const rows = await store.read<Record<string, unknown>>(`MATCH (p:Package {key: $k}) RETURN ${project('p', 'Package')}`, { k: key }, options);
  return rows[0] ? withNulls<PackageNode>('Package', rows[0]) : null;
}

/** Every version of a package, ordered by key. */
export async function packageVersionsOf(store: GraphStore, packageKey: string, options?: ReadOptions): Promise<PackageVersionNode[]> {
  const rows = await store.read<Record<string, unknown>>(
    `MATCH (p:Package {key: $k})-[:HAS_VERSION]->(v:PackageVersion) RETURN ${project('v', 'PackageVersion')} ORDER BY key`, { k: packageKey }, options);
  return rows.map((v) => withNulls<PackageVersionNode>('PackageVersion', v));
}

export async function getPackageVersions(store: GraphStore, keys: string[], options?: ReadOptions): Promise<PackageVersionNode[]> {
  if (keys.length === 0) return [];
  const rows = await store.read<Record<string, unknown>>(`UNWIND $keys AS k MATCH (v:PackageVersion {key: k}) RETURN ${project('v', 'PackageVersion')}`, { keys }, options);
  return rows.map((r) => withNulls<PackageVersionNode>('PackageVersion', r));
}

/** Datasets that have the artifact as their digest or as one of their files. */
export async function datasetsWithArtifact(store: GraphStore, artifactKey: string, options?: ReadOptions): Promise<string[]> {
  const rows = await store.read<{ key: string }>('MATCH (d:Dataset)-[:HAS_DIGEST|HAS_FILE]->(a:Artifact {key: $k}) RETURN DISTINCT d.key AS key', { k: artifactKey }, options);
  return rows.map((r) => r.key);
}

export async function getDatasets(store: GraphStore, keys: string[], options?: ReadOptions): Promise<DatasetNode[]> {
  if (keys.length === 0) return [];
  const rows = await store.read<Record<string, unknown>>(`UNWIND $keys AS k MATCH (d:Dataset {key: k}) RETURN ${project('d', 'Dataset')}`, { keys }, options);
  return rows.map((r) => withNulls<DatasetNode>('Dataset', r));
}
