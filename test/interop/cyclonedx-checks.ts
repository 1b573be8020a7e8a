/**
 * The checks every real CycloneDX document gets, whether it comes from the
 * committed fixtures (test/interop) or the full shared corpora (test/corpus):
 * ingested through the same steps as the worker (decompress → decode → detect
 * → parse with default validation → write), with component and dependency
 * counts equal to what the document declares, counted from the document itself
 * (XML from the XML text) rather than by the parser.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decompressDocument } from '../../ingestors/common/decompress.js';
import { parserFor } from '../../ingestors/registry.js';
import type { GraphStore } from '../../services/graph/store.js';
import { documentInput } from '../support/parse.js';

type Json = Record<string, unknown>;

/** One fact per ML-BOM that must be in the graph after ingesting it: a model and its dataset. */
const ML_FACTS: Record<string, { model: string; dataset: string }> = {
  'valid-machine-learning-1.5.json': { model: 'CompVis/stable-diffusion', dataset: 'Training Data' },
  'valid-machine-learning-1.6.json': { model: 'CompVis/stable-diffusion', dataset: 'Training Data' },
};

/** What a JSON document itself declares: every component (nested and pedigree too) and every distinct dependsOn entry. */
export function declaredJson(doc: Json): { components: number; dependsOn: number } {
  let components = 0;
  const stack: unknown[] = [];
  const meta = doc.metadata as Json | undefined;
  if (meta?.component) stack.push(meta.component);
  if (Array.isArray(doc.components)) stack.push(...doc.components);
  while (stack.length) {
    const c = stack.pop() as Json;
    components += 1;
    if (Array.isArray(c.components)) stack.push(...c.components);
    const p = c.pedigree as Json | undefined;
    for (const k of ['ancestors', 'descendants', 'variants']) if (p && Array.isArray(p[k])) stack.push(...(p[k] as unknown[]));
  }
  let dependsOn = 0;
  for (const d of (doc.dependencies as Json[] | undefined) ?? []) dependsOn += Array.isArray(d.dependsOn) ? new Set(d.dependsOn).size : 0;
  return { components, dependsOn };
}

/**
 * The same, counted from XML text with regular expressions (independent of the
 * ingestor's reader): <component> start tags, and the distinct <dependency ref>
 * children of each top-level <dependency>.
 */
export function declaredXml(xml: string): { components: number; dependsOn: number } {
  const components = (xml.match(/<(?:\w+:)?component[\s>]/g) ?? []).length;
  const section = /<(?:\w+:)?dependencies>([\s\S]*)<\/(?:\w+:)?dependencies>/.exec(xml)?.[1] ?? '';
  let dependsOn = 0;
  for (const m of section.matchAll(/<(?:\w+:)?dependency\s+ref="[^"]*"\s*(?:\/>|>([\s\S]*?)<\/(?:\w+:)?dependency>)/g)) {
    dependsOn += new Set([...(m[1] ?? '').matchAll(/<(?:\w+:)?dependency\s+ref="([^"]*)"/g)].map((x) => x[1])).size;
  }
  return { components, dependsOn };
}

/**
 * Ingests one CycloneDX file (JSON, XML, .bz2 or .zst) into `store` and checks
 * the batch and the graph against what the file declares. `written` holds the
 * document keys already written: the .bz2 and .zst files hold the same bytes.
 */
export async function checkCycloneDxFile(store: GraphStore, file: string, written: Set<string>): Promise<void> {
  const raw = readFileSync(file);
  const { bytes, encoding } = await decompressDocument(raw, { maxDecompressedBytes: 64 * 1024 * 1024 });
  assert.equal(encoding, file.endsWith('.bz2') ? 'bzip2' : file.endsWith('.zst') ? 'zstd' : 'identity');
  const input = documentInput(bytes);
  const parser = parserFor(input);
  assert.equal(parser.format, file.endsWith('.xml') ? 'cyclonedx-xml' : 'cyclonedx-json');
  const batch = await parser.parse(input);
  const want = parser.format === 'cyclonedx-xml' ? declaredXml(input.text!) : declaredJson(input.json as Json);
  // componentCount is Sbom.components.totalCount: distinct listed components; syft repeats a
  // package once per location, so there are at most as many as declared entries.
  const distinct = new Set(batch.edges.filter((e) => e.type === 'LISTS').map((e) => `${e.to.label}\u0000${e.to.key}`));
  assert.equal(batch.document.componentCount, distinct.size, 'componentCount = distinct listed components');
  assert.ok(distinct.size > 0 && distinct.size <= want.components, `${distinct.size} distinct components for ${want.components} declared entries`);
  const unresolved = batch.warnings.filter((w) => w.code === 'DANGLING_REF' || w.code === 'SELF_DEPENDENCY' || w.code === 'UNRESOLVED_BOM_LINK').length;
  const depEdges = batch.edges.filter((e) => e.type === 'DEPENDS_ON').length;
  // Each dependsOn entry becomes an edge, or a warning when the document names a ref it does not hold.
  assert.equal(depEdges + unresolved, want.dependsOn, `${depEdges} DEPENDS_ON edges + ${unresolved} warnings for ${want.dependsOn} declared`);
  const r = await store.writeBatch(batch);
  assert.equal(r.status, written.has(batch.document.key) ? 'already-ingested' : 'written');
  written.add(batch.document.key);
  const listed = await store.read<{ c: number }>('MATCH (d:Document {key: $k})-[:LISTS]->(n) RETURN count(n) AS c', { k: batch.document.key });
  assert.equal(Number(listed[0]!.c), batch.edges.filter((e) => e.type === 'LISTS').length, 'what the batch lists is what the graph lists');
  const deps = await store.read<{ c: number }>('MATCH ()-[r:DEPENDS_ON {doc: $k}]->() RETURN count(r) AS c', { k: batch.document.key });
  assert.equal(Number(deps[0]!.c), depEdges, 'every DEPENDS_ON edge of the document is in the graph');
  const fact = ML_FACTS[path.basename(file)];
  if (fact) {
    const rows = await store.read<{ model: string; dataset: string }>(
      'MATCH (m:Model)-[u:USES_DATASET {doc: $k}]->(d:Dataset) RETURN m.name AS model, d.name AS dataset', { k: batch.document.key });
    assert.deepEqual(rows.map((x) => [x.model, x.dataset]), [[fact.model, fact.dataset]]);
  }
}
