/**
 * Every third-party document committed under test/fixtures must say where it
 * comes from: each file is a row of test/fixtures/PROVENANCE.md (source
 * project, path, commit, licence), and each row names a file that exists. A
 * fixture added without its row, or a row left behind by a removed fixture,
 * fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from '../support/fixtures.js';

/** Files of our own in the folder, not fixtures: the list itself and its git attributes. */
const OWN_FILES = new Set(['PROVENANCE.md', '.gitattributes']);

function fixtureFiles(dir = FIXTURES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return fixtureFiles(abs);
    const rel = path.relative(FIXTURES_DIR, abs).split(path.sep).join('/');
    return OWN_FILES.has(rel) ? [] : [rel];
  });
}

/** The first cell of every table row, when it is a backticked path: `| \`guac/alpine-spdx.json\` | ...`. */
function listedFiles(): string[] {
  const md = readFileSync(path.join(FIXTURES_DIR, 'PROVENANCE.md'), 'utf8');
  return [...md.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}

test('every fixture file is listed in PROVENANCE.md, and every listed file exists', () => {
  const onDisk = fixtureFiles().sort();
  const listed = listedFiles().sort();
  assert.ok(onDisk.length > 100, `the fixtures are there (${onDisk.length} files)`);
  assert.deepEqual(onDisk.filter((f) => !listed.includes(f)), [], 'fixtures without a row in PROVENANCE.md');
  assert.deepEqual(listed.filter((f) => !onDisk.includes(f)), [], 'rows in PROVENANCE.md naming no fixture');
  assert.equal(new Set(listed).size, listed.length, 'no file is listed twice');
});

test('every row names its source path, a commit (or says it is not recorded) and, per section, a licence', () => {
  const md = readFileSync(path.join(FIXTURES_DIR, 'PROVENANCE.md'), 'utf8');
  for (const section of md.split(/^## /m).slice(1)) {
    const title = section.split('\n', 1)[0]!;
    const rows = section.split('\n').filter((l) => /^\| `/.test(l));
    assert.ok(rows.length > 0, `${title}: has rows`);
    const perRowLicence = /\| licence \|/.test(section);
    assert.ok(perRowLicence || /Licences?: /.test(section), `${title}: states a licence`);
    for (const row of rows) {
      const cells = row.split('|').slice(1, -1).map((c) => c.trim());
      assert.equal(cells.length, perRowLicence ? 5 : 3, `${title}: ${row}`);
      const commit = cells[perRowLicence ? 3 : 2]!;
      assert.match(commit, /^([0-9a-f]{40}|not recorded)$/, `${title}: commit of ${cells[0]}`);
      assert.ok(cells.every((c) => c.length > 0), `${title}: no empty cell in ${row}`);
    }
  }
});
