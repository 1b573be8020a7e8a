/**
 * The checks every real SPDX document gets, from the committed fixtures
 * (test/interop/spdx-corpus.test.ts) or the full shared corpora
 * (test/corpus/spdx-corpus.test.ts). The test reads each document itself,
 * counts what it declares (packages, files, relationships per type) and
 * derives, with its own mapping table, the edges the graph must hold; then
 * compares with the parser's accounting and with what the graph store returns.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import path from 'node:path';
import { mapSpdx2Json, spdx2JsonParser } from '../../ingestors/spdx2/json.js';
import { mapSpdx3JsonLd, spdx3JsonLdParser } from '../../ingestors/spdx3/jsonld.js';
import type { RelationshipStats } from '../../ingestors/common/spdx.js';
import type { GraphStore } from '../../services/graph/store.js';
import { documentInput } from '../support/parse.js';

type Json = Record<string, unknown>;
type Store = GraphStore;

export const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;
export const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');

// ---- the test's own reading of SPDX 2 ----

/** The test's own mapping table: SPDX 2 relationship type → ontology edge, direction, edge property. */
const SPDX2_EDGES: Record<string, { edge: 'CONTAINS' | 'DEPENDS_ON' | 'DESCRIBES' | 'DERIVED_FROM'; reverse: boolean; prop: string | null }> = {
  CONTAINS: { edge: 'CONTAINS', reverse: false, prop: null },
  CONTAINED_BY: { edge: 'CONTAINS', reverse: true, prop: null },
  DESCRIBES: { edge: 'DESCRIBES', reverse: false, prop: null },
  DESCRIBED_BY: { edge: 'DESCRIBES', reverse: true, prop: null },
  DEPENDS_ON: { edge: 'DEPENDS_ON', reverse: false, prop: null },
  DEPENDENCY_OF: { edge: 'DEPENDS_ON', reverse: true, prop: null },
  DEV_DEPENDENCY_OF: { edge: 'DEPENDS_ON', reverse: true, prop: 'dev' },
  BUILD_DEPENDENCY_OF: { edge: 'DEPENDS_ON', reverse: true, prop: 'build' },
  RUNTIME_DEPENDENCY_OF: { edge: 'DEPENDS_ON', reverse: true, prop: 'runtime' },
  OPTIONAL_DEPENDENCY_OF: { edge: 'DEPENDS_ON', reverse: true, prop: 'optional' },
  PROVIDED_DEPENDENCY_OF: { edge: 'DEPENDS_ON', reverse: true, prop: 'provided' },
  TEST_DEPENDENCY_OF: { edge: 'DEPENDS_ON', reverse: true, prop: 'test' },
  ANCESTOR_OF: { edge: 'DERIVED_FROM', reverse: true, prop: 'descendant-of' },
  DESCENDANT_OF: { edge: 'DERIVED_FROM', reverse: false, prop: 'descendant-of' },
  VARIANT_OF: { edge: 'DERIVED_FROM', reverse: false, prop: 'variant-of' },
};

/** A file's Artifact key by the rule the brief sets: sha256, else sha1; all-zero placeholders identify nothing. */
function fileDigestKey(f: Json): string | null {
  const sums = list(f.checksums).map((c) => ({ alg: text(c.algorithm).toLowerCase(), hex: text(c.checksumValue).toLowerCase() }))
    .filter((c) => /^[0-9a-f]+$/.test(c.hex) && !/^0+$/.test(c.hex));
  const pick = sums.find((c) => c.alg === 'sha256') ?? sums.find((c) => c.alg === 'sha1');
  return pick ? `${pick.alg}:${pick.hex}` : null;
}

interface Declared {
  packageIds: Set<string>;
  fileKeys: Map<string, string>;
  fileNames: Map<string, string>;
  allIds: Set<string>;
  relationships: Record<string, number>;
}

