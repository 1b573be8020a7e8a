import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInToto } from '../../../ingestors/intoto/statement.js';
import { splitGitUri } from '../../../ingestors/intoto/resources.js';
import { IngestError } from '../../../ingestors/parser.js';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import { documentInput } from '../../support/parse.js';

type Json = Record<string, unknown>;

const parse = (doc: unknown): OntologyBatch => parseInToto(documentInput(doc));
const keys = (b: OntologyBatch, label: string): string[] => b.nodes.filter((n) => n.label === label).map((n) => n.props.key).sort();
/** Every edge as `TYPE from -> to {props but doc}`, sorted: the exact set a batch asserts. */
const edgeList = (b: OntologyBatch): string[] => b.edges.map((e) => {
  const { doc: _doc, ...props } = e.props;
  const shown = Object.keys(props).length ? ` ${JSON.stringify(props)}` : '';
  const from = e.from.label === 'Document' ? 'DOC' : e.from.key;
  return `${e.type} ${from} -> ${e.to.key}${shown}`;
}).sort();

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64');
const dsse = (statement: unknown): Json => ({
  payloadType: 'application/vnd.in-toto+json',
  payload: b64(statement),
  signatures: [{ keyid: 'test-key', sig: Buffer.from('not a real signature').toString('base64') }],
});
const bundle = (statement: unknown): Json => ({
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  verificationMaterial: { publicKey: { hint: 'test-key' }, tlogEntries: [] },
  dsseEnvelope: dsse(statement),
});

const A = 'a'.repeat(64);
const B = 'b'.repeat(128);
const C = 'c'.repeat(64);
const COMMIT = 'd'.repeat(40);
const E = 'e'.repeat(64);
const F = 'f'.repeat(64);
const BUILDER = 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_go_slsa3.yml@refs/tags/v1.9.0';
const BUILD_TYPE = 'https://github.com/slsa-framework/slsa-github-generator/go@v1';
const GIT = 'git+https://github.com/acme/app@refs/heads/main';

function v02(): Json {
  return {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://slsa.dev/provenance/v0.2',
    subject: [
      { name: 'app-linux-amd64', digest: { sha256: A, sha512: B } },
      { name: 'pkg:npm/acme-app@1.2.3', digest: { sha256: C.toUpperCase() } },
    ],
    predicate: {
      builder: { id: BUILDER },
      buildType: BUILD_TYPE,
      invocation: {
        configSource: { uri: GIT, digest: { sha1: COMMIT }, entryPoint: '.github/workflows/release.yml' },
        parameters: { goVersion: '1.21' },
        environment: { arch: 'amd64' },
      },
      buildConfig: { steps: [{ command: ['go', 'build'] }] },
      metadata: {
        buildInvocationId: 'run-42',
        buildStartedOn: '2026-02-01T10:00:00Z',
        buildFinishedOn: '2026-02-01T10:05:00Z',
        completeness: { parameters: true, environment: false, materials: true },
        reproducible: false,
      },
      materials: [
        { uri: GIT, digest: { sha1: COMMIT } },
        { uri: 'pkg:golang/golang.org/x/text@v0.14.0', digest: { sha256: E } },
        { uri: 'https://go.dev/dl/go1.21.5.linux-amd64.tar.gz', digest: { sha256: F } },
      ],
    },
  };
}

const V02_NODES = {
  Artifact: [`sha256:${A}`, `sha256:${C}`, `sha256:${E}`, `sha256:${F}`, `sha512:${B}`],
  PackageVersion: ['pkg:golang/golang.org/x/text@v0.14.0', 'pkg:npm/acme-app@1.2.3'],
  Package: ['pkg:golang/golang.org/x/text', 'pkg:npm/acme-app'],
  SourceRepository: ['https://github.com/acme/app'],
  Builder: [BUILDER],
};

