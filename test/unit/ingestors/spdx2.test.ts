import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mapSpdx2Json, spdx2JsonParser } from '../../../ingestors/spdx2/json.js';
import { mapSpdx2TagValue, spdx2TagValueParser } from '../../../ingestors/spdx2/tag-value.js';
import { spdx3JsonLdParser } from '../../../ingestors/spdx3/jsonld.js';
import { cycloneDxJsonParser } from '../../../ingestors/cyclonedx/json.js';
import type { Spdx2MapResult } from '../../../ingestors/spdx2/map.js';
import { IngestError } from '../../../ingestors/parser.js';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import { documentInput } from '../../support/parse.js';

// ---- documents built in the test: one description, written as JSON and as tag-value ----

interface TFile { id: string; name: string; checksums?: Array<[string, string]> }
interface TPkg {
  id: string; name: string; version?: string; purl?: string; purlCategory?: string; checksums?: Array<[string, string]>;
  concluded?: string; declared?: string; purpose?: string; supplier?: string; download?: string;
  refs?: Array<[string, string, string]>; files?: TFile[];
}
interface TDoc {
  version?: string; name?: string; namespace?: string; created?: string;
  packages: TPkg[]; files?: TFile[]; relationships?: Array<[string, string, string]>; externalDocs?: Array<[string, string]>;
}

function toJson(d: TDoc): Record<string, unknown> {
  const file = (f: TFile): Record<string, unknown> => ({
    SPDXID: f.id, fileName: f.name, ...(f.checksums ? { checksums: f.checksums.map(([algorithm, checksumValue]) => ({ algorithm, checksumValue })) } : {}),
  });
  return {
    spdxVersion: d.version ?? 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: d.name ?? 'test-doc',
    documentNamespace: d.namespace ?? 'https://example.com/spdx/test-doc-1',
    creationInfo: { created: d.created ?? '2024-01-02T03:04:05Z', creators: ['Tool: supplygraph-test'] },
    ...(d.externalDocs ? { externalDocumentRefs: d.externalDocs.map(([externalDocumentId, spdxDocument]) => ({ externalDocumentId, spdxDocument, checksum: { algorithm: 'SHA1', checksumValue: 'a'.repeat(40) } })) } : {}),
    packages: d.packages.map((p) => ({
      SPDXID: p.id,
      name: p.name,
      ...(p.version ? { versionInfo: p.version } : {}),
      ...(p.supplier ? { supplier: p.supplier } : {}),
      downloadLocation: p.download ?? 'NOASSERTION',
      ...(p.checksums ? { checksums: p.checksums.map(([algorithm, checksumValue]) => ({ algorithm, checksumValue })) } : {}),
      licenseConcluded: p.concluded ?? 'NOASSERTION',
      licenseDeclared: p.declared ?? 'NOASSERTION',
      ...(p.purpose ? { primaryPackagePurpose: p.purpose } : {}),
      externalRefs: [
        ...(p.purl ? [{ referenceCategory: p.purlCategory ?? 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }] : []),
        ...(p.refs ?? []).map(([referenceCategory, referenceType, referenceLocator]) => ({ referenceCategory, referenceType, referenceLocator })),
      ],
      ...(p.files ? { hasFiles: p.files.map((f) => f.id) } : {}),
    })),
    files: [...(d.files ?? []), ...d.packages.flatMap((p) => p.files ?? [])].map(file),
    relationships: (d.relationships ?? []).map(([spdxElementId, relationshipType, relatedSpdxElement]) => ({ spdxElementId, relationshipType, relatedSpdxElement })),
  };
}