function declared2(doc: Json): Declared {
  const packageIds = new Set(list(doc.packages).map((p) => text(p.SPDXID)));
  const fileKeys = new Map<string, string>();
  const fileNames = new Map<string, string>();
  for (const f of list(doc.files)) {
    const k = fileDigestKey(f);
    if (k) fileKeys.set(text(f.SPDXID), k);
    fileNames.set(text(f.SPDXID), text(f.fileName));
  }
  const allIds = new Set([text(doc.SPDXID), ...packageIds, ...list(doc.files).map((f) => text(f.SPDXID)), ...list(doc.snippets).map((s) => text(s.SPDXID))]);
  const relationships: Record<string, number> = {};
  const bump = (k: string, n = 1): void => { if (n > 0) relationships[k] = (relationships[k] ?? 0) + n; };
  for (const r of list(doc.relationships)) bump(text(r.relationshipType));
  for (const p of list(doc.packages)) bump('hasFiles', list(p.hasFiles).length);
  bump('documentDescribes', list(doc.documentDescribes).length);
  return { packageIds, fileKeys, fileNames, allIds, relationships };
}

interface Expected {
  edges: Record<string, Set<string>>;
  hasFile: Set<string>;
  /** Per SPDX type: relationships whose ends exist but cannot be an edge (file without digest, wrong labels). */
  dropped: Record<string, number>;
  dangling: Record<string, number>;
  selfLoops: Record<string, number>;
}

/** The edges the graph must hold for this document, from the test's table and the refs the graph lists. */
function expectedEdges2(doc: Json, d: Declared, docKey: string, refToKey: Map<string, string>): Expected {
  const out: Expected = { edges: { CONTAINS: new Set(), DEPENDS_ON: new Set(), DESCRIBES: new Set(), DERIVED_FROM: new Set() }, hasFile: new Set(), dropped: {}, dangling: {}, selfLoops: {} };
  const bump = (m: Record<string, number>, k: string): void => { m[k] = (m[k] ?? 0) + 1; };
  const end = (id: string): { label: string; key: string } | 'no-node' | 'dangling' => {
    if (id === text(doc.SPDXID)) return { label: 'Document', key: docKey };
    if (d.packageIds.has(id)) return { label: 'PackageVersion', key: refToKey.get(id)! };
    if (d.fileKeys.has(id)) return { label: 'Artifact', key: d.fileKeys.get(id)! };
    return d.allIds.has(id) ? 'no-node' : 'dangling';
  };
  const add = (spdxType: string, a: string, b: string): void => {
    const m = SPDX2_EDGES[spdxType === 'hasFiles' ? 'CONTAINS' : spdxType === 'documentDescribes' ? 'DESCRIBES' : spdxType];
    if (!m) return;
    const [x, y] = m.reverse ? [end(b), end(a)] : [end(a), end(b)];
    if (x === 'dangling' || y === 'dangling') return bump(out.dangling, spdxType);
    if (x === 'no-node' || y === 'no-node') return bump(out.dropped, spdxType);
    const ok = m.edge === 'DESCRIBES' ? x.label === 'Document' && y.label !== 'Document'
      : m.edge === 'CONTAINS' ? x.label !== 'Document' && y.label !== 'Document'
        : x.label === 'PackageVersion' && y.label === 'PackageVersion';
    if (!ok) return bump(out.dropped, spdxType);
    if (x.label === y.label && x.key === y.key) return bump(out.selfLoops, spdxType);
    out.edges[m.edge]!.add(`${x.key} -> ${y.key}${m.prop === null ? '' : ` ${m.prop}`}`);
    if (m.edge === 'CONTAINS' && x.label === 'PackageVersion' && y.label === 'Artifact') {
      out.hasFile.add(`${x.key} -> ${y.key} ${d.fileNames.get(m.reverse ? a : b)}`);
    }
  };
  for (const r of list(doc.relationships)) add(text(r.relationshipType), text(r.spdxElementId), text(r.relatedSpdxElement));
  for (const p of list(doc.packages)) for (const f of list(p.hasFiles)) add('hasFiles', text(p.SPDXID), text(f));
  for (const id of list(doc.documentDescribes)) add('documentDescribes', text(doc.SPDXID), text(id));
  return out;
}

