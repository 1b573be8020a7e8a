/**
 * `supplygraph ingest --help` names the --format values the server accepts:
 * the list comes from the ingestor registry, and every name the help text
 * mentions (list and examples) is one the worker's parserFor() takes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerIngest } from '../../../services/cli/commands/ingest.js';
import { IngestError, type DocumentInput } from '../../../ingestors/parser.js';
import { PARSERS, parserFor } from '../../../ingestors/registry.js';

function ingestHelp(): string {
  let out = '';
  const program = new Command('supplygraph').configureOutput({ writeOut: (s) => { out += s; }, writeErr: (s) => { out += s; } });
  registerIngest(program);
  program.commands.find((c) => c.name() === 'ingest')!.outputHelp();
  return out;
}

function forced(format: string): DocumentInput {
  return { bytes: Buffer.from('{}'), sha256: '0'.repeat(64), json: {}, text: null, options: { format }, ingestedAt: '2099-01-01T00:00:00.000Z' };
}

test('ingest --help lists every registry format, and every --format name it mentions is accepted', () => {
  const help = ingestHelp();
  const listed = /--format \(normally[^\n]*\n((?: {2}\S[^\n]*\n)+)/.exec(help);
  assert.ok(listed, `the help has no format list:\n${help}`);
  const names = listed[1].split(/[\s,]+/).filter(Boolean);
  assert.deepEqual(names, PARSERS.map((p) => p.format));
  const inExamples = [...help.matchAll(/--format[ =]([a-z0-9-]+)/g)].map((m) => m[1]);
  assert.ok(inExamples.length > 0, 'the examples show --format');
  for (const name of [...names, ...inExamples]) assert.equal(parserFor(forced(name)).format, name);
});

test('a format name the registry does not know fails with UNSUPPORTED_FORMAT naming the real ones', () => {
  assert.throws(() => parserFor(forced('spdx-json')), (err: unknown) => err instanceof IngestError && err.code === 'UNSUPPORTED_FORMAT' && /spdx2-json/.test(err.message));
});
