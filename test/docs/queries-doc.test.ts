/**
 * The documentation's examples are what the code does: every marked example
 * in README.md and docs/queries.md runs against a real server (embedded Kuzu,
 * in-process worker) loaded with examples/, and its output must equal the
 * one in the doc. `npm run docs:examples` rewrites the outputs after an
 * intended change.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyResults, describeMismatches, DocFormatError, lineDiff, parseExamples, REPO } from '../../scripts/docs/doc-examples.js';
import { EXAMPLE_INPUTS } from '../../scripts/docs/doc-server.js';
import { EXAMPLE_DOCS, runDocs, type DocRun } from '../../scripts/docs/queries.js';
import { EXAMPLES_DIR, generate } from '../../scripts/examples/generate.js';

describe('documentation examples', () => {
  let runs: DocRun[];
  before(async () => {
    runs = await runDocs(EXAMPLE_DOCS);
  });

  for (const file of EXAMPLE_DOCS) {
    test(`${file}: every example's output is what the server and CLI answer today`, () => {
      const run = runs.find((r) => r.file === file)!;
      assert.ok(run.results.length > 0, `${file} has no marked examples`);
      const report = describeMismatches(file, run.results);
      assert.equal(report, null, report ?? undefined);
    });
  }

  test('docs/queries.md runs every query family and every CLI subcommand', () => {
    const run = runs.find((r) => r.file === 'docs/queries.md')!;
    const text = run.results.map((r) => (r.example.kind === 'graphql' ? r.example.operation : r.example.commands.map((c) => c.command).join('\n'))).join('\n');
    for (const field of ['sboms', 'sbom(', 'package(', 'packageVersion(', 'node(', 'search(', 'document(', 'artifact(', 'models(', 'datasets(', 'dependencies(', 'dependents(', 'vulnerability(', 'vulnerabilities(', 'signedModels(', 'provenance(', 'path(', 'stats']) {
      assert.ok(text.includes(field), `no example uses ${field}`);
    }
    for (const sub of ['query affected', 'query dependents', 'query provenance', 'query signed-models']) assert.ok(text.includes(`supplygraph ${sub}`), `no example runs supplygraph ${sub}`);
  });

  test('a changed output is reported as a diff naming the example and its line', () => {
    const run = runs.find((r) => r.file === 'docs/queries.md')!;
    const stats = run.results.find((r) => r.example.name === 'stats')!;
    const stale = run.results.map((r) => (r === stats ? { ...r, expected: r.actual.replace(/"nodes": \d+/, '"nodes": 1') } : r));
    const report = describeMismatches('docs/queries.md', stale);
    assert.ok(report, 'a stale output must be reported');
    assert.match(report, /1 example\(s\) in docs\/queries\.md no longer match/);
    assert.match(report, new RegExp(`example "stats" \\(docs/queries\\.md:${stats.example.line}\\)`));
    assert.match(report, /^- .*"nodes": 1,$/m);
    assert.match(report, /^\+ .*"nodes": \d+,$/m);
    assert.match(report, /npm run docs:examples/);
    // Writing the run back gives the doc unchanged: the outputs in the doc are the run's.
    assert.equal(applyResults(run.markdown, run.results), run.markdown);
  });

  for (const file of ['README.md', 'docs/queries.md']) {
    test(`${file}: the walkthrough ingests exactly what the examples ran against`, async () => {
      const md = await readFile(path.join(REPO, file), 'utf8');
      const m = /^\$ npx supplygraph ingest (.+)$/m.exec(md);
      assert.ok(m, `${file} has no "$ npx supplygraph ingest …" line`);
      assert.deepEqual(m[1].trim().split(/\s+/), EXAMPLE_INPUTS);
      for (const input of EXAMPLE_INPUTS) await stat(path.join(REPO, input));
      assert.match(md, /SUPPLYGRAPH_TRUST_CONFIG=examples\/trust\.yaml/);
    });
  }
});

describe('examples/', () => {
  let copy: string;
  before(async () => {
    copy = await mkdtemp(path.join(os.tmpdir(), 'supplygraph-examples-'));
    await cp(EXAMPLES_DIR, copy, { recursive: true });
  });
  after(async () => {
    await rm(copy, { recursive: true, force: true });
  });

  test('the committed signed model is what scripts/examples/generate.ts makes (files, manifest, trust file)', () => {
    assert.deepEqual(generate(copy, false), []);
  });

  test('a changed model file is re-signed by the generator', async () => {
    await cp(path.join(copy, 'models', 'sentiment', 'config.json'), path.join(copy, 'models', 'sentiment', 'extra.json'));
    assert.deepEqual(generate(copy, false), ['models/sentiment/model.sig']);
    assert.deepEqual(generate(copy, false), []);
  });
});

describe('example markup', () => {
  test('a marker must be followed by a graphql+json pair or a console block', () => {
    assert.throws(() => parseExamples('<!-- example: a -->\nprose\n```graphql\n{ stats { nodes } }\n```\n', 'x.md'), DocFormatError);
    assert.throws(() => parseExamples('<!-- example: a -->\n```graphql\n{ stats { nodes } }\n```\n\n```console\n$ ls\n```\n', 'x.md'), /must be followed by a json block/);
    assert.throws(() => parseExamples('<!-- example: a -->\n```console\nno command\n```\n', 'x.md'), /output before the first command/);
    assert.throws(() => parseExamples('<!-- example: a -->\n```console\n$ ls\n```\n<!-- example: a -->\n```console\n$ ls\n```\n', 'x.md'), /defined twice/);
    const [g, c] = parseExamples('<!-- example: g -->\n```graphql\n{ stats { nodes } }\n```\n\n```json\nold\n```\n\n<!-- example: c -->\n```console\n$ echo a \\\n  b\nold\n```\n', 'x.md');
    assert.equal(g.kind === 'graphql' && g.operation, '{ stats { nodes } }\n');
    assert.equal(g.kind === 'graphql' && g.output.text, 'old\n');
    assert.deepEqual(c.kind === 'console' && c.commands, [{ command: 'echo a \\\n  b', output: 'old\n' }]);
  });

  test('the diff shows removed and added lines with context', () => {
    assert.equal(lineDiff('a\nb\nc', 'a\nB\nc'), '  a\n- b\n+ B\n  c');
  });
});
