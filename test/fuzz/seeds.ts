/**
 * Seed documents for the fuzz tests: one small, valid document per format
 * (written here so the suite needs nothing outside the repository), plus every
 * file under test/fixtures/ when that folder exists (or SUPPLYGRAPH_FUZZ_SEEDS,
 * a colon-separated list of files or folders), up to MAX_SEED_BYTES each.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Seed {
  name: string;
  /** The parser expected to read it; null for files found on disk (detected). */
  format: string | null;
  bytes: Buffer;
}

const MAX_SEED_BYTES = 256 * 1024;
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v, null, 1));

const INLINE: Seed[] = [
  { name: 'cyclonedx json', format: 'cyclonedx-json', bytes: json({
    bomFormat: 'CycloneDX', specVersion: '1.5', serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', version: 1,
    metadata: { timestamp: '2026-01-01T00:00:00Z', component: { type: 'application', 'bom-ref': 'app', name: 'app', version: '1.0.0' } },
    components: [
      { type: 'library', 'bom-ref': 'pkg:npm/left-pad@1.3.0', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0',
        hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }], licenses: [{ license: { id: 'MIT' } }],
        externalReferences: [{ type: 'vcs', url: 'https://github.com/left-pad/left-pad.git' }],
        components: [{ type: 'library', name: 'inner', version: '0.1' }] },
      { type: 'machine-learning-model', 'bom-ref': 'model', name: 'bert', version: '1',
        modelCard: { modelParameters: { datasets: [{ ref: 'data' }] } }, pedigree: { ancestors: [{ type: 'machine-learning-model', name: 'base', version: '0' }] } },
      { type: 'data', 'bom-ref': 'data', name: 'corpus', version: '2' },
    ],
    dependencies: [{ ref: 'app', dependsOn: ['pkg:npm/left-pad@1.3.0', 'model'] }, { ref: 'model', dependsOn: ['data'] }],
  }) },
  { name: 'cyclonedx xml', format: 'cyclonedx-xml', bytes: Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">\n' +
    '  <metadata><component type="application" bom-ref="app"><name>app</name><version>1</version></component></metadata>\n' +
    '  <components>\n    <component type="library" bom-ref="pkg:npm/a@1"><name>a</name><version>1</version><purl>pkg:npm/a@1</purl>\n' +
    '      <hashes><hash alg="SHA-256">' + 'b'.repeat(64) + '</hash></hashes>\n' +
    '      <components><component type="library"><name>nested</name><version>2</version></component></components>\n    </component>\n  </components>\n' +
    '  <dependencies><dependency ref="app"><dependency ref="pkg:npm/a@1"/></dependency></dependencies>\n' +
    '  <vulnerabilities><vulnerability bom-ref="v1"><id>CVE-2026-0001</id><references><reference><id>GHSA-xxxx-yyyy-zzzz</id></reference></references>\n' +
    '    <ratings><rating><score>7.5</score><severity>high</severity><method>CVSSv31</method></rating></ratings>\n' +
    '    <analysis><state>not_affected</state><justification>code_not_reachable</justification><responses><response>update</response></responses></analysis>\n' +
    '    <affects><target><ref>pkg:npm/a@1</ref><versions><version><range>vers:npm/&lt;2</range><status>affected</status></version></versions></target></affects>\n' +
    '  </vulnerability></vulnerabilities>\n</bom>\n') },
  { name: 'spdx 2 json', format: 'spdx2-json', bytes: json({
    spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name: 'app', documentNamespace: 'https://example.com/app-1',
    creationInfo: { created: '2026-01-01T00:00:00Z', creators: ['Tool: test'] },
    packages: [
      { SPDXID: 'SPDXRef-app', name: 'app', versionInfo: '1.0', downloadLocation: 'NOASSERTION' },
      { SPDXID: 'SPDXRef-lib', name: 'lib', versionInfo: '2.0', downloadLocation: 'NOASSERTION', licenseConcluded: 'MIT OR Apache-2.0',
        checksums: [{ algorithm: 'SHA256', checksumValue: 'c'.repeat(64) }],
        externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:pypi/lib@2.0' }] },
    ],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-app' },
      { spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-lib' },
      { spdxElementId: 'SPDXRef-lib', relationshipType: 'DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-app' },
    ],
  }) },
  { name: 'spdx 2 tag-value', format: 'spdx2-tag-value', bytes: Buffer.from([
    'SPDXVersion: SPDX-2.3', 'DataLicense: CC0-1.0', 'SPDXID: SPDXRef-DOCUMENT', 'DocumentName: app', 'DocumentNamespace: https://example.com/app-tv',
    'Creator: Tool: test', 'Created: 2026-01-01T00:00:00Z', '',
    'PackageName: app', 'SPDXID: SPDXRef-app', 'PackageVersion: 1.0', 'PackageDownloadLocation: NOASSERTION', '',
    'PackageName: lib', 'SPDXID: SPDXRef-lib', 'PackageVersion: 2.0', 'PackageDownloadLocation: NOASSERTION',
    'ExternalRef: PACKAGE-MANAGER purl pkg:npm/lib@2.0', 'PackageLicenseDeclared: MIT', '',
    'Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app', 'Relationship: SPDXRef-app DEPENDS_ON SPDXRef-lib', '',
  ].join('\n')) },
  { name: 'spdx 3 json-ld', format: 'spdx3-jsonld', bytes: json({
    '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
    '@graph': [
      { type: 'CreationInfo', '@id': '_:ci', specVersion: '3.0.1', created: '2026-01-01T00:00:00Z', createdBy: ['https://example.com/tool'] },
      { type: 'SpdxDocument', spdxId: 'https://example.com/doc', creationInfo: '_:ci', rootElement: ['https://example.com/model'] },
      { type: 'ai_AIPackage', spdxId: 'https://example.com/model', creationInfo: '_:ci', name: 'model', software_packageVersion: '1' },
      { type: 'dataset_DatasetPackage', spdxId: 'https://example.com/data', creationInfo: '_:ci', name: 'data', software_packageVersion: '1' },
      { type: 'Relationship', spdxId: 'https://example.com/rel', creationInfo: '_:ci', from: 'https://example.com/model', relationshipType: 'trainedOn', to: ['https://example.com/data'] },
    ],
  }) },
  { name: 'osv json', format: 'osv', bytes: json({
    schema_version: '1.6.0', id: 'GHSA-xxxx-yyyy-zzzz', modified: '2026-01-01T00:00:00Z', aliases: ['CVE-2026-0001'], summary: 'bad',
    affected: [{ package: { ecosystem: 'npm', name: 'left-pad', purl: 'pkg:npm/left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.1' }] }], versions: ['1.3.0'] }],
  }) },
  { name: 'osv yaml', format: 'osv', bytes: Buffer.from('id: PYSEC-2026-1\nmodified: 2026-01-01T00:00:00Z\naffected:\n- package:\n    ecosystem: PyPI\n    name: lib\n  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: "0"\n    - fixed: 1.10\n') },
  { name: 'csaf', format: 'csaf', bytes: json({
    document: { category: 'csaf_vex', csaf_version: '2.0', title: 't', publisher: { category: 'vendor', name: 'Example', namespace: 'https://example.com' },
      tracking: { id: 'EX-2026-1', status: 'final', version: '1', initial_release_date: '2026-01-01T00:00:00Z', current_release_date: '2026-01-01T00:00:00Z', revision_history: [] } },
    product_tree: { branches: [{ category: 'vendor', name: 'Example', branches: [{ category: 'product_name', name: 'lib', branches: [{ category: 'product_version', name: '2.0',
      product: { product_id: 'lib-2.0', name: 'lib 2.0', product_identification_helper: { purl: 'pkg:npm/lib@2.0' } } }] }] }] },
    vulnerabilities: [{ cve: 'CVE-2026-0002', product_status: { known_affected: ['lib-2.0'] } }],
  }) },
  { name: 'cve 5', format: 'cve5', bytes: json({
    dataType: 'CVE_RECORD', dataVersion: '5.1', cveMetadata: { cveId: 'CVE-2026-0003', state: 'PUBLISHED', datePublished: '2026-01-01T00:00:00Z' },
    containers: { cna: { providerMetadata: { orgId: '00000000-0000-0000-0000-000000000000' }, descriptions: [{ lang: 'en', value: 'bad' }],
      affected: [{ vendor: 'ex', product: 'lib', packageName: 'lib', collectionURL: 'https://registry.npmjs.org', versions: [{ version: '0', lessThan: '2.1', status: 'affected', versionType: 'semver' }] }] } },
  }) },
  { name: 'openvex', format: 'openvex', bytes: json({
    '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'https://example.com/vex/1', author: 'Example', timestamp: '2026-01-01T00:00:00Z', version: 1,
    statements: [{ vulnerability: { name: 'CVE-2026-0001' }, products: [{ '@id': 'pkg:npm/left-pad@1.3.0' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }],
  }) },
  { name: 'cyclonedx vex', format: 'cyclonedx-vex', bytes: json({
    bomFormat: 'CycloneDX', specVersion: '1.5', version: 1,
    vulnerabilities: [{ id: 'CVE-2026-0001', analysis: { state: 'not_affected', justification: 'code_not_reachable' }, affects: [{ ref: 'pkg:npm/left-pad@1.3.0' }] }],
  }) },
  { name: 'in-toto slsa', format: 'in-toto', bytes: json({
    _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'app.tar.gz', digest: { sha256: 'd'.repeat(64) } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: { buildDefinition: { buildType: 'https://example.com/build', externalParameters: { repository: 'https://github.com/example/app' },
      resolvedDependencies: [{ uri: 'git+https://github.com/example/app@refs/heads/main', digest: { gitCommit: 'e'.repeat(40) } }] },
    runDetails: { builder: { id: 'https://example.com/builder' } } },
  }) },
];

/** Inline seeds, then files from test/fixtures (or SUPPLYGRAPH_FUZZ_SEEDS). */
export function seedDocuments(): Seed[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const roots = process.env.SUPPLYGRAPH_FUZZ_SEEDS?.split(':').filter(Boolean) ?? [path.resolve(here, '../fixtures')];
  const found: Seed[] = [];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const file of walk(root)) {
      if (statSync(file).size > MAX_SEED_BYTES || /\.(md|txt|pem|key)$/i.test(file)) continue;
      found.push({ name: path.relative(process.cwd(), file), format: null, bytes: readFileSync(file) });
    }
  }
  return [...INLINE, ...found.sort((a, b) => a.name.localeCompare(b.name))];
}

function walk(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p).sort().flatMap((n) => walk(path.join(p, n)));
}