/** Edges of one type written for one document, as "from -> to [prop]" strings. */
export async function graphEdges(store: Store, docKey: string, type: string, pairs: Array<[string, string]>, prop: string | null): Promise<string[]> {
  const rows: string[] = [];
  for (const [fl, tl] of pairs) {
    const r = await store.read<{ a: string; b: string; p: string | null }>(
      `MATCH (a:${fl})-[r:${type}]->(b:${tl}) WHERE r.doc = $doc RETURN a.key AS a, b.key AS b, ${prop ? `r.${prop}` : 'NULL'} AS p`, { doc: docKey });
    for (const x of r) rows.push(`${x.a} -> ${x.b}${prop && x.p !== null ? ` ${x.p}` : ''}`);
  }
  return rows.sort();
}

export async function listed(store: Store, docKey: string, label: string): Promise<Map<string, string>> {
  const rows = await store.read<{ ref: string; key: string }>(`MATCH (d:Document {key: $doc})-[r:LISTS]->(n:${label}) RETURN r.ref AS ref, n.key AS key`, { doc: docKey });
  return new Map(rows.map((r) => [r.ref, r.key]));
}

function sumBuckets(s: RelationshipStats, type: string): number {
  return (['mapped', 'ignored', 'dangling', 'external', 'none', 'selfLoops', 'unmappable'] as const).reduce((n, k) => n + (s[k][type] ?? 0), 0);
}

// ---- the test's own reading of SPDX 3 ----

export function declared3(doc: Json): { packages: Map<string, string>; files: number; relationships: Record<string, number>; byId: Map<string, Json> } {
  const graph = list(doc['@graph']);
  const packages = new Map<string, string>();
  const relationships: Record<string, number> = {};
  let files = 0;
  const byId = new Map<string, Json>();
  for (const el of graph) {
    const t = text(el.type);
    if (text(el.spdxId)) byId.set(text(el.spdxId), el);
    if (t === 'software_Package' || t === 'ai_AIPackage' || t === 'dataset_DatasetPackage') packages.set(text(el.spdxId), t);
    if (t === 'software_File') files += 1;
    if (t === 'Relationship' || t === 'LifecycleScopedRelationship') {
      const k = text(el.relationshipType);
      relationships[k] = (relationships[k] ?? 0) + (Array.isArray(el.to) ? el.to.length : 1);
    }
  }
  return { packages, files, relationships, byId };
}

/** The package of `type` that contains `id`, following the document's `contains` relationships upwards. */
export function enclosingPackage(doc: Json, byId: Map<string, Json>, id: string, type: string): Json | null {
  const parent = new Map<string, string>();
  for (const el of list(doc['@graph'])) {
    if (el.relationshipType !== 'contains') continue;
    for (const t of Array.isArray(el.to) ? el.to : [el.to]) parent.set(text(t), text(el.from));
  }
  for (let cur: string | undefined = id, n = 0; cur !== undefined && n < 100; cur = parent.get(cur), n++) {
    if (byId.get(cur)?.type === type) return byId.get(cur)!;
  }
  return null;
}

// ---- schema validation ----

const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (ajv: Ajv) => Ajv;

export interface SchemaVerdict { file: string; version: string; valid: boolean; problems: string[] }

/** Each file's verdict under the official SPDX 2.3 JSON schema at `schemaFile`, printed as it goes. */
export function spdx23Verdicts(schemaFile: string, files: readonly string[]): SchemaVerdict[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(readJson(schemaFile));
  assert.equal(validate({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages: {} }), false, 'the validator rejects a broken document');
  const verdicts: SchemaVerdict[] = [];
  for (const file of files) {
    const doc = readJson(file);
    const valid = validate(doc);
    const problems = [...new Set((validate.errors ?? []).map((e) => `${e.instancePath.replace(/\/\d+/g, '/*')} ${e.message ?? ''}`))];
    verdicts.push({ file: path.basename(file), version: text(doc.spdxVersion), valid, problems });
  }
  for (const v of verdicts) console.log(`[spdx-2.3 schema] ${v.valid ? 'valid  ' : 'INVALID'} ${v.version} ${v.file}${v.valid ? '' : `: ${v.problems.join('; ')}`}`);
  return verdicts;
}

