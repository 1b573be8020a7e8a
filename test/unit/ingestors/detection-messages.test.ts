/**
 * Messages for documents that are refused must name what was wrong with them:
 * an OSV record in YAML is not "not JSON", and an OSV record without
 * `modified` is an invalid OSV record, not a document in no supported format.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffUpload } from '../../../services/api/routes/documents.js';
import { parserFor } from '../../../ingestors/registry.js';
import { IngestError } from '../../../ingestors/parser.js';
import { documentInput } from '../../support/parse.js';

/** An OSV YAML record as osv.dev's YAML export writes it: a comment, then summary and a long details block first. */
const osvYaml = (withModified: boolean): string => [
  '# Advisory exported from a YAML OSV database',
  '---',
  'summary: Path traversal in archive extraction',
  'details: |',
  ...Array.from({ length: 80 }, (_, i) => `  Paragraph ${i} of the advisory text, long enough to push the identifiers past the first 4 KB.`),
  'id: GHSA-abcd-efgh-ijkl',
  ...(withModified ? ['modified: 2024-03-01T00:00:00Z'] : []),
  'affected:',
  '  - package:',
  '      ecosystem: PyPI',
  '      name: tarfile-helper',
  '    ranges:',
  '      - type: ECOSYSTEM',
  '        events:',
  '          - introduced: 0',
  '          - fixed: 1.2.0',
  '',
].join('\n');

function rejects(input: ReturnType<typeof documentInput>, code: string, at: string | undefined, message: RegExp): void {
  assert.throws(
    () => {
      const parser = parserFor(input);
      return parser.parse(input);
    },
    (e: unknown) => e instanceof IngestError && e.code === code && e.at === at && message.test(e.message),
  );
}

describe('upload sniff and detection messages', () => {
  test('an OSV YAML upload passes the upload sniff, whatever comes first', () => {
    assert.ok(osvYaml(true).indexOf('\nid:') > 4096, 'the id comes after the first 4 KB');
    assert.deepEqual(sniffUpload(Buffer.from(osvYaml(true))), { ok: true });
    assert.deepEqual(sniffUpload(Buffer.from('"id": GHSA-1\n"modified": 2024-01-01T00:00:00Z\n')), { ok: true });
    const bad = sniffUpload(Buffer.from('hello, world'));
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.reason, /not JSON, XML, SPDX tag-value or YAML/);
    assert.match(bad.ok ? '' : bad.reason, /OSV YAML record/);
  });

  test('the OSV YAML record is read by the OSV parser', () => {
    const input = documentInput(osvYaml(true));
    assert.equal(parserFor(input).format, 'osv');
  });

  test('an OSV record without "modified" is an invalid OSV record (JSON and YAML)', () => {
    const json = { schema_version: '1.6.0', id: 'GHSA-abcd-efgh-ijkl', affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, versions: ['1.0'] }] };
    rejects(documentInput(json), 'INVALID_DOCUMENT', '/modified', /^invalid OSV: missing "modified"/);
    rejects(documentInput(osvYaml(false)), 'INVALID_DOCUMENT', '/modified', /^invalid OSV: missing "modified"/);
  });

  test('a document no format recognises is described as what it is', () => {
    rejects(documentInput('name: x\nversion: 1\n'), 'UNSUPPORTED_FORMAT', undefined, /it is YAML but not an OSV record/);
    rejects(documentInput('<rss version="2.0"><channel/></rss>'), 'UNSUPPORTED_FORMAT', undefined, /it is XML but not a CycloneDX BOM/);
    rejects(documentInput('just some words'), 'UNSUPPORTED_FORMAT', undefined, /it is not JSON, XML, SPDX tag-value or OSV YAML/);
    rejects(documentInput({ hello: 'world' }), 'UNSUPPORTED_FORMAT', undefined, /it is JSON but none of the formats recognised it/);
  });
});