function toTagValue(d: TDoc): string {
  const out: string[] = [
    `SPDXVersion: ${d.version ?? 'SPDX-2.3'}`, 'DataLicense: CC0-1.0', 'SPDXID: SPDXRef-DOCUMENT', `DocumentName: ${d.name ?? 'test-doc'}`,
    `DocumentNamespace: ${d.namespace ?? 'https://example.com/spdx/test-doc-1'}`,
    ...(d.externalDocs ?? []).map(([id, ns]) => `ExternalDocumentRef: ${id} ${ns} SHA1: ${'a'.repeat(40)}`),
    'Creator: Tool: supplygraph-test', `Created: ${d.created ?? '2024-01-02T03:04:05Z'}`,
    '# a comment line', '',
  ];
  const file = (f: TFile): void => {
    out.push(`FileName: ${f.name}`, `SPDXID: ${f.id}`);
    for (const [alg, v] of f.checksums ?? []) out.push(`FileChecksum: ${alg}: ${v}`);
    out.push('LicenseConcluded: NOASSERTION', 'FileCopyrightText: <text>Copyright (c) test', 'spanning two lines</text>', '');
  };
  (d.files ?? []).forEach(file);
  for (const p of d.packages) {
    out.push(`PackageName: ${p.name}`, `SPDXID: ${p.id}`);
    if (p.version) out.push(`PackageVersion: ${p.version}`);
    if (p.supplier) out.push(`PackageSupplier: ${p.supplier}`);
    out.push(`PackageDownloadLocation: ${p.download ?? 'NOASSERTION'}`);
    for (const [alg, v] of p.checksums ?? []) out.push(`PackageChecksum: ${alg}: ${v}`);
    out.push(`PackageLicenseConcluded: ${p.concluded ?? 'NOASSERTION'}`, `PackageLicenseDeclared: ${p.declared ?? 'NOASSERTION'}`);
    if (p.purpose) out.push(`PrimaryPackagePurpose: ${p.purpose}`);
    if (p.purl) out.push(`ExternalRef: ${p.purlCategory ?? 'PACKAGE-MANAGER'} purl ${p.purl}`);
    for (const [c, t, l] of p.refs ?? []) out.push(`ExternalRef: ${c} ${t} ${l}`);
    out.push('PackageComment: <text>a one-line text block</text>', '');
    (p.files ?? []).forEach(file);
  }
  for (const [a, t, b] of d.relationships ?? []) out.push(`Relationship: ${a} ${t} ${b}`);
  return `${out.join('\n')}\n`;
}

const viaJson = (d: TDoc): Spdx2MapResult => mapSpdx2Json(documentInput(toJson(d)));
const viaTagValue = (d: TDoc): Spdx2MapResult => mapSpdx2TagValue(documentInput(toTagValue(d)));
const SYNTAXES = [['JSON', viaJson], ['tag-value', viaTagValue]] as const;

const edges = (b: OntologyBatch, type: string): string[] => b.edges.filter((e) => e.type === type).map((e) => `${e.from.key} -> ${e.to.key}`).sort();
const keys = (b: OntologyBatch, label: string): string[] => b.nodes.filter((n) => n.label === label).map((n) => n.props.key).sort();
const codes = (b: OntologyBatch): string[] => b.warnings.map((w) => w.code).sort();
const D = 'DOC';
const norm = (b: OntologyBatch, type: string): string[] => edges(b, type).map((s) => s.replaceAll(b.document.key, D));

