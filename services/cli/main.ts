/**
 * The `supplygraph` command. Each sub-command lives in cli/commands/ and
 * registers itself; this file only assembles them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { projectRoot } from '../config/paths.js';
import { registerServe } from './commands/serve.js';
import { registerIngest } from './commands/ingest.js';
import { registerIngestModel } from './commands/ingest-model.js';
import { registerWorker } from './commands/worker.js';
import { registerVerifyModel } from './commands/verify-model.js';
import { registerQuery } from './commands/query.js';
import { registerCheck } from './commands/check.js';
import { registerDocuments } from './commands/documents.js';
import { registerImporter } from './commands/importer.js';

export function buildProgram(): Command {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  const program = new Command('supplygraph')
    .description('Supply-chain knowledge graph: SBOMs, signed ML models, provenance and advisories in one queryable graph.')
    .version(pkg.version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `
Quick start:
  supplygraph serve                         # API + worker on http://127.0.0.1:8080, data in ./data
  supplygraph ingest sboms/                 # upload every document under sboms/ and wait for them
  open http://127.0.0.1:8080/graphiql       # explore

Configuration comes from environment variables (see README.md, "Configuration").`);
  registerServe(program);
  registerWorker(program);
  registerIngest(program);
  registerIngestModel(program);
  registerVerifyModel(program);
  registerQuery(program);
  registerCheck(program);
  registerDocuments(program);
  registerImporter(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`supplygraph: ${(err as Error).message}\n`);
  process.exitCode = process.exitCode || 1;
}
