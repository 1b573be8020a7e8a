import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cycloneDxJsonParser } from '../../../ingestors/cyclonedx/json.js';
import { cycloneDxXmlParser } from '../../../ingestors/cyclonedx/xml.js';
import { MAX_SCHEMA_WARNINGS, validateJson } from '../../../ingestors/cyclonedx/validate.js';
import { IngestError } from '../../../ingestors/parser.js';
import { documentInput } from '../../support/parse.js';

type Json = Record<string, unknown>;

const valid = (components: Json[], specVersion = '1.6'): Json => ({
  bomFormat: 'CycloneDX', specVersion, serialNumber: 'urn:uuid:6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f', version: 1, components,
});
const lib = (name: string, more: Json = {}): Json => ({ type: 'library', 'bom-ref': name, name, version: '1.0.0', purl: `pkg:npm/${name}@1.0.0`, ...more });

async function rejects(p: Promise<unknown>): Promise<IngestError> {
  let caught: unknown;
  try {
    await p;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof IngestError, `expected an IngestError, got ${String(caught)}`);
  return caught;
}

describe('CycloneDX schema validation', () => {
  test('strict: a violation fails the document, naming the JSON pointer', async () => {
    const doc = valid([lib('a'), lib('b', { type: 'gizmo', hashes: [{ alg: 'SHA-256', content: 'not-hex' }] })]);
    const e = await rejects(Promise.resolve(cycloneDxJsonParser.parse(documentInput(doc, { validate: 'strict' }))));
    assert.equal(e.code, 'SCHEMA_VIOLATION');
    assert.equal(e.at, '/components/1/type');
    assert.match(e.message, /does not validate against the CycloneDX 1\.6 JSON schema \(validate=strict\): \/components\/1\/type: must be equal to one of the allowed values \(application, framework, library/);
    assert.match(e.message, /\/components\/1\/hashes\/0\/content: must match pattern/);
  });

  test('lenient (default): the same violations are warnings and the document is read', async () => {
    const doc = valid([lib('a'), lib('b', { type: 'gizmo' })]);
    const b = await cycloneDxJsonParser.parse(documentInput(doc));
    assert.equal(b.document.componentCount, 2);
    const v = b.warnings.filter((w) => w.code === 'SCHEMA_VIOLATION');
    assert.equal(v.length, 1);
    assert.equal(v[0]!.at, '/components/1/type');
    assert.match(v[0]!.message, /read leniently/);
  });

  test('lenient warnings are capped', async () => {
    const doc = valid(Array.from({ length: 60 }, (_, i) => lib(`c${i}`, { type: 'gizmo' })));
    const b = await cycloneDxJsonParser.parse(documentInput(doc));
    const v = b.warnings.filter((w) => w.code === 'SCHEMA_VIOLATION');
    assert.equal(v.length, MAX_SCHEMA_WARNINGS + 1);
    assert.match(v.at(-1)!.message, /40 more schema violations not shown/);
  });

  test('strict: a valid document passes with no warnings, in every supported version', async () => {
    for (const specVersion of ['1.2', '1.3', '1.4', '1.5', '1.6']) {
      const b = await cycloneDxJsonParser.parse(documentInput(valid([lib('a')], specVersion), { validate: 'strict' }));
      assert.deepEqual(b.warnings, [], specVersion);
    }
  });

  test('uniqueItems is enforced (duplicate components), in linear time', async () => {
    assert.deepEqual(validateJson(valid([lib('a'), lib('b'), { ...lib('a') }]), '1.6').map((i) => i.at), ['/components']);
    // Key order does not make two equal items different.
    const reordered = Object.fromEntries(Object.entries(lib('a')).reverse());
    assert.match(validateJson(valid([lib('a'), reordered]), '1.6')[0]!.message, /duplicate items \(items ## 0 and 1 are identical\)/);
    // 20,000 components: ajv's own pairwise check would make ~200 million comparisons here.
    const many = valid(Array.from({ length: 20_000 }, (_, i) => lib(`c${i}`)));
    assert.deepEqual(validateJson(many, '1.6'), []);
  });

  test('strict: a spec version without an official schema cannot pass', async () => {
    const e = await rejects(Promise.resolve(cycloneDxJsonParser.parse(documentInput(valid([lib('a')], '1.9'), { validate: 'strict' }))));
    assert.equal(e.code, 'SCHEMA_VIOLATION');
    assert.equal(e.at, '/specVersion');
    const lenient = await cycloneDxJsonParser.parse(documentInput(valid([lib('a')], '1.9')));
    assert.deepEqual(lenient.warnings.map((w) => w.code), ['UNSUPPORTED_SPEC_VERSION']);
  });

  test('XML strict: without the XSD validator, spec checks fail with an XPath; a clean document passes with a notice', async () => {
    const xml = (type: string, alg: string, value = 'ab'.repeat(32)): string => `<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.4" serialNumber="urn:uuid:6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f" version="1">
  <components>
    <component type="library" bom-ref="a"><name>a</name><version>1</version></component>
    <component type="${type}" bom-ref="b"><name>b</name><version>1</version><hashes><hash alg="${alg}">${value}</hash></hashes></component>
  </components>
</bom>`;
    const e = await rejects(Promise.resolve(cycloneDxXmlParser.parse(documentInput(xml('gizmo', 'SHA-256'), { validate: 'strict' }))));
    assert.equal(e.code, 'SCHEMA_VIOLATION');
    assert.equal(e.at, '/bom/components/component[2]');
    assert.match(e.message, /component type "gizmo" is not a CycloneDX 1\.4 component type/);
    const e2 = await rejects(Promise.resolve(cycloneDxXmlParser.parse(documentInput(xml('library', 'SHA-256', 'cafe'), { validate: 'strict' }))));
    assert.equal(e2.at, '/bom/components/component[2]/hashes/hash[1]');
    const e3 = await rejects(Promise.resolve(cycloneDxXmlParser.parse(documentInput(xml('library', 'CRC-32'), { validate: 'strict' }))));
    assert.match(e3.message, /hash algorithm "CRC-32" is not a CycloneDX 1\.4 algorithm/);
    const ok = await cycloneDxXmlParser.parse(documentInput(xml('library', 'SHA-256'), { validate: 'strict' }));
    assert.deepEqual(ok.warnings.map((w) => w.code), ['SCHEMA_VALIDATION_PARTIAL']);
    assert.match(ok.warnings[0]!.message, /libxmljs2/);
    const lenient = await cycloneDxXmlParser.parse(documentInput(xml('gizmo', 'SHA-256')));
    assert.deepEqual(lenient.warnings.map((w) => [w.code, w.at]), [['SCHEMA_VIOLATION', '/bom/components/component[2]']]);
  });
});