const sha = (c: string, n = 64): string => c.repeat(n);
const A = { id: 'SPDXRef-a', name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0' };
const B = { id: 'SPDXRef-b', name: 'b', version: '2.0.0', purl: 'pkg:npm/b@2.0.0' };

describe('SPDX 2 ingestor (JSON and tag-value)', () => {
  test('detects SPDX 2 JSON and tag-value, and nothing else', () => {
    const json = documentInput(toJson({ packages: [A] }));
    const tv = documentInput(toTagValue({ packages: [A] }));
    assert.equal(spdx2JsonParser.detect(json), true);
    assert.equal(spdx2TagValueParser.detect(tv), true);
    assert.equal(spdx2JsonParser.detect(tv), false);
    assert.equal(spdx2TagValueParser.detect(json), false);
    assert.equal(cycloneDxJsonParser.detect(json), false);
    assert.equal(spdx3JsonLdParser.detect(json), false);
    assert.equal(spdx2JsonParser.detect(documentInput({ bomFormat: 'CycloneDX', specVersion: '1.5' })), false);
    assert.equal(spdx2JsonParser.detect(documentInput({ spdxVersion: 'SPDX-3.0' })), false);
    assert.equal(spdx2TagValueParser.detect(documentInput('<bom><SPDXVersion: SPDX-2.3/></bom>')), false);
    assert.equal(spdx2TagValueParser.detect(documentInput('hello world\nSPDXVersion: SPDX-2.3\n')), false);
  });

  for (const [syntax, parse] of SYNTAXES) {
    test(`${syntax}: document, packages, purls, checksums, licenses, purpose`, () => {
      const { batch: b, stats } = parse({
        packages: [
          { ...A, checksums: [['SHA256', sha('AB')], ['SHA1', sha('cd', 20)]], concluded: 'MIT', declared: '(MIT OR Apache-2.0)', purpose: 'OPERATING-SYSTEM', supplier: 'Organization: Acme' },
          { ...B, purlCategory: 'PACKAGE_MANAGER', concluded: 'NONE', declared: 'NOASSERTION' },
          { id: 'SPDXRef-c', name: 'libc', version: '3.1' },
          { id: 'SPDXRef-d', name: 'noversion' },
        ],
      });
      assert.equal(b.document.kind, 'sbom');
      assert.equal(b.document.format, syntax === 'JSON' ? 'spdx2-json' : 'spdx2-tag-value');
      assert.equal(b.document.specVersion, '2.3');
      assert.equal(b.document.name, 'test-doc');
      assert.equal(b.document.serialNumber, 'https://example.com/spdx/test-doc-1');
      assert.equal(b.document.createdAt, '2024-01-02T03:04:05Z');
      assert.equal(b.document.componentCount, 4, 'componentCount counts packages');
      assert.equal(stats.packages, 4);
      const pv = keys(b, 'PackageVersion');
      assert.ok(pv.includes('pkg:npm/a@1.0.0') && pv.includes('pkg:npm/b@2.0.0') && pv.includes('pkg:generic/libc@3.1'), pv.join(', '));
      const scoped = pv.find((k) => k.startsWith('pkg:generic/noversion?'));
      assert.ok(scoped?.includes('sg-ref=SPDXRef-d'), 'a versionless package without purl is scoped to its document and SPDXID');
      assert.deepEqual(edges(b, 'HAS_DIGEST'), [`pkg:npm/a@1.0.0 -> sha1:${sha('cd', 20)}`, `pkg:npm/a@1.0.0 -> sha256:${sha('ab')}`]);
      assert.deepEqual(b.edges.filter((e) => e.type === 'DECLARES_LICENSE').map((e) => `${e.from.key} ${e.props.kind} ${e.to.key}`).sort(), [
        'pkg:npm/a@1.0.0 concluded MIT',
        'pkg:npm/a@1.0.0 declared (MIT OR Apache-2.0)',
      ]);
      const mit = b.nodes.find((n) => n.label === 'License' && n.props.key === 'MIT')!.props as { spdxId: string | null; expression: boolean };
      assert.deepEqual([mit.spdxId, mit.expression], ['MIT', false]);
      const lists = b.edges.filter((e) => e.type === 'LISTS');
      assert.deepEqual(lists.map((e) => e.props.ref).sort(), ['SPDXRef-a', 'SPDXRef-b', 'SPDXRef-c', 'SPDXRef-d']);
      assert.equal(lists.find((e) => e.props.ref === 'SPDXRef-a')!.props.componentType, 'operating-system', 'primaryPackagePurpose → componentType');
      assert.equal(lists.find((e) => e.props.ref === 'SPDXRef-b')!.props.componentType, null);
      assert.ok(b.edges.filter((e) => e.type !== 'HAS_VERSION').every((e) => e.props.doc === b.document.key));
      assert.deepEqual(b.warnings, []);
    });

    test(`${syntax}: files become Artifacts (sha256 preferred, else sha1) contained by their package`, () => {
      const { batch: b, stats } = parse({
        packages: [{ ...A, files: [
          { id: 'SPDXRef-f1', name: './bin/a', checksums: [['SHA1', sha('11', 20)], ['SHA256', sha('22')]] },
          { id: 'SPDXRef-f2', name: './lib/a.so', checksums: [['SHA1', sha('33', 20)], ['MD5', sha('44', 16)]] },
          { id: 'SPDXRef-dir', name: './lib' },
          { id: 'SPDXRef-zero', name: './placeholder', checksums: [['SHA1', sha('0', 40)]] },
        ] }],
        files: [{ id: 'SPDXRef-loose', name: './README', checksums: [['SHA256', sha('55')]] }],
        relationships: [['SPDXRef-a', 'CONTAINS', 'SPDXRef-f1']],
      });
      assert.deepEqual(keys(b, 'Artifact'), [`sha1:${sha('33', 20)}`, `sha256:${sha('22')}`, `sha256:${sha('55')}`]);
      const derivedSubject = b.edges.find((e) => e.type === 'DESCRIBES' && e.props.derived === true)!.to.key;
      assert.deepEqual(edges(b, 'CONTAINS').filter((e) => !e.startsWith(derivedSubject)), [`pkg:npm/a@1.0.0 -> sha1:${sha('33', 20)}`, `pkg:npm/a@1.0.0 -> sha256:${sha('22')}`]);
      assert.deepEqual(b.edges.filter((e) => e.type === 'HAS_FILE').map((e) => `${e.to.key} ${e.props.path}`).sort(), [
        `sha1:${sha('33', 20)} ./lib/a.so`, `sha256:${sha('22')} ./bin/a`,
      ]);
      assert.deepEqual(b.edges.filter((e) => e.type === 'LISTS' && e.props.componentType === 'file').map((e) => e.props.ref).sort(), ['SPDXRef-f1', 'SPDXRef-f2', 'SPDXRef-loose']);
      assert.equal(b.document.componentCount, 1, 'files are not components');
      assert.deepEqual([stats.files, stats.filesWithDigest, stats.filesWithPlaceholderDigest], [5, 3, 1]);
      assert.deepEqual(codes(b), ['FILES_WITHOUT_DIGEST', 'UNMAPPED_RELATIONSHIPS']);
      assert.match(b.warnings.find((w) => w.code === 'FILES_WITHOUT_DIGEST')!.message, /^2 of 5 files .*1 have no checksum.*1 have only an all-zero placeholder/);
      assert.deepEqual(stats.relationships.unmappable, { hasFiles: 2 }, 'hasFiles to the directory and the placeholder file cannot be drawn');
    });

    test(`${syntax}: git download locations and VCS references become source repositories`, () => {
      const { batch: b } = parse({ packages: [
        { ...A, download: 'git+https://github.com/Acme/A.git@v1.0.0#packages/a' },
        { ...B, download: 'https://github.com/acme/b' },
        { id: 'SPDXRef-c', name: 'c', version: '1', download: 'git@gitlab.com:acme/c.git' },
        { id: 'SPDXRef-d', name: 'd', version: '1', refs: [['OTHER', 'vcs', 'https://example.org/hg/d']] },
      ] });
      assert.deepEqual(b.edges.filter((e) => e.type === 'HAS_SOURCE').map((e) => `${e.from.key} -> ${e.to.key} @${e.props.revision}`).sort(), [
        'pkg:generic/c@1 -> https://gitlab.com/acme/c @null',
        'pkg:generic/d@1 -> https://example.org/hg/d @null',
        'pkg:npm/a@1.0.0 -> https://github.com/Acme/A @v1.0.0',
      ]);
    });
  }

  test('JSON and tag-value give identical batches for the same content', () => {
    const doc: TDoc = {
      packages: [
        { ...A, checksums: [['SHA256', sha('ab')]], concluded: 'MIT', declared: 'MIT AND BSD-3-Clause', purpose: 'LIBRARY', download: 'git+https://github.com/acme/a@abc123',
          files: [{ id: 'SPDXRef-f1', name: './a.js', checksums: [['SHA256', sha('01')]] }, { id: 'SPDXRef-f2', name: './b.js', checksums: [['SHA1', sha('02', 20)]] }] },
        { ...B, purlCategory: 'PACKAGE_MANAGER', supplier: 'Person: Jane' },
        { id: 'SPDXRef-c', name: 'c', version: '0.1', refs: [['SECURITY', 'cpe23Type', 'cpe:2.3:a:c:c:0.1:*:*:*:*:*:*:*']] },
      ],
      files: [{ id: 'SPDXRef-f3', name: './c.txt', checksums: [['SHA512', sha('03', 64)]] }],
      relationships: [
        ['SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-a'], ['SPDXRef-a', 'DEPENDS_ON', 'SPDXRef-b'], ['SPDXRef-c', 'DEV_DEPENDENCY_OF', 'SPDXRef-a'],
        ['SPDXRef-b', 'DEPENDS_ON', 'SPDXRef-a'], ['SPDXRef-f3', 'GENERATED_FROM', 'SPDXRef-f1'], ['SPDXRef-a', 'OTHER', 'SPDXRef-b'],
      ],
    };
    const j = viaJson(doc);
    const t = viaTagValue(doc);
    const canon = (r: Spdx2MapResult): unknown => {
      const s = (v: unknown): string => JSON.stringify(v).replaceAll(r.batch.document.key, D);
      const { key: _k, sha256: _s, format: _f, byteSize: _b, ...document } = r.batch.document;
      return { document, nodes: r.batch.nodes.map(s).sort(), edges: r.batch.edges.map(s).sort(), warnings: r.batch.warnings.map((w) => w.code), stats: r.stats };
    };
    assert.deepEqual(canon(t), canon(j));
    assert.ok(j.batch.edges.length > 15, 'the comparison covers a non-trivial batch');
  });

  describe('relationship direction for every mapped type', () => {
    const cases: Array<[string, string, 'ab' | 'ba', Record<string, unknown>]> = [
      ['DEPENDS_ON', 'DEPENDS_ON', 'ab', { scope: null }],
      ['DEPENDENCY_OF', 'DEPENDS_ON', 'ba', { scope: null }],
      ['DEV_DEPENDENCY_OF', 'DEPENDS_ON', 'ba', { scope: 'dev' }],
      ['BUILD_DEPENDENCY_OF', 'DEPENDS_ON', 'ba', { scope: 'build' }],
      ['RUNTIME_DEPENDENCY_OF', 'DEPENDS_ON', 'ba', { scope: 'runtime' }],
      ['OPTIONAL_DEPENDENCY_OF', 'DEPENDS_ON', 'ba', { scope: 'optional' }],
      ['PROVIDED_DEPENDENCY_OF', 'DEPENDS_ON', 'ba', { scope: 'provided' }],
      ['TEST_DEPENDENCY_OF', 'DEPENDS_ON', 'ba', { scope: 'test' }],
      ['CONTAINS', 'CONTAINS', 'ab', {}],
      ['CONTAINED_BY', 'CONTAINS', 'ba', {}],
      ['ANCESTOR_OF', 'DERIVED_FROM', 'ba', { relation: 'descendant-of' }],
      ['DESCENDANT_OF', 'DERIVED_FROM', 'ab', { relation: 'descendant-of' }],
      ['VARIANT_OF', 'DERIVED_FROM', 'ab', { relation: 'variant-of' }],
      ['GENERATED_FROM', 'DERIVED_FROM', 'ab', { relation: 'generated-from' }],
      ['GENERATES', 'DERIVED_FROM', 'ba', { relation: 'generated-from' }],
    ];
    for (const [spdxType, edgeType, dir, props] of cases) {
      for (const [syntax, parse] of SYNTAXES) {
        test(`${syntax}: a ${spdxType} b → ${edgeType} ${dir === 'ab' ? 'a → b' : 'b → a'}`, () => {
          const { batch: b, stats } = parse({ packages: [A, B], relationships: [['SPDXRef-a', spdxType, 'SPDXRef-b']] });
          const [from, to] = dir === 'ab' ? [A.purl, B.purl] : [B.purl, A.purl];
          const drawn = b.edges.filter((e) => e.type === edgeType);
          assert.deepEqual(drawn.map((e) => `${e.from.key} -> ${e.to.key}`), [`${from} -> ${to}`]);
          for (const [k, v] of Object.entries(props)) assert.equal(drawn[0]!.props[k], v, k);
          assert.deepEqual(stats.relationships.mapped, { [spdxType]: 1 });
          assert.deepEqual(b.warnings, []);
        });
      }
    }
    for (const [syntax, parse] of SYNTAXES) {
      test(`${syntax}: DESCRIBES / DESCRIBED_BY → Document DESCRIBES element`, () => {
        const { batch: b } = parse({ packages: [A, B], relationships: [['SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-a'], ['SPDXRef-b', 'DESCRIBED_BY', 'SPDXRef-DOCUMENT']] });
        assert.deepEqual(norm(b, 'DESCRIBES'), [`${D} -> ${A.purl}`, `${D} -> ${B.purl}`]);
      });
    }
    test('documentDescribes (JSON) → DESCRIBES, a file subject included', () => {
      const doc = toJson({ packages: [A], files: [{ id: 'SPDXRef-f', name: 'bin', checksums: [['SHA256', sha('aa')]] }] });
      doc.documentDescribes = ['SPDXRef-a', 'SPDXRef-f'];
      const { batch: b, stats } = mapSpdx2Json(documentInput(doc));
      assert.deepEqual(norm(b, 'DESCRIBES'), [`${D} -> ${A.purl}`, `${D} -> sha256:${sha('aa')}`]);
      assert.deepEqual(stats.relationships.mapped, { documentDescribes: 2 });
    });
    test('GENERATED_FROM picks BUILT_FROM when the source is a file, a digest or a repository, and warns when nothing fits', () => {
      const { batch: b, stats } = viaJson({
        packages: [
          { ...A, checksums: [['SHA256', sha('a1')]] },
          { ...B, download: 'git+https://github.com/acme/b.git@v2' },
          { id: 'SPDXRef-bare', name: 'bare', version: '1' },
        ],
        files: [
          { id: 'SPDXRef-bin', name: 'bin', checksums: [['SHA256', sha('b1')]] },
          { id: 'SPDXRef-src', name: 'src.tar', checksums: [['SHA256', sha('c1')]] },
          { id: 'SPDXRef-bin2', name: 'bin2', checksums: [['SHA256', sha('b2')]] },
          { id: 'SPDXRef-bin3', name: 'bin3', checksums: [['SHA256', sha('b3')]] },
        ],
        relationships: [
          ['SPDXRef-bin', 'GENERATED_FROM', 'SPDXRef-src'],
          ['SPDXRef-a', 'GENERATES', 'SPDXRef-bin2'],
          ['SPDXRef-bin3', 'GENERATED_FROM', 'SPDXRef-b'],
          ['SPDXRef-bin3', 'GENERATED_FROM', 'SPDXRef-bare'],
        ],
      });
      assert.deepEqual(b.edges.filter((e) => e.type === 'BUILT_FROM').map((e) => `${e.from.key} -> ${e.to.key} ${e.props.uri} ${e.props.revision}`).sort(), [
        `sha256:${sha('b1')} -> sha256:${sha('c1')} null null`,
        `sha256:${sha('b2')} -> sha256:${sha('a1')} null null`,
        `sha256:${sha('b3')} -> https://github.com/acme/b https://github.com/acme/b v2`,
      ]);
      assert.deepEqual(stats.relationships.unmappable, { GENERATED_FROM: 1 });
      assert.match(b.warnings.find((w) => w.code === 'UNMAPPED_RELATIONSHIPS')!.message, /GENERATED_FROM ×1/);
    });
  });

  for (const [syntax, parse] of SYNTAXES) {
    test(`${syntax}: dangling refs warn, self-loops are ignored, cycles are kept, other types are counted once`, () => {
      const { batch: b, stats } = parse({
        packages: [A, B],
        relationships: [
          ['SPDXRef-a', 'DEPENDS_ON', 'SPDXRef-b'], ['SPDXRef-b', 'DEPENDS_ON', 'SPDXRef-a'],
          ['SPDXRef-a', 'DEPENDS_ON', 'SPDXRef-a'], ['SPDXRef-a', 'DEPENDS_ON', 'SPDXRef-ghost'], ['SPDXRef-nobody', 'CONTAINS', 'SPDXRef-a'],
          ['SPDXRef-a', 'OTHER', 'SPDXRef-b'], ['SPDXRef-a', 'OTHER', 'SPDXRef-ghost'], ['SPDXRef-a', 'PATCH_FOR', 'SPDXRef-b'], ['SPDXRef-a', 'CONTAINS', 'NONE'],
        ],
      });
      assert.deepEqual(edges(b, 'DEPENDS_ON'), [`${A.purl} -> ${B.purl}`, `${B.purl} -> ${A.purl}`]);
      assert.deepEqual(codes(b), ['DANGLING_REF', 'DANGLING_REF', 'IGNORED_RELATIONSHIPS', 'SELF_RELATIONSHIP']);
      const dangling = b.warnings.filter((w) => w.code === 'DANGLING_REF');
      assert.match(dangling[0]!.message, /SPDXRef-ghost/);
      assert.equal(dangling[0]!.at, syntax === 'JSON' ? '/relationships/3' : `line ${toTagValue({ packages: [A, B] }).split('\n').length + 3}`);
      assert.match(b.warnings.find((w) => w.code === 'IGNORED_RELATIONSHIPS')!.message, /^3 relationship\(s\).*OTHER ×2, PATCH_FOR ×1/);
      const r = stats.relationships;
      assert.deepEqual(r.declared, { DEPENDS_ON: 4, CONTAINS: 2, OTHER: 2, PATCH_FOR: 1 });
      assert.deepEqual([r.mapped, r.selfLoops, r.dangling, r.ignored, r.none], [{ DEPENDS_ON: 2 }, { DEPENDS_ON: 1 }, { DEPENDS_ON: 1, CONTAINS: 1 }, { OTHER: 2, PATCH_FOR: 1 }, { CONTAINS: 1 }]);
    });

    test(`${syntax}: references into other documents are recorded as one warning per external document`, () => {
      const { batch: b, stats } = parse({
        packages: [A],
        externalDocs: [['DocumentRef-base', 'https://example.com/spdx/base-1']],
        relationships: [['SPDXRef-a', 'DEPENDS_ON', 'DocumentRef-base:SPDXRef-x'], ['SPDXRef-a', 'DEPENDS_ON', 'DocumentRef-base:SPDXRef-y'], ['SPDXRef-a', 'DEPENDS_ON', 'DocumentRef-other:SPDXRef-z']],
      });
      assert.equal(edges(b, 'DEPENDS_ON').length, 0);
      const ext = b.warnings.filter((w) => w.code === 'EXTERNAL_DOCUMENT_REF').map((w) => w.message).sort();
      assert.equal(ext.length, 2);
      assert.match(ext[0]!, /^1 relationship\(s\) .*DocumentRef-other \(not declared/);
      assert.match(ext[1]!, /^2 relationship\(s\) .*DocumentRef-base \(https:\/\/example.com\/spdx\/base-1\)/);
      assert.deepEqual(stats.relationships.external, { DEPENDS_ON: 3 });
    });
  }

  test('duplicate SPDXIDs keep the first element and warn', () => {
    const doc = toJson({ packages: [A, { ...B, id: 'SPDXRef-a' }], relationships: [['SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-a']] });
    const { batch: b } = mapSpdx2Json(documentInput(doc));
    assert.deepEqual(keys(b, 'PackageVersion'), [A.purl]);
    assert.deepEqual(norm(b, 'DESCRIBES'), [`${D} -> ${A.purl}`]);
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['DUPLICATE_SPDXID', '/packages/1']]);
  });

  test('structurally invalid JSON fails with INVALID_DOCUMENT and a pointer; unknown fields do not', () => {
    const base = toJson({ packages: [A, B], relationships: [['SPDXRef-a', 'DEPENDS_ON', 'SPDXRef-b']] });
    const fails = (mutate: (d: Record<string, unknown>) => void, at: string): void => {
      const d = structuredClone(base);
      mutate(d);
      assert.throws(() => mapSpdx2Json(documentInput(d)), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && e.at === at, at);
    };
    fails((d) => { d.packages = { a: 1 }; }, '/packages');
    fails((d) => { d.relationships = 'none'; }, '/relationships');
    fails((d) => { (d.packages as unknown[])[1] = 'x'; }, '/packages/1');
    fails((d) => { delete ((d.packages as Array<Record<string, unknown>>)[0]!).SPDXID; }, '/packages/0/SPDXID');
    fails((d) => { delete ((d.relationships as Array<Record<string, unknown>>)[0]!).relatedSpdxElement; }, '/relationships/0/relatedSpdxElement');
    fails((d) => { ((d.relationships as Array<Record<string, unknown>>)[0]!).relationshipType = 7; }, '/relationships/0/relationshipType');
    fails((d) => { delete d.spdxVersion; }, '/spdxVersion');
    const lenient = structuredClone(base);
    lenient.futureField = { x: [1, 2] };
    ((lenient.packages as Array<Record<string, unknown>>)[0]!).somethingNew = true;
    ((lenient.packages as Array<Record<string, unknown>>)[1]!).checksums = 'not-a-list';
    const { batch } = mapSpdx2Json(documentInput(lenient));
    assert.equal(batch.document.componentCount, 2);
    assert.deepEqual(batch.warnings.map((w) => [w.code, w.at]), [['INVALID_FIELD', '/packages/1/checksums']]);
  });

  test('tag-value problems name their line', () => {
    const good = toTagValue({ packages: [A, B] }).split('\n');
    const at = (lines: string[], needle: string): number => lines.findIndex((l) => l.startsWith(needle)) + 1;
    const badRel = [...good, 'Relationship: SPDXRef-a DEPENDS_ON'];
    assert.throws(() => mapSpdx2TagValue(documentInput(badRel.join('\n'))), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && e.at === `line ${badRel.length}`);
    const unterminated = [...good, 'PackageComment: <text>never', 'closed'];
    assert.throws(() => mapSpdx2TagValue(documentInput(unterminated.join('\n'))), (e: unknown) => e instanceof IngestError && e.code === 'PARSE_ERROR' && e.at === `line ${unterminated.length - 1}`);
    const noId = good.filter((l) => l !== `SPDXID: ${B.id}`);
    assert.throws(() => mapSpdx2TagValue(documentInput(noId.join('\n'))), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && e.at === `line ${at(noId, 'PackageName: b')}`);
    const noisy = [...good.slice(0, 5), 'this line has no tag', 'FileChecksum: SHA1: abc', 'FutureTag: whatever', ...good.slice(5)];
    const { batch } = mapSpdx2TagValue(documentInput(noisy.join('\n')));
    assert.equal(batch.document.componentCount, 2);
    assert.deepEqual(batch.warnings.map((w) => [w.code, w.at]), [['MALFORMED_LINE', 'line 6'], ['MISPLACED_TAG', 'line 7']]);
    assert.throws(() => mapSpdx2TagValue(documentInput('DocumentName: x\nSPDXID: SPDXRef-DOCUMENT\n')), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT');
  });

  test('an unknown SPDX 2 minor version is read leniently with a warning', () => {
    const { batch } = viaJson({ version: 'SPDX-2.9', packages: [A] });
    assert.deepEqual(batch.warnings.map((w) => w.code), ['UNSUPPORTED_SPEC_VERSION']);
    assert.equal(batch.document.specVersion, '2.9');
  });

  for (const [syntax, parse] of SYNTAXES) {
    test(`${syntax}: 20,000 packages and 60,000 relationships map in linear time`, () => {
      const n = 20_000;
      const packages: TPkg[] = Array.from({ length: n }, (_, i) => ({ id: `SPDXRef-p${i}`, name: `p${i}`, version: '1', purl: `pkg:npm/p${i}@1` }));
      const relationships: Array<[string, string, string]> = [];
      for (let i = 0; i < n; i++) {
        relationships.push([`SPDXRef-p${i}`, 'DEPENDS_ON', `SPDXRef-p${(i + 1) % n}`]); // one big cycle
        relationships.push([`SPDXRef-p${(i * 7) % n}`, 'CONTAINS', `SPDXRef-p${(i * 7 + 3) % n}`]);
        relationships.push([`SPDXRef-p${i}`, 'OTHER', `SPDXRef-p${(i + 2) % n}`]);
      }
      const input = documentInput(syntax === 'JSON' ? toJson({ packages, relationships }) : toTagValue({ packages, relationships }));
      const t0 = performance.now();
      const { batch: b, stats } = parse === viaJson ? mapSpdx2Json(input) : mapSpdx2TagValue(input);
      const ms = performance.now() - t0;
      assert.equal(b.document.componentCount, n);
      assert.equal(edges(b, 'DEPENDS_ON').length, n);
      assert.equal(stats.relationships.declared.OTHER, n);
      assert.ok(ms < 10_000, `took ${ms.toFixed(0)} ms`);
    });
  }
});