const V02_EDGES = [
  ...[A, C].flatMap((s) => [
    `BUILT_BY sha256:${s} -> ${BUILDER} {"buildType":"${BUILD_TYPE}","invocationId":"run-42"}`,
    `BUILT_FROM sha256:${s} -> https://github.com/acme/app {"uri":"${GIT}","revision":"${COMMIT}"}`,
    `BUILT_FROM sha256:${s} -> sha256:${E} {"uri":"pkg:golang/golang.org/x/text@v0.14.0","revision":null}`,
    `BUILT_FROM sha256:${s} -> sha256:${F} {"uri":"https://go.dev/dl/go1.21.5.linux-amd64.tar.gz","revision":null}`,
    `HAS_SOURCE sha256:${s} -> https://github.com/acme/app {"revision":"${COMMIT}"}`,
  ]),
  `DESCRIBES DOC -> pkg:npm/acme-app@1.2.3`,
  `DESCRIBES DOC -> sha256:${A}`,
  `DESCRIBES DOC -> sha256:${C}`,
  `HAS_DIGEST pkg:golang/golang.org/x/text@v0.14.0 -> sha256:${E}`,
  `HAS_DIGEST pkg:npm/acme-app@1.2.3 -> sha256:${C}`,
  'HAS_VERSION pkg:golang/golang.org/x/text -> pkg:golang/golang.org/x/text@v0.14.0',
  'HAS_VERSION pkg:npm/acme-app -> pkg:npm/acme-app@1.2.3',
  `LISTS DOC -> ${BUILDER} {"ref":"${BUILDER}","componentType":"builder","scope":null}`,
  `LISTS DOC -> https://github.com/acme/app {"ref":"${GIT}","componentType":"material","scope":null}`,
  `LISTS DOC -> https://github.com/acme/app {"ref":"${GIT}","componentType":"source","scope":null}`,
  `LISTS DOC -> pkg:golang/golang.org/x/text@v0.14.0 {"ref":"pkg:golang/golang.org/x/text@v0.14.0","componentType":"material","scope":null}`,
  `LISTS DOC -> pkg:npm/acme-app@1.2.3 {"ref":"pkg:npm/acme-app@1.2.3","componentType":"subject","scope":null}`,
  `LISTS DOC -> sha256:${A} {"ref":"app-linux-amd64","componentType":"subject","scope":null}`,
  `LISTS DOC -> sha256:${C} {"ref":"pkg:npm/acme-app@1.2.3","componentType":"subject","scope":null}`,
  `LISTS DOC -> sha256:${E} {"ref":"pkg:golang/golang.org/x/text@v0.14.0","componentType":"material","scope":null}`,
  `LISTS DOC -> sha256:${F} {"ref":"https://go.dev/dl/go1.21.5.linux-amd64.tar.gz","componentType":"material","scope":null}`,
  `LISTS DOC -> sha512:${B} {"ref":"app-linux-amd64","componentType":"subject","scope":null}`,
].sort();

function assertV02(b: OntologyBatch): void {
  for (const [label, want] of Object.entries(V02_NODES)) assert.deepEqual(keys(b, label), want, label);
  assert.equal(b.nodes.length, Object.values(V02_NODES).flat().length, 'no other nodes');
  assert.deepEqual(edgeList(b), V02_EDGES);
  assert.ok(b.edges.filter((e) => e.type !== 'HAS_VERSION').every((e) => e.props.doc === b.document.key), 'every asserted edge names its document');
  assert.equal(b.document.kind, 'attestation');
  assert.equal(b.document.format, 'in-toto');
  assert.equal(b.document.specVersion, 'https://slsa.dev/provenance/v0.2');
  assert.equal(b.document.name, 'app-linux-amd64');
  assert.equal(b.document.createdAt, '2026-02-01T10:00:00Z');
  assert.equal(b.document.componentCount, 5, '2 subjects + 3 materials');
}

const V1_BUILDER = 'https://github.com/actions/runner/github-hosted';
const V1_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
const V1_GIT = 'git+https://github.com/acme/model@refs/tags/v2.0.0';
const V1_INVOCATION = 'https://github.com/acme/model/actions/runs/1/attempts/1';
const H = (c: string): string => c.repeat(64);

