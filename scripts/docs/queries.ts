/**
 * Runs every marked example in the documentation against a fresh server
 * loaded with examples/ (see scripts/docs/doc-examples.ts for the format).
 *
 *   npx tsx scripts/docs/queries.ts           # check: exit 1 with a diff when an output differs
 *   npx tsx scripts/docs/queries.ts --write   # rewrite the outputs in place (npm run docs:examples)
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyResults, describeMismatches, parseExamples, REPO, runExamples, type ExampleResult } from './doc-examples.js';
import { startDocServer } from './doc-server.js';

/** The documents whose examples are executed. */
export const EXAMPLE_DOCS = ['README.md', 'docs/queries.md'];

export interface DocRun {
  file: string;
  markdown: string;
  results: ExampleResult[];
}

export async function runDocs(files: readonly string[] = EXAMPLE_DOCS): Promise<DocRun[]> {
  const docs = await Promise.all(files.map(async (file) => ({ file, markdown: await readFile(path.join(REPO, file), 'utf8') })));
  const parsed = docs.map((d) => ({ ...d, examples: parseExamples(d.markdown, d.file) }));
  const server = await startDocServer();
  try {
    const runs: DocRun[] = [];
    for (const d of parsed) runs.push({ file: d.file, markdown: d.markdown, results: await runExamples(server, d.examples) });
    return runs;
  } finally {
    await server.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  const runs = await runDocs();
  let failed = false;
  for (const run of runs) {
    const changed = run.results.filter((r) => r.actual !== r.expected).length;
    if (write) {
      if (changed > 0) await writeFile(path.join(REPO, run.file), applyResults(run.markdown, run.results));
      process.stdout.write(`${run.file}: ${run.results.length} examples, ${changed} output(s) rewritten\n`);
    } else {
      const report = describeMismatches(run.file, run.results);
      if (report) {
        failed = true;
        process.stderr.write(`${report}\n`);
      } else {
        process.stdout.write(`${run.file}: ${run.results.length} examples, all match\n`);
      }
    }
  }
  process.exitCode = failed ? 1 : 0;
}
