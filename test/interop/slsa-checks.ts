/**
 * The checks every real SLSA provenance statement gets, from the committed
 * fixtures (test/interop) or the full shared corpus (test/corpus): what the
 * graph holds is compared with what the document declares, read here
 * independently of the parser (builder id, subject digests, materials).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inTotoParser, parseInToto } from '../../ingestors/intoto/statement.js';
import type { GraphStore } from '../../services/graph/store.js';
import { documentInput } from '../support/parse.js';

type Json = Record<string, unknown>;

export interface DeclaredProvenance {
  builderId: string;
  buildType: string;
  invocationId: string;
  /** `sha256:<hex>` of each subject: the digest the graph anchors provenance on. */
  sha256: Set<string>;
  /** `<alg>:<hex>` of every digest of every subject. */
  allDigests: Set<string>;
  /** Distinct materials (by URI and digest set). */
  materials: number;
  /** The commit of the git material, as written (the corpus wraps it in quotes). */
  materialCommits: Set<string>;
}

/** Read straight from the JSON, without the parser's code. */
export function declaredProvenance(doc: Json): DeclaredProvenance {
  const predicate = doc.predicate as Json;
  const subjects = doc.subject as Array<{ name: string; digest: Record<string, string> }>;
  const materials = predicate.materials as Array<{ uri: string; digest: Record<string, string> }>;
  const metadata = predicate.metadata as Json;
  return {
    builderId: (predicate.builder as Json).id as string,
    buildType: predicate.buildType as string,
    invocationId: (metadata.buildInvocationId ?? metadata.buildInvocationID) as string,
    sha256: new Set(subjects.map((s) => `sha256:${s.digest.sha256!.toLowerCase()}`)),
    allDigests: new Set(subjects.flatMap((s) => Object.entries(s.digest).map(([alg, hex]) => `${alg}:${hex.toLowerCase()}`))),
    materials: new Set(materials.map((m) => JSON.stringify([m.uri, m.digest]))).size,
    materialCommits: new Set(materials.map((m) => (m.digest.sha1 ?? '').replace(/'/g, ''))),
  };
}

const sorted = (s: Iterable<string>): string[] => [...s].sort();

/** Ingests one in-toto v0.1 / SLSA v0.2 statement of the Kubernetes release tooling and checks the graph. */
export async function checkSlsaStatement(store: GraphStore, file: string): Promise<void> {
  const input = documentInput(readFileSync(file));
  assert.ok(inTotoParser.detect(input), 'the detector claims it');
  const want = declaredProvenance(input.json as Json);
  const batch = parseInToto(input);
  assert.equal(batch.document.kind, 'attestation');
  assert.equal(batch.document.specVersion, 'https://slsa.dev/provenance/v0.2');
  assert.deepEqual(batch.warnings.map((w) => w.code), ['DIGEST_NORMALIZED'], 'only the quoted git commit is remarked on');

  const r = await store.writeBatch(batch);
  assert.equal(r.status, 'written');
  const doc = batch.document.key;

  const builders = await store.read<{ id: string; buildType: string; invocationId: string; c: number }>(
    'MATCH (a:Artifact)-[r:BUILT_BY]->(b:Builder) WHERE r.doc = $doc RETURN b.builderId AS id, r.buildType AS buildType, r.invocationId AS invocationId, count(a) AS c',
    { doc });
  assert.equal(builders.length, 1, 'one builder, one build');
  assert.equal(builders[0]!.id, want.builderId);
  assert.equal(builders[0]!.buildType, want.buildType);
  assert.equal(builders[0]!.invocationId, want.invocationId);
  assert.equal(Number(builders[0]!.c), want.sha256.size, 'every subject was built by it');

  const described = await store.read<{ k: string }>('MATCH (d:Document {key: $doc})-[:DESCRIBES]->(a:Artifact) RETURN a.key AS k', { doc });
  assert.deepEqual(sorted(described.map((x) => x.k)), sorted(want.sha256), 'DESCRIBES = the declared sha256 subject digests');
  const listed = await store.read<{ k: string }>("MATCH (d:Document {key: $doc})-[l:LISTS]->(a:Artifact) WHERE l.componentType = 'subject' RETURN a.key AS k", { doc });
  assert.deepEqual(sorted(listed.map((x) => x.k)), sorted(want.allDigests), 'every declared digest of every subject is an Artifact the document lists');

  const built = await store.read<{ k: string; c: number }>(
    'MATCH (a:Artifact)-[r:BUILT_FROM]->(m:SourceRepository) WHERE r.doc = $doc RETURN a.key AS k, count(r) AS c', { doc });
  assert.equal(built.length, want.sha256.size, 'every subject has its materials');
  assert.ok(built.every((x) => Number(x.c) === want.materials), `each subject is BUILT_FROM ${want.materials} material(s)`);
  const revisions = await store.read<{ url: string; rev: string }>(
    'MATCH (a:Artifact)-[r:BUILT_FROM]->(m:SourceRepository) WHERE r.doc = $doc RETURN DISTINCT m.url AS url, r.revision AS rev', { doc });
  assert.deepEqual(revisions.map((x) => x.url), ['https://github.com/kubernetes/kubernetes']);
  assert.deepEqual(sorted(revisions.map((x) => x.rev)), sorted(want.materialCommits), 'the material revision is the declared commit');
}
