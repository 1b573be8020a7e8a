/**
 * `supplygraph check`: re-derive every stored document and compare with the
 * graph (services/integrity/check.ts). Against a running server (admin token)
 * or directly on a data directory / Neo4j that no server is writing to.
 */
import { Option, type Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/config.js';
import { openGraphStore } from '../../graph/open-store.js';
import { FileSystemBlobStore } from '../../blobstore/fs-blob-store.js';
import { checkGraph, type CheckReport } from '../../integrity/check.js';
import { loadTrustConfig } from '../../trust/index.js';
import { ApiClient } from '../api-client.js';
import { createLogger } from '../../log/logger.js';

interface CheckOptions {
  server?: string;
  token?: string;
  dataDir?: string;
  json?: boolean;
  maxMismatches: string;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Integrity check: re-read every stored document, re-derive its facts with the same parsers, and compare them with the graph. Exit 0 when the graph is exactly what the documents say, 1 on any mismatch.')
    .addOption(new Option('--server <url>', 'check a running server (needs an admin token) instead of opening the store directly').env('SUPPLYGRAPH_SERVER'))
    .addOption(new Option('--token <token>', 'bearer token with the admin scope (for --server)').env('SUPPLYGRAPH_TOKEN'))
    .option('--data-dir <dir>', 'open this data directory directly (env SUPPLYGRAPH_DATA_DIR, default ./data); the embedded engine allows one process, so stop the server or use --server')
    .option('--json', 'print the report as JSON (for scripts)')
    .option('--max-mismatches <n>', 'list at most this many mismatches (all are counted)', '1000')
    .addHelpText('after', `
What is compared:
  nodes        every node some stored document asserts, and no other; properties as the asserting document gave them
  edges        every edge with the document that asserted it (doc), no more and no fewer
  derived      AFFECTS (vulnerability matches) and signature trust as a fresh derivation gives them now
  processing   every document complete (not left half-done by a crash)

Examples:
  supplygraph check --server http://127.0.0.1:8080 --token $ADMIN_TOKEN
  supplygraph check --data-dir ./data --json > check.json          # server stopped
  NEO4J_URL=bolt://db:7687 SUPPLYGRAPH_BLOB_DIR=/shared/blobs supplygraph check`)
    .action(async (opts: CheckOptions) => {
      const max = Number(opts.maxMismatches);
      if (!Number.isInteger(max) || max < 0) {
        process.stderr.write('supplygraph check: --max-mismatches needs a whole number >= 0\n');
        process.exitCode = 2;
        return;
      }
      let report: CheckReport;
      if (opts.server) {
        const client = new ApiClient({ server: opts.server, token: opts.token ?? null, requestTimeoutMs: 3_600_000 });
        report = await client.checkIntegrity(max) as CheckReport;
      } else {
        let config;
        try {
          config = loadConfig(process.env, { dataDir: opts.dataDir });
        } catch (err) {
          if (err instanceof ConfigError) {
            process.stderr.write(`supplygraph check: invalid configuration: ${err.message}\n`);
            process.exitCode = 2;
            return;
          }
          throw err;
        }
        const log = createLogger(process.env.SUPPLYGRAPH_LOG_LEVEL ?? 'warn');
        const store = await openGraphStore(config, log);
        try {
          const trust = config.trustConfigPath ? (await loadTrustConfig(config.trustConfigPath)).policy : undefined;
          report = await checkGraph({ store, blobs: new FileSystemBlobStore(config.blobDir), trustPolicy: trust, limits: config.limits, log }, { maxMismatches: max });
        } finally {
          await store.close();
        }
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(renderReport(report));
      process.exitCode = report.ok ? 0 : 1;
    });
}

export function renderReport(r: CheckReport): string {
  const lines = [`checked ${r.documents} documents against ${r.nodes} nodes and ${r.edges} edges (${r.engine}, ${(r.durationMs / 1000).toFixed(1)} s)`];
  if (r.ok) {
    lines.push('clean: the graph is exactly what the stored documents say');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${r.mismatchCount} mismatch(es): ${Object.entries(r.counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const m of r.mismatches) lines.push(`  ${m.kind}: ${m.message}`);
  if (r.mismatches.length < r.mismatchCount) lines.push(`  … and ${r.mismatchCount - r.mismatches.length} more (--max-mismatches, --json)`);
  return `${lines.join('\n')}\n`;
}