function v1(): Json {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'pkg:pypi/acme-model@2.0.0', digest: { sha256: H('1') } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: V1_TYPE,
        externalParameters: { workflow: { ref: 'refs/tags/v2.0.0', repository: 'https://github.com/acme/model', path: '.github/workflows/release.yml' } },
        internalParameters: { github: { event_name: 'push', repository_id: '1' } },
        resolvedDependencies: [
          { uri: V1_GIT, digest: { gitCommit: '2'.repeat(40) } },
          { uri: 'pkg:pypi/numpy@1.26.4', digest: { sha256: H('3') } },
          { name: 'base-image', uri: 'https://registry.example/base.tar', digest: { sha256: H('4') } },
          { name: 'training-data.parquet', digest: { sha256: H('5') }, annotations: { split: 'train' } },
        ],
      },
      runDetails: {
        builder: { id: V1_BUILDER, version: { runner: '2.311.0' } },
        metadata: { invocationId: V1_INVOCATION, startedOn: '2026-03-01T00:00:00Z', finishedOn: '2026-03-01T00:10:00Z' },
        byproducts: [{ name: 'log', digest: { sha256: H('6') } }],
      },
    },
  };
}

const V1_EDGES = [
  `BUILT_BY sha256:${H('1')} -> ${V1_BUILDER} {"buildType":"${V1_TYPE}","invocationId":"${V1_INVOCATION}"}`,
  `BUILT_FROM sha256:${H('1')} -> https://github.com/acme/model {"uri":"${V1_GIT}","revision":"${'2'.repeat(40)}"}`,
  `BUILT_FROM sha256:${H('1')} -> sha256:${H('3')} {"uri":"pkg:pypi/numpy@1.26.4","revision":null}`,
  `BUILT_FROM sha256:${H('1')} -> sha256:${H('4')} {"uri":"https://registry.example/base.tar","revision":null}`,
  `BUILT_FROM sha256:${H('1')} -> sha256:${H('5')} {"uri":"training-data.parquet","revision":null}`,
  `HAS_SOURCE sha256:${H('1')} -> https://github.com/acme/model {"revision":"${'2'.repeat(40)}"}`,
  'DESCRIBES DOC -> pkg:pypi/acme-model@2.0.0',
  `DESCRIBES DOC -> sha256:${H('1')}`,
  `HAS_DIGEST pkg:pypi/acme-model@2.0.0 -> sha256:${H('1')}`,
  `HAS_DIGEST pkg:pypi/numpy@1.26.4 -> sha256:${H('3')}`,
  'HAS_VERSION pkg:pypi/acme-model -> pkg:pypi/acme-model@2.0.0',
  'HAS_VERSION pkg:pypi/numpy -> pkg:pypi/numpy@1.26.4',
  `LISTS DOC -> ${V1_BUILDER} {"ref":"${V1_BUILDER}","componentType":"builder","scope":null}`,
  `LISTS DOC -> https://github.com/acme/model {"ref":"${V1_GIT}","componentType":"material","scope":null}`,
  'LISTS DOC -> https://github.com/acme/model {"ref":"https://github.com/acme/model","componentType":"source","scope":null}',
  'LISTS DOC -> pkg:pypi/acme-model@2.0.0 {"ref":"pkg:pypi/acme-model@2.0.0","componentType":"subject","scope":null}',
  'LISTS DOC -> pkg:pypi/numpy@1.26.4 {"ref":"pkg:pypi/numpy@1.26.4","componentType":"material","scope":null}',
  `LISTS DOC -> sha256:${H('1')} {"ref":"pkg:pypi/acme-model@2.0.0","componentType":"subject","scope":null}`,
  `LISTS DOC -> sha256:${H('3')} {"ref":"pkg:pypi/numpy@1.26.4","componentType":"material","scope":null}`,
  `LISTS DOC -> sha256:${H('4')} {"ref":"https://registry.example/base.tar","componentType":"material","scope":null}`,
  `LISTS DOC -> sha256:${H('5')} {"ref":"training-data.parquet","componentType":"material","scope":null}`,
].sort();