// ---- one document ----

/** Ingests one SPDX 2 JSON file into `store`, checks it against what it declares, and returns its document key. */
export async function checkSpdx2File(store: Store, file: string): Promise<string> {
    const input = documentInput(readFileSync(file));
    assert.equal(spdx2JsonParser.detect(input), true);
    const doc = input.json as Json;
    const { batch, stats } = mapSpdx2Json(input);
    const d = declared2(doc);
  
    assert.equal(d.packageIds.size, list(doc.packages).length, 'the corpus has no duplicate package SPDXIDs');
    assert.equal(batch.document.componentCount, list(doc.packages).length, 'componentCount = the packages the document declares');
    assert.equal(stats.files, list(doc.files).length);
    assert.equal(stats.filesWithDigest, d.fileKeys.size, 'files with a usable checksum');
    assert.deepEqual(stats.relationships.declared, d.relationships, 'relationships per type (plus hasFiles, documentDescribes)');
    for (const type of Object.keys(d.relationships)) assert.equal(sumBuckets(stats.relationships, type), d.relationships[type], `every ${type} is accounted for`);
    assert.equal(batch.document.serialNumber, text(doc.documentNamespace));
    assert.equal(batch.document.createdAt, text((doc.creationInfo as Json).created));
    assert.equal(batch.document.specVersion, text(doc.spdxVersion).replace('SPDX-', ''));

    const r = await store.writeBatch(batch);
    assert.equal(r.status, 'written');
    const docKey = batch.document.key;
    const pkgRefs = await listed(store, docKey, 'PackageVersion');
    assert.deepEqual([...pkgRefs.keys()].sort(), [...d.packageIds].sort(), 'every package is listed under its SPDXID');
    for (const p of list(doc.packages)) {
      const purl = list(p.externalRefs).find((x) => text(x.referenceType) === 'purl');
      if (purl) assert.ok(pkgRefs.get(text(p.SPDXID))!.startsWith(text(purl.referenceLocator).split('/')[0]!), `${text(p.SPDXID)} keeps its purl type`);
    }
    const fileRefs = await listed(store, docKey, 'Artifact');
    assert.deepEqual([...fileRefs].sort(), [...d.fileKeys].sort(), 'every file with a checksum is listed as its sha256 (else sha1) Artifact');

    const want = expectedEdges2(doc, d, docKey, pkgRefs);
    const PV = 'PackageVersion';
    // A document that states no subject gets a derived one (DESCRIBES {derived: true}); the edges
    // below are what the document states, so the derived subject's own facts are set apart.
    const derived = new Set((await store.read<{ k: string }>('MATCH (d:Document {key: $doc})-[r:DESCRIBES]->(s) WHERE r.derived = true RETURN s.key AS k', { doc: docKey })).map((r) => r.k));
    assert.equal(derived.size > 0, want.edges.DESCRIBES!.size === 0, 'a subject is derived exactly when the document states none');
    const ownPackages = new Set(pkgRefs.values());
    const synthetic = [...derived].filter((k) => !ownPackages.has(k));
    const stated = (edges: string[]): string[] => edges.filter((e) => !synthetic.some((k) => e.startsWith(`${k} -> `)) && ![...derived].some((k) => e === `${docKey} -> ${k}`));
    assert.deepEqual(stated(await graphEdges(store, docKey, 'CONTAINS', [[PV, PV], [PV, 'Artifact'], ['Artifact', 'Artifact'], ['Artifact', PV]], null)), [...want.edges.CONTAINS!].sort(), 'CONTAINS');
    assert.deepEqual(await graphEdges(store, docKey, 'DEPENDS_ON', [[PV, PV]], 'scope'), [...want.edges.DEPENDS_ON!].sort(), 'DEPENDS_ON');
    assert.deepEqual(await graphEdges(store, docKey, 'DERIVED_FROM', [[PV, PV]], 'relation'), [...want.edges.DERIVED_FROM!].sort(), 'DERIVED_FROM');
    assert.deepEqual(stated(await graphEdges(store, docKey, 'DESCRIBES', [['Document', PV], ['Document', 'Artifact']], null)), [...want.edges.DESCRIBES!].sort(), 'DESCRIBES');
    assert.deepEqual(await graphEdges(store, docKey, 'HAS_FILE', [[PV, 'Artifact']], 'path'), [...want.hasFile].sort(), 'HAS_FILE');
    for (const type of Object.keys(SPDX2_EDGES).concat(['hasFiles', 'documentDescribes'])) {
      assert.equal(stats.relationships.unmappable[type] ?? 0, want.dropped[type] ?? 0, `${type} whose ends have no node`);
      assert.equal(stats.relationships.dangling[type] ?? 0, want.dangling[type] ?? 0, `${type} dangling`);
      assert.equal(stats.relationships.selfLoops[type] ?? 0, want.selfLoops[type] ?? 0, `${type} self-loops`);
    }
    assert.equal(batch.warnings.filter((w) => w.code === 'DANGLING_REF').length, Object.values(want.dangling).reduce((a, b) => a + b, 0));
  return docKey;
}

