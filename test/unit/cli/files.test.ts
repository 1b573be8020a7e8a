/**
 * File/folder/glob expansion for `supplygraph ingest` (services/cli/files.ts),
 * against a throwaway directory tree.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expandBraces, expandPaths, isGlob, matchGlob, segmentToRegExp } from '../../../services/cli/files.js';

let root = '';

const tree: Record<string, string> = {
  'a.json': '{}',
  'b.xml': '<x/>',
  '.hidden.json': '{}',
  'weird[1].json': '{}',
  'sboms/x.cdx.json': '{"bomFormat":"CycloneDX"}',
  'sboms/y.spdx.json': '{}',
  'sboms/readme.txt': 'hello',
  'sboms/nested/deep/z.cdx.json': '{}',
  'sboms/.git/config': '[core]',
  'sboms/.cache/q.cdx.json': '{}',
  'models/m1.sig': 'sig1',
  'models/m2.sig': 'sig22',
  'models/m10.sig': 'sig10',
};

async function expand(...operands: string[]) {
  return expandPaths(operands, { cwd: root });
}

async function displays(...operands: string[]): Promise<string[]> {
  const r = await expand(...operands);
  assert.deepEqual(r.unmatched, [], `unexpected unmatched for ${operands.join(' ')}`);
  return r.files.map((f) => f.display.split(path.sep).join('/'));
}

before(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'sg-files-')));
  for (const [rel, content] of Object.entries(tree)) {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  mkdirSync(path.join(root, 'empty'));
  mkdirSync(path.join(root, 'only-hidden/.git'), { recursive: true });
  writeFileSync(path.join(root, 'only-hidden/.git/HEAD'), 'ref');
  // A link back up the tree: recursion must not follow it (no endless walk, no duplicates).
  symlinkSync(root, path.join(root, 'sboms/nested/loop'), 'dir');
  // A link to a file is followed.
  symlinkSync(path.join(root, 'a.json'), path.join(root, 'models/link-to-a.json'), 'file');
});

after(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('expandPaths: files and folders', () => {
  test('a plain file gives itself, with absolute path, relative display and size', async () => {
    const r = await expand('models/m2.sig');
    assert.deepEqual(r.unmatched, []);
    assert.equal(r.files.length, 1);
    assert.equal(r.files[0].path, path.join(root, 'models/m2.sig'));
    assert.equal(r.files[0].display, path.join('models', 'm2.sig'));
    assert.equal(r.files[0].size, 5);
  });

  test('an explicitly named dotfile is taken', async () => {
    assert.deepEqual(await displays('.hidden.json'), ['.hidden.json']);
  });

  test('a folder is walked recursively, sorted, skipping dotfiles, dot-folders and folder symlinks', async () => {
    assert.deepEqual(await displays('sboms'), ['sboms/nested/deep/z.cdx.json', 'sboms/readme.txt', 'sboms/x.cdx.json', 'sboms/y.spdx.json']);
  });

  test('symlinks to files inside a folder are followed', async () => {
    assert.deepEqual(await displays('models'), ['models/link-to-a.json', 'models/m1.sig', 'models/m2.sig', 'models/m10.sig']);
  });

  test('an absolute folder outside cwd is displayed absolute', async () => {
    const r = await expandPaths([path.join(root, 'models')], { cwd: path.join(root, 'sboms') });
    assert.ok(r.files.length === 4);
    assert.ok(r.files.every((f) => path.isAbsolute(f.display)));
  });

  test('duplicates across operands are dropped, first occurrence order kept', async () => {
    assert.deepEqual(await displays('sboms/y.spdx.json', 'sboms', 'sboms/x.cdx.json'), [
      'sboms/y.spdx.json',
      'sboms/nested/deep/z.cdx.json',
      'sboms/readme.txt',
      'sboms/x.cdx.json',
    ]);
  });

  test('an existing name with glob characters is taken literally', async () => {
    assert.deepEqual(await displays('weird[1].json'), ['weird[1].json']);
  });
});

describe('expandPaths: globs', () => {
  test('* stays in one folder and skips dotfiles', async () => {
    assert.deepEqual(await displays('*.json'), ['a.json', 'weird[1].json']);
  });

  test('** spans folders but not dot-folders', async () => {
    assert.deepEqual(await displays('**/*.cdx.json'), ['sboms/nested/deep/z.cdx.json', 'sboms/x.cdx.json']);
  });

  test('** in the middle matches zero folders too', async () => {
    assert.deepEqual(await displays('sboms/**/x.cdx.json'), ['sboms/x.cdx.json']);
  });

  test('{a,b} alternatives, including ones containing /', async () => {
    assert.deepEqual(await displays('sboms/*.{cdx,spdx}.json'), ['sboms/x.cdx.json', 'sboms/y.spdx.json']);
    // Sorted within one operand, whatever the order of the alternatives.
    assert.deepEqual(await displays('{models/m1.sig,b.xml}'), ['b.xml', 'models/m1.sig']);
  });

  test('? matches exactly one character', async () => {
    assert.deepEqual(await displays('models/m?.sig'), ['models/m1.sig', 'models/m2.sig']);
    assert.deepEqual(await displays('models/m??.sig'), ['models/m10.sig']);
  });

  test('[...] classes, ranges and negation', async () => {
    assert.deepEqual(await displays('[ab].*'), ['a.json', 'b.xml']);
    assert.deepEqual(await displays('models/m[1-2].sig'), ['models/m1.sig', 'models/m2.sig']);
    assert.deepEqual(await displays('models/m[!1].sig'), ['models/m2.sig']);
  });

  test('a pattern starting with a dot matches dotfiles', async () => {
    assert.deepEqual(await displays('.*.json'), ['.hidden.json']);
  });

  test('a folder matched by a glob is expanded like a folder operand', async () => {
    assert.deepEqual(await displays('mod*'), ['models/link-to-a.json', 'models/m1.sig', 'models/m2.sig', 'models/m10.sig']);
  });

  test('a trailing ** is the whole folder; ** alone is everything non-hidden', async () => {
    assert.deepEqual(await displays('sboms/**'), await displays('sboms'));
    const all = await displays('**');
    assert.deepEqual(all, [
      'a.json',
      'b.xml',
      'models/link-to-a.json',
      'models/m1.sig',
      'models/m2.sig',
      'models/m10.sig',
      'sboms/nested/deep/z.cdx.json',
      'sboms/readme.txt',
      'sboms/x.cdx.json',
      'sboms/y.spdx.json',
      'weird[1].json',
    ]);
    assert.deepEqual(await displays('**/*'), all);
  });

  test('folder symlinks: followed when named, not when matched by a wildcard', async () => {
    assert.deepEqual(await displays('sboms/nested/*'), ['sboms/nested/deep/z.cdx.json']);
    assert.deepEqual(await displays('sboms/nested/loop/models/*.sig'), [
      'sboms/nested/loop/models/m1.sig',
      'sboms/nested/loop/models/m2.sig',
      'sboms/nested/loop/models/m10.sig',
    ]);
  });

  test('absolute glob patterns', async () => {
    const r = await expandPaths([path.join(root, 'models', '*.sig')], { cwd: tmpdir() });
    assert.deepEqual(
      r.files.map((f) => path.basename(f.path)),
      ['m1.sig', 'm2.sig', 'm10.sig'],
    );
  });
});