function assertV1(b: OntologyBatch): void {
  assert.deepEqual(keys(b, 'Artifact'), ['1', '3', '4', '5'].map((c) => `sha256:${H(c)}`), 'byproducts are not materials');
  assert.deepEqual(keys(b, 'PackageVersion'), ['pkg:pypi/acme-model@2.0.0', 'pkg:pypi/numpy@1.26.4']);
  assert.deepEqual(keys(b, 'Package'), ['pkg:pypi/acme-model', 'pkg:pypi/numpy']);
  assert.deepEqual(keys(b, 'SourceRepository'), ['https://github.com/acme/model']);
  assert.deepEqual(keys(b, 'Builder'), [V1_BUILDER]);
  assert.equal(b.nodes.length, 10, 'no other nodes');
  assert.deepEqual(edgeList(b), V1_EDGES);
  assert.equal(b.document.specVersion, 'https://slsa.dev/provenance/v1');
  assert.equal(b.document.name, 'pkg:pypi/acme-model@2.0.0');
  assert.equal(b.document.createdAt, '2026-03-01T00:00:00Z');
  assert.equal(b.document.componentCount, 5, '1 subject + 4 resolved dependencies');
}

const notVerified = (at: string) => ({ code: 'SIGNATURE_NOT_VERIFIED', at });

