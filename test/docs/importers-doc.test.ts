/**
 * Every YAML example in docs/importers.md is a valid importers file, and
 * together they show every importer kind: the documentation cannot drift from
 * the config loader.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPORTER_KINDS, parseImportersConfig } from '../../services/importers/config.js';
import { ImporterError } from '../../services/importers/errors.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(path.join(root, 'docs', 'importers.md'), 'utf8');
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

test('every YAML example in docs/importers.md loads, and every kind has one', () => {
  assert.ok(blocks.length >= IMPORTER_KINDS.length);
  const kinds = new Set<string>();
  for (const block of blocks) {
    for (const d of parseImportersConfig(block, path.join(root, 'docs', 'importers.yaml'))) kinds.add(d.kind);
  }
  assert.deepEqual([...kinds].sort(), [...IMPORTER_KINDS].sort());
});

test('the mistake the documentation shows is reported as it says', () => {
  const text = 'importers:\n  - { name: a, kind: osv, source: ./a }\n  - { name: b, kind: osv, source: ./b }\n  - { name: c, kind: csaf, source: ./p/provider-metadata.json, tlp: [PINK] }\n';
  assert.throws(() => parseImportersConfig(text, 'importers.yaml'), (err: unknown) => err instanceof ImporterError && err.code === 'IMPORTER_CONFIG_INVALID'
    && err.message === 'importers.yaml: importers[2].tlp[0]: "PINK" is not one of WHITE, GREEN, AMBER, RED');
});
