/**
 * `supplygraph documents list|delete|download`: what the server holds, against a
 * running server (like `query`). Filters and answers are the REST API's
 * (GET/DELETE /api/v1/documents, GET /api/v1/documents/:id/content).
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { ApiClient, DEFAULT_SERVER, describeApiError } from '../api-client.js';
import type { DocumentPage } from '../../wire/documents.js';

interface ClientOptions {
  server: string;
  token?: string;
  json?: boolean;
}

interface ListOptions extends ClientOptions {
  kind?: string;
  format?: string;
  name?: string;
  label: string[];
  ingestedAfter?: string;
  ingestedBefore?: string;
  latest?: boolean;
  first: string;
  after?: string;
}

function client(opts: ClientOptions): ApiClient {
  return new ApiClient({ server: opts.server, token: opts.token ?? null });
}

function connectionOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--server <url>', 'supplygraph server URL').env('SUPPLYGRAPH_SERVER').default(DEFAULT_SERVER))
    .addOption(new Option('--token <token>', 'bearer token for the API').env('SUPPLYGRAPH_TOKEN'));
}

async function run(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    process.stderr.write(`supplygraph documents: ${describeApiError(err)}\n`);
    process.exitCode = 1;
  }
}

function renderList(page: DocumentPage): string {
  const lines = page.documents.map((d) => {
    const labels = Object.entries(d.labels).map(([k, v]) => `${k}=${v}`).join(',');
    return [d.id, d.kind, d.format, d.name ?? '-', d.ingestedAt, labels || '-', d.supersededBy ? `superseded by ${d.supersededBy}` : ''].join('\t').trimEnd();
  });
  const more = page.hasNextPage ? `\n(more: --after ${page.endCursor})` : '';
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${page.documents.length} of ${page.totalCount} document(s)${more}\n`;
}

export function registerDocuments(program: Command): void {
  const documents = program.command('documents').description('List, delete and download the documents a server holds.');

  connectionOptions(documents.command('list'))
    .description('List stored documents (read scope), filtered; ordered by id, one page at a time.')
    .option('--kind <kind>', 'sbom, advisory, vex, signature, attestation, scorecard')
    .option('--format <format>', 'format id, e.g. cyclonedx-json, osv')
    .option('--name <text>', 'substring of the document name (case-insensitive)')
    .option('--label <key=value>', 'only documents carrying this label (repeatable: all must hold)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--ingested-after <date>', 'ingested at or after this ISO-8601 date/instant')
    .option('--ingested-before <date>', 'ingested before this ISO-8601 date/instant')
    .option('--latest', 'leave out SBOMs a newer version supersedes')
    .option('--first <n>', 'page size', '50')
    .option('--after <id>', 'the last id of the previous page')
    .option('--json', 'print the answer as JSON')
    .action((opts: ListOptions) => run(async () => {
      const query: Array<[string, string]> = [];
      const add = (k: string, v: string | undefined): void => { if (v !== undefined) query.push([k, v]); };
      add('kind', opts.kind); add('format', opts.format); add('name', opts.name);
      add('ingestedAfter', opts.ingestedAfter); add('ingestedBefore', opts.ingestedBefore);
      add('latest', opts.latest ? 'true' : undefined); add('first', opts.first); add('after', opts.after);
      for (const l of opts.label) query.push(['label', l]);
      const c = client(opts);
      try {
        const page = (await c.listDocuments(query)) as DocumentPage;
        process.stdout.write(opts.json ? `${JSON.stringify(page, null, 2)}\n` : renderList(page));
      } finally {
        c.close();
      }
    }));

  connectionOptions(documents.command('delete'))
    .argument('<id>', 'document id (sha256:<hex> or the bare hex)')
    .description('Delete a document and exactly the facts only it asserted (admin scope); its stored upload goes too unless another document names it.')
    .option('--json', 'print the answer as JSON')
    .action((id: string, opts: ClientOptions) => run(async () => {
      const c = client(opts);
      try {
        const r = (await c.deleteDocument(id)) as { id: string; nodesDeleted: number; edgesDeleted: number; matchesRemoved: number; blobDeleted: string | null };
        process.stdout.write(opts.json ? `${JSON.stringify(r, null, 2)}\n`
          : `deleted ${r.id}: ${r.nodesDeleted} node(s), ${r.edgesDeleted} edge(s), ${r.matchesRemoved} match(es) re-derived away; blob ${r.blobDeleted ? 'released' : 'kept'}\n`);
      } finally {
        c.close();
      }
    }));

  connectionOptions(documents.command('download'))
    .argument('<id>', 'document id (sha256:<hex> or the bare hex)')
    .description('Write the original bytes of a document (read scope) to a file, or to stdout.')
    .option('-o, --output <file>', 'file to write (default: stdout)')
    .option('--json', 'print {id, output, bytes} as JSON after writing the file')
    .action((id: string, opts: ClientOptions & { output?: string }) => run(async () => {
      const c = client(opts);
      try {
        const bytes = await c.documentContent(id);
        if (!opts.output) {
          process.stdout.write(bytes);
          return;
        }
        await writeFile(opts.output, bytes);
        if (opts.json) process.stdout.write(`${JSON.stringify({ id, output: opts.output, bytes: bytes.byteLength })}\n`);
        else process.stderr.write(`wrote ${bytes.byteLength} bytes to ${opts.output}\n`);
      } finally {
        c.close();
      }
    }));
}