/** Ingests one SPDX 3.0.1 JSON-LD file into `store`, checks it against what it declares, and returns its document key. */
export async function checkSpdx3File(store: Store, file: string): Promise<string> {
    const input = documentInput(readFileSync(file));
    assert.equal(spdx3JsonLdParser.detect(input), true);
    const doc = input.json as Json;
    const { batch, stats } = mapSpdx3JsonLd(input);
    const d = declared3(doc);
      assert.equal(batch.document.componentCount, d.packages.size);
    assert.equal(stats.files, d.files);
    const { rootElement: _root, ...declaredRels } = stats.relationships.declared;
    assert.deepEqual(declaredRels, d.relationships, 'relationships per type, one per `to` entry');
    for (const type of Object.keys(d.relationships)) assert.equal(sumBuckets(stats.relationships, type), d.relationships[type], `every ${type} is accounted for`);
    const spdxDoc = list(doc['@graph']).find((e) => e.type === 'SpdxDocument')!;
    assert.equal(batch.document.serialNumber, text(spdxDoc.spdxId));
    assert.equal(batch.document.specVersion, '3.0.1');
    const r = await store.writeBatch(batch);
    assert.equal(r.status, 'written');
    const refs = new Map([...await listed(store, batch.document.key, 'Model'), ...await listed(store, batch.document.key, 'Dataset'), ...await listed(store, batch.document.key, 'PackageVersion')]);
    assert.deepEqual([...refs.keys()].sort(), [...d.packages.keys()].sort(), 'every package element is listed under its spdxId');
    // The subject: SpdxDocument → software_Sbom → rootElement.
    const sbom = d.byId.get(text((spdxDoc.rootElement as unknown[])[0]))!;
    const subjectId = text((sbom.rootElement as unknown[])[0]);
    const described = await store.read<{ k: string }>(`MATCH (d:Document {key: $doc})-[:DESCRIBES]->(n:${d.packages.get(subjectId) === 'ai_AIPackage' ? 'Model' : 'Dataset'}) RETURN n.key AS k`, { doc: batch.document.key });
    assert.deepEqual(described.map((x) => x.k), [refs.get(subjectId)]);
    // Licenses: one DECLARES_LICENSE per hasDeclaredLicense / hasConcludedLicense to a license expression.
    const licenses = await store.read<{ kind: string; name: string }>('MATCH (c)-[r:DECLARES_LICENSE]->(l:License) WHERE r.doc = $doc RETURN r.kind AS kind, l.name AS name', { doc: batch.document.key });
    const wantLicenses = list(doc['@graph']).filter((e) => e.relationshipType === 'hasDeclaredLicense' || e.relationshipType === 'hasConcludedLicense')
      .map((e) => `${e.relationshipType === 'hasDeclaredLicense' ? 'declared' : 'concluded'} ${text(d.byId.get(text((e.to as unknown[])[0]))!.simplelicensing_licenseExpression)}`);
    assert.deepEqual(licenses.map((x) => `${x.kind} ${x.name}`).sort(), wantLicenses.sort());
  return batch.document.key;
}