describe('in-toto / SLSA provenance v0.2', () => {
  test('bare statement: exact nodes and edges', () => {
    const b = parse(v02());
    assertV02(b);
    assert.deepEqual(b.warnings, []);
  });

  test('in a DSSE envelope: same graph, signatures reported as not verified', () => {
    const b = parse(dsse(v02()));
    assertV02(b);
    assert.deepEqual(b.warnings.map((w) => ({ code: w.code, at: w.at })), [notVerified('/signatures')]);
    assert.match(b.warnings[0]!.message, /1 signature\(s\).*not verified/);
    assert.ok(!b.nodes.some((n) => n.label === 'Signature' || n.label === 'SignerIdentity'), 'nothing that claims a verification is stored');
  });

  test('in a Sigstore bundle: same graph, signatures reported as not verified', () => {
    const b = parse(bundle(v02()));
    assertV02(b);
    assert.deepEqual(b.warnings.map((w) => ({ code: w.code, at: w.at })), [notVerified('/dsseEnvelope/signatures')]);
    assert.ok(!b.nodes.some((n) => n.label === 'Signature' || n.label === 'SignerIdentity'));
  });

  test('the three wrappings are three documents (identity is the bytes)', () => {
    const docKeys = new Set([parse(v02()), parse(dsse(v02())), parse(bundle(v02()))].map((b) => b.document.key));
    assert.equal(docKeys.size, 3);
  });

  test('quoted digests are read with a warning; buildInvocationID spelling; finishedOn fallback', () => {
    const doc = v02();
    const p = doc.predicate as Json;
    p.materials = [{ uri: 'git+https://github.com/kubernetes/kubernetes', digest: { sha1: `'${COMMIT}'` } }];
    p.invocation = { configSource: { entryPoint: 'https://git.k8s.io/release/gcb/stage/cloudbuild.yaml' } };
    p.metadata = { buildInvocationID: 'b6186090', buildFinishedOn: '2022-05-24T13:27:46Z' };
    const b = parse(doc);
    const built = b.edges.filter((e) => e.type === 'BUILT_FROM').map((e) => e.props);
    assert.deepEqual(built.map((x) => [x.uri, x.revision]), [['git+https://github.com/kubernetes/kubernetes', COMMIT], ['git+https://github.com/kubernetes/kubernetes', COMMIT]]);
    assert.deepEqual(b.edges.filter((e) => e.type === 'BUILT_BY').map((e) => e.props.invocationId), ['b6186090', 'b6186090']);
    assert.deepEqual(b.edges.filter((e) => e.type === 'HAS_SOURCE'), [], 'a configSource without uri names no repository');
    assert.equal(b.document.createdAt, '2022-05-24T13:27:46Z');
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['DIGEST_NORMALIZED', '/predicate/materials/0/digest/sha1']]);
  });

  test('a configSource ref without a digest becomes the revision', () => {
    const doc = v02();
    (doc.predicate as Json).invocation = { configSource: { uri: 'git+https://github.com/acme/tools@refs/tags/v3', entryPoint: 'build.yml' } };
    const b = parse(doc);
    const src = b.edges.filter((e) => e.type === 'HAS_SOURCE').map((e) => `${e.to.key} ${e.props.revision}`);
    assert.deepEqual(src, ['https://github.com/acme/tools refs/tags/v3', 'https://github.com/acme/tools refs/tags/v3']);
  });

  test('subjects and materials without usable digests are warnings, not failures', () => {
    const doc = v02();
    doc.subject = [
      { name: 'ok', digest: { sha256: A } },
      { name: 'no-digest' },
      { name: 'bad-digest', digest: JSON.parse('{"sha256": "xyz", "whirlpool": "abc", "constructor": "ab", "__proto__": "cd"}') as Json },
      { name: 'pkg:npm/only-a-package@1.0.0', digest: {} },
    ];
    (doc.predicate as Json).materials = [{ uri: 'https://example.com/no-digest.tar.gz' }, 'not-an-object', { uri: 'pkg:npm/left-pad@1.3.0' }, { uri: GIT, digest: { sha1: COMMIT } }];
    const b = parse(doc);
    assert.deepEqual(keys(b, 'Artifact'), [`sha256:${A}`]);
    assert.deepEqual(keys(b, 'PackageVersion'), ['pkg:npm/left-pad@1.3.0', 'pkg:npm/only-a-package@1.0.0']);
    assert.deepEqual(b.edges.filter((e) => e.type === 'BUILT_BY').map((e) => e.from.key).sort(), ['pkg:npm/only-a-package@1.0.0', `sha256:${A}`], 'a digest-less purl subject is its own anchor');
    assert.deepEqual(b.edges.filter((e) => e.type === 'BUILT_FROM').map((e) => e.to.key).sort(), ['https://github.com/acme/app', 'https://github.com/acme/app']);
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [
      ['SUBJECT_WITHOUT_DIGEST', '/subject/1'],
      ['INVALID_HASH', '/subject/2/digest/sha256'],
      ['INVALID_HASH', '/subject/2/digest/whirlpool'],
      ['INVALID_HASH', '/subject/2/digest/constructor'],
      ['INVALID_HASH', '/subject/2/digest/__proto__'],
      ['SUBJECT_WITHOUT_DIGEST', '/subject/2'],
      ['SUBJECT_WITHOUT_DIGEST', '/subject/3'],
      ['MATERIAL_WITHOUT_DIGEST', '/predicate/materials/0'],
      ['MATERIAL_WITHOUT_DIGEST', '/predicate/materials/2'],
      ['INVALID_MATERIAL', '/predicate/materials/1'],
    ]);
    assert.equal(b.document.componentCount, 2 + 1 + 1, 'two anchored subjects, the git material and the listed package');
  });

  test('a missing builder id is a warning and no BUILT_BY edge', () => {
    const doc = v02();
    delete (doc.predicate as Json).builder;
    const b = parse(doc);
    assert.equal(b.edges.filter((e) => e.type === 'BUILT_BY').length, 0);
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['MISSING_BUILDER', '/predicate/builder/id']]);
  });
});

describe('in-toto / SLSA provenance v1', () => {
  test('bare statement: exact nodes and edges; the workflow source gets the commit of the matching dependency', () => {
    const b = parse(v1());
    assertV1(b);
    assert.deepEqual(b.warnings, []);
  });

  test('in a DSSE envelope', () => {
    const b = parse(dsse(v1()));
    assertV1(b);
    assert.deepEqual(b.warnings.map((w) => w.code), ['SIGNATURE_NOT_VERIFIED']);
  });

  test('in a Sigstore bundle (base64url payload without padding is accepted)', () => {
    const doc = bundle(v1());
    const env = doc.dsseEnvelope as Json;
    env.payload = Buffer.from(JSON.stringify(v1())).toString('base64url');
    const b = parse(doc);
    assertV1(b);
    assert.deepEqual(b.warnings.map((w) => w.code), ['SIGNATURE_NOT_VERIFIED']);
  });

  test('externalParameters.source as a resource descriptor is a source too', () => {
    const doc = v1();
    const def = (doc.predicate as Json).buildDefinition as Json;
    def.externalParameters = { source: { uri: 'git+https://gitlab.com/acme/model.git@refs/heads/dev', digest: { sha1: '7'.repeat(40) } } };
    const b = parse(doc);
    assert.deepEqual(b.edges.filter((e) => e.type === 'HAS_SOURCE').map((e) => `${e.to.key} ${e.props.revision}`), [`https://gitlab.com/acme/model ${'7'.repeat(40)}`]);
  });
});

