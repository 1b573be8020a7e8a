/**
 * `supplygraph importer list|status|run`: a client of the server's admin
 * importer routes, so a run from the command line is the very run the
 * schedule makes (same lock, same state, same queue) and the server, which
 * owns the data directory, does the work.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { ApiClient, ApiError, describeApiError } from '../api-client.js';
import { IMPORTER_KINDS } from '../../importers/config.js';
import type { ImporterStatusView, StartedRun } from '../../importers/service.js';

interface ClientOptions { server: string; token?: string; json?: boolean }

function client(opts: ClientOptions): ApiClient {
  return new ApiClient({ server: opts.server, token: opts.token ?? null });
}

function clientOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--server <url>', 'the supplygraph server').env('SUPPLYGRAPH_SERVER').default('http://127.0.0.1:8080'))
    .addOption(new Option('--token <token>', 'API token with the admin scope').env('SUPPLYGRAPH_TOKEN'))
    .option('--json', 'print JSON (for scripts)');
}

function fail(err: unknown, what: string): void {
  let text = describeApiError(err);
  if (err instanceof ApiError && err.code === 'IMPORTER_NOT_FOUND') text += '\n  list the configured importers with `supplygraph importer list`';
  if (err instanceof ApiError && err.isAuthError) text += '\n  importers need a token with the admin scope (--token or SUPPLYGRAPH_TOKEN)';
  process.stderr.write(`supplygraph importer ${what}: ${text}\n`);
  process.exitCode = err instanceof ApiError && err.status !== null && err.status < 500 ? 2 : 1;
}

function line(s: ImporterStatusView): string {
  const r = s.lastRun;
  const last = r ? `${r.outcome ?? 'running'} ${r.finishedAt ?? r.startedAt} (seen ${r.seen}, new ${r.new}, failed ${r.failed})` : 'never ran';
  return `${s.name.padEnd(24)} ${s.kind.padEnd(9)} ${(s.running ? 'running' : s.interval ? `every ${s.interval}` : 'on request').padEnd(12)} last: ${last}${s.nextRunAt ? `  next: ${s.nextRunAt}` : ''}\n    ${s.source}${s.lastError ? `\n    last error: ${s.lastError.code}: ${s.lastError.message}` : ''}`;
}

function detail(s: ImporterStatusView): string {
  const out = [line(s)];
  for (const f of s.lastRun?.failures ?? []) out.push(`    failed: ${f.code}: ${f.message}`);
  if (s.lastRun?.error) out.push(`    run failed: ${s.lastRun.error.code}: ${s.lastRun.error.message}`);
  return out.join('\n');
}

export function registerImporter(program: Command): void {
  const importer = program
    .command('importer')
    .description('Importers mirror advisory feeds (OSV, CSAF, CVE 5) and SBOM directories into the graph, on a schedule or on request.')
    .addHelpText('after', `
Importers are configured in the YAML file named by SUPPLYGRAPH_IMPORTERS_CONFIG (docs/importers.md)
and run on their interval inside \`serve\` (with a worker) and \`supplygraph worker\`.
Each entry becomes an ordinary ingest job; a run continues where a stopped one left off,
and imports only what changed since the last finished run.

Examples:
  supplygraph importer list
  supplygraph importer run pypi-osv                        # a configured importer, now
  supplygraph importer run osv https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip
  supplygraph importer status pypi-osv --json`);

  clientOptions(importer.command('list').description('List the configured importers with their last and next run.'))
    .action(async (opts: ClientOptions) => {
      const api = client(opts);
      try {
        const { importers } = await api.listImporters() as { importers: ImporterStatusView[] };
        if (opts.json) process.stdout.write(`${JSON.stringify(importers, null, 2)}\n`);
        else if (importers.length === 0) process.stdout.write('no importers configured; set SUPPLYGRAPH_IMPORTERS_CONFIG on the server (docs/importers.md)\n');
        else process.stdout.write(`${importers.map(line).join('\n')}\n`);
      } catch (err) {
        fail(err, 'list');
      } finally {
        api.close();
      }
    });

  clientOptions(importer.command('status <name>').description('Show an importer\'s state: running or not, its last run (documents seen, new, failed, each failure), its next run and last error.'))
    .action(async (name: string, opts: ClientOptions) => {
      const api = client(opts);
      try {
        const s = await api.importerStatus(name) as ImporterStatusView;
        process.stdout.write(opts.json ? `${JSON.stringify(s, null, 2)}\n` : `${detail(s)}\n`);
      } catch (err) {
        fail(err, 'status');
      } finally {
        api.close();
      }
    });

  clientOptions(importer.command('run <name-or-kind> [source]')
    .description(`Run a configured importer now, or run one import of a kind (${IMPORTER_KINDS.join(', ')}) from a URL or a path on the server's host, and wait for it.`))
    .option('--no-wait', 'return once the run has started')
    .addHelpText('after', `
Exit status: 0 when the run succeeded and every entry imported; 1 when the run failed or
some entries failed (each is listed, with its error code); 2 for a usage error.
A path source is read by the server (give an absolute path, or one relative to here when
the server runs on this host). Progress is shown on a terminal.`)
    .action(async (target: string, source: string | undefined, opts: ClientOptions & { wait: boolean }) => {
      const api = client(opts);
      try {
        let request: { name: string } | { kind: string; source: string };
        if (source !== undefined) {
          if (!(IMPORTER_KINDS as readonly string[]).includes(target)) {
            process.stderr.write(`supplygraph importer run: "${target}" is not an importer kind (${IMPORTER_KINDS.join(', ')}); to run a configured importer give only its name\n`);
            process.exitCode = 2;
            return;
          }
          request = { kind: target, source: /^https?:\/\//i.test(source) ? source : path.resolve(source) };
        } else {
          request = { name: target };
        }
        const started = await api.startImporter(request) as StartedRun;
        if (!opts.wait) {
          process.stdout.write(opts.json ? `${JSON.stringify(started)}\n` : `importer ${started.importer}: run ${started.runId} started; follow it with \`supplygraph importer status ${started.importer}\`\n`);
          return;
        }
        const tty = process.stderr.isTTY === true && !opts.json;
        let s: ImporterStatusView;
        for (;;) {
          s = await api.importerStatus(started.importer) as ImporterStatusView;
          const r = s.lastRun;
          if (tty && r) process.stderr.write(`\r${started.importer}: seen ${r.seen}, new ${r.new}, failed ${r.failed}   `);
          if (r && r.runId === started.runId && r.finishedAt) break;
          await new Promise((res) => setTimeout(res, 300));
        }
        if (tty) process.stderr.write('\n');
        process.stdout.write(opts.json ? `${JSON.stringify(s, null, 2)}\n` : `${detail(s)}\n`);
        const r = s.lastRun!;
        if (r.outcome !== 'succeeded' || r.failed > 0) process.exitCode = 1;
      } catch (err) {
        fail(err, 'run');
      } finally {
        api.close();
      }
    });
}