describe('expandPaths: operands that match nothing', () => {
  test('each one is reported with a reason, the rest still expand', async () => {
    const r = await expand('a.json', 'nope/*.json', 'missing.json', 'empty', 'only-hidden', '*.nothing');
    assert.deepEqual(
      r.files.map((f) => f.display),
      ['a.json'],
    );
    assert.deepEqual(r.unmatched, [
      { operand: 'nope/*.json', reason: 'matched no files' },
      { operand: 'missing.json', reason: 'does not exist' },
      { operand: 'empty', reason: 'is a folder with no (non-hidden) files' },
      { operand: 'only-hidden', reason: 'is a folder with no (non-hidden) files' },
      { operand: '*.nothing', reason: 'matched no files' },
    ]);
  });

  test('an empty operand is unmatched', async () => {
    const r = await expand('');
    assert.equal(r.files.length, 0);
    assert.equal(r.unmatched.length, 1);
  });
});

describe('glob helpers', () => {
  test('isGlob', () => {
    assert.equal(isGlob('a/b.json'), false);
    assert.equal(isGlob('a/*.json'), true);
    assert.equal(isGlob('a/b?.json'), true);
    assert.equal(isGlob('{a,b}'), true);
    assert.equal(isGlob('x[0]'), true);
    assert.equal(isGlob('a\\*.json'), false);
  });

  test('expandBraces: lists, nesting, literal groups', () => {
    assert.deepEqual(expandBraces('a.{json,xml}'), ['a.json', 'a.xml']);
    assert.deepEqual(expandBraces('{a,b}/{c,d}'), ['a/c', 'a/d', 'b/c', 'b/d']);
    assert.deepEqual(expandBraces('x{a,{b,c}}y'), ['xay', 'xby', 'xcy']);
    assert.deepEqual(expandBraces('x{a}y'), ['x{a}y']);
    assert.deepEqual(expandBraces('x{a,b'), ['x{a,b']);
    assert.deepEqual(expandBraces('x{,.bak}'), ['x', 'x.bak']);
    assert.deepEqual(expandBraces('\\{a,b}'), ['\\{a,b}']);
  });

  test('segmentToRegExp escapes regex characters and handles classes', () => {
    assert.equal(segmentToRegExp('a+b.(c)').test('a+b.(c)'), true);
    assert.equal(segmentToRegExp('a.json').test('aXjson'), false);
    assert.equal(segmentToRegExp('[a-c]x').test('bx'), true);
    assert.equal(segmentToRegExp('[a-c]x').test('dx'), false);
    assert.equal(segmentToRegExp('[\\-x]').test('-'), true);
    assert.equal(segmentToRegExp('[\\-x]').test('b'), false);
    assert.equal(segmentToRegExp('[]]').test(']'), true);
    assert.equal(segmentToRegExp('[unclosed').test('[unclosed'), true);
    assert.equal(segmentToRegExp('\\*').test('*'), true);
    assert.equal(segmentToRegExp('\\*').test('x'), false);
  });

  test('matchGlob on relative paths', () => {
    assert.equal(matchGlob('**/*.json', 'a/b/c.json'), true);
    assert.equal(matchGlob('**/*.json', 'c.json'), true);
    assert.equal(matchGlob('**/*.json', 'a/.git/c.json'), false);
    assert.equal(matchGlob('*.json', 'a/c.json'), false);
    assert.equal(matchGlob('*.json', '.c.json'), false);
    assert.equal(matchGlob('a/**', 'a/b/c'), true);
    assert.equal(matchGlob('a/**/b', 'a/b'), true);
    assert.equal(matchGlob('a/**/b', 'a/x/y/b'), true);
    assert.equal(matchGlob('a/**/b', 'a/x/y/c'), false);
    assert.equal(matchGlob('{x,y}/*.xml', 'y/q.xml'), true);
    assert.equal(matchGlob('{x,y}/*.xml', 'z/q.xml'), false);
  });
});