describe('in-toto / SLSA provenance v0.1', () => {
  test('recipe.type is the build type; materials and builder as in v0.2', () => {
    const b = parse({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://slsa.dev/provenance/v0.1',
      subject: [{ name: 'tool', digest: { sha256: A } }],
      predicate: {
        builder: { id: 'https://example.com/builder' },
        recipe: { type: 'https://example.com/recipe@v1', definedInMaterial: 0, entryPoint: 'build.sh' },
        metadata: { buildInvocationId: 'inv-1', buildStartedOn: '2021-01-01T00:00:00Z' },
        materials: [{ uri: GIT, digest: { sha1: COMMIT } }],
      },
    });
    assert.deepEqual(edgeList(b).filter((e) => !e.startsWith('LISTS')), [
      `BUILT_BY sha256:${A} -> https://example.com/builder {"buildType":"https://example.com/recipe@v1","invocationId":"inv-1"}`,
      `BUILT_FROM sha256:${A} -> https://github.com/acme/app {"uri":"${GIT}","revision":"${COMMIT}"}`,
      `DESCRIBES DOC -> sha256:${A}`,
    ]);
    assert.equal(b.document.createdAt, '2021-01-01T00:00:00Z');
    assert.deepEqual(b.warnings, []);
  });
});

describe('in-toto statements with other predicates', () => {
  for (const predicateType of ['https://spdx.dev/Document', 'https://cyclonedx.org/bom', 'https://cosign.sigstore.dev/attestation/vuln/v1', 'https://in-toto.io/attestation/scorecard/v0.1', 'https://in-toto.io/attestation/link/v0.3']) {
    test(`${predicateType}: subjects recorded, UNSUPPORTED_PREDICATE names the type`, () => {
      const b = parse(dsse({ _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'pkg:oci/app@sha256%3A' + A, digest: { sha256: A } }], predicateType, predicate: { anything: true } }));
      assert.deepEqual(keys(b, 'Artifact'), [`sha256:${A}`]);
      assert.deepEqual(keys(b, 'PackageVersion'), [`pkg:oci/app@sha256:${A}`], 'the canonical purl');
      assert.deepEqual(b.edges.filter((e) => e.type === 'DESCRIBES').map((e) => e.to.key).sort(), [`pkg:oci/app@sha256:${A}`, `sha256:${A}`]);
      assert.deepEqual(b.edges.filter((e) => ['BUILT_BY', 'BUILT_FROM', 'HAS_SOURCE'].includes(e.type)), []);
      const w = b.warnings.find((x) => x.code === 'UNSUPPORTED_PREDICATE');
      assert.ok(w && w.message.includes(predicateType), 'the warning names the predicate type');
      assert.equal(w.at, '/payload#/predicateType');
      assert.equal(b.document.specVersion, predicateType);
      assert.equal(b.document.createdAt, null);
    });
  }

  test('a statement without a predicate (allowed by Statement v1) is fine', () => {
    const b = parse({ _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'x', digest: { sha256: A } }], predicateType: 'https://example.com/custom/v1' });
    assert.deepEqual(b.warnings.map((w) => w.code), ['UNSUPPORTED_PREDICATE']);
    assert.equal(b.document.componentCount, 1);
  });
});

describe('invalid in-toto documents', () => {
  const fails = (doc: unknown, code: string, at: string, message?: RegExp) => assert.throws(() => parse(doc), (e: unknown) => {
    assert.ok(e instanceof IngestError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.at, at);
    if (message) assert.match(e.message, message);
    return true;
  });

  test('bad base64 in the payload', () => {
    fails({ ...dsse(v02()), payload: 'not*base64!' }, 'INVALID_DOCUMENT', '/payload', /base64/);
    const b = bundle(v02());
    (b.dsseEnvelope as Json).payload = 'eyJf=x';
    fails(b, 'INVALID_DOCUMENT', '/dsseEnvelope/payload', /base64/);
  });

  test('a payload that is not JSON, or not an object', () => {
    fails({ ...dsse(v02()), payload: Buffer.from('{"_type": ').toString('base64') }, 'INVALID_DOCUMENT', '/payload', /not JSON/);
    fails({ ...dsse(v02()), payload: b64([1, 2]) }, 'INVALID_DOCUMENT', '/payload', /JSON object/);
  });

  test('missing or empty subject', () => {
    const { subject: _s, ...noSubject } = v02();
    fails(noSubject, 'INVALID_DOCUMENT', '/subject', /subject/);
    fails(dsse(noSubject), 'INVALID_DOCUMENT', '/payload#/subject', /subject/);
    fails(bundle({ ...v1(), subject: [] }), 'INVALID_DOCUMENT', '/dsseEnvelope/payload#/subject');
    fails({ ...v02(), subject: ['name-only'] }, 'INVALID_DOCUMENT', '/subject/0');
  });

  test('a payload that is not a Statement, a missing predicateType, a malformed predicate', () => {
    fails(dsse({ _type: 'https://in-toto.io/Link/v0.2', name: 'build' }), 'INVALID_DOCUMENT', '/payload#/_type');
    const { predicateType: _p, ...noType } = v1();
    fails(noType, 'INVALID_DOCUMENT', '/predicateType');
    fails({ ...v02(), predicate: 'x' }, 'INVALID_DOCUMENT', '/predicate');
    fails({ ...v02(), predicate: { ...(v02().predicate as Json), materials: { uri: 'x' } } }, 'INVALID_DOCUMENT', '/predicate/materials');
    fails({ ...dsse(v02()), signatures: {} }, 'INVALID_DOCUMENT', '/signatures');
  });

  test('an OMS model signature forced through this parser is refused, not recorded unverified', () => {
    const oms = { _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'model', digest: { sha256: A } }], predicateType: 'https://model_signing/signature/v1.0', predicate: {} };
    fails(bundle(oms), 'UNSUPPORTED_FORMAT', '/dsseEnvelope/payload#/predicateType', /OMS/);
  });

  test('unknown fields anywhere are ignored', () => {
    const doc = { ...v02(), futureField: { x: 1 } } as Json;
    (doc.subject as Json[])[0]!.annotations = { note: 'x' };
    ((doc.predicate as Json).builder as Json).version = { go: '1.21' };
    assertV02(parse(doc));
  });
});

describe('git URIs', () => {
  test('the ref after the last @ of the path is split off; userinfo is not a ref', () => {
    assert.deepEqual(splitGitUri('git+https://github.com/acme/app@refs/heads/main'), { repository: 'git+https://github.com/acme/app', ref: 'refs/heads/main' });
    assert.deepEqual(splitGitUri('git+https://github.com/kubernetes/kubernetes'), { repository: 'git+https://github.com/kubernetes/kubernetes', ref: null });
    assert.deepEqual(splitGitUri('git+ssh://git@github.com/acme/app.git@v1.2.0'), { repository: 'git+ssh://git@github.com/acme/app.git', ref: 'v1.2.0' });
    assert.deepEqual(splitGitUri('git@github.com:acme/app.git@v1'), { repository: 'git@github.com:acme/app.git', ref: 'v1' });
    assert.deepEqual(splitGitUri('git+https://github.com/acme/app@refs/tags/v1#sub/dir'), { repository: 'git+https://github.com/acme/app', ref: 'refs/tags/v1' });
  });
});
