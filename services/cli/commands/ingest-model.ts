/**
 * `supplygraph ingest-model DIR`: ingest a signed model as CI does after
 * `model_signing sign`: upload only its OpenSSF Model Signing signature, with the
 * model's identity (purl and/or name) as producer metadata, never the weights.
 * The server verifies the signature and records the model's files from the
 * signed manifest; the weights themselves are not documents.
 *
 * Model identity (docs/model-signing.md): `--purl` (e.g. pkg:huggingface/acme/sentiment@r3)
 * names one release; `--name` names a model without a version. Two releases with
 * identical files stay two models when their purls or names differ.
 */
import { readdir, stat } from 'node:fs/promises';
import { UsageError } from '../usage-error.js';
import path from 'node:path';
import { Command, Option } from 'commander';
import { DEFAULT_SERVER } from '../api-client.js';
import { collectMeta, parseIngestOptions, runIngest, type IngestIo } from './ingest.js';

export interface IngestModelOptions {
  /** The signature file; default: the one signature file in DIR (model.sig first). */
  signature?: string;
  name?: string;
  purl?: string;
}

/** Names model_signing and sigstore tooling give a signature bundle. */
const SIGNATURE_NAMES = [/^model\.sig$/, /\.sig$/, /\.sigstore(\.json)?$/];

/** The signature to upload: `--signature`, else `model.sig`, else the only top-level file named like a bundle. */
export async function findSignature(dir: string, explicit: string | undefined, cwd = process.cwd()): Promise<string> {
  const root = path.resolve(cwd, dir);
  const st = await stat(root).catch(() => null);
  if (!st) throw new UsageError(`${dir}: no such directory`);
  if (!st.isDirectory()) throw new UsageError(`${dir} is not a directory: pass the signed model's directory (and --signature FILE if the signature lives elsewhere)`);
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) throw new UsageError(`--signature ${explicit}: no such file`);
    return file;
  }
  const entries = (await readdir(root, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  if (entries.includes('model.sig')) return path.join(root, 'model.sig');
  const candidates = entries.filter((n) => SIGNATURE_NAMES.some((re) => re.test(n)));
  if (candidates.length === 1) return path.join(root, candidates[0]!);
  if (candidates.length === 0) throw new UsageError(`${dir} has no signature (model.sig, *.sig or *.sigstore.json): sign it first, or pass --signature FILE`);
  throw new UsageError(`${dir} has several signature files (${candidates.join(', ')}): choose one with --signature`);
}

/** The whole command; returns the exit code like `ingest`. */
export async function runIngestModel(dir: string, model: IngestModelOptions, raw: Record<string, unknown>, io: IngestIo): Promise<number> {
  const options = parseIngestOptions(raw);
  if (model.purl !== undefined) options.metadata.purl = model.purl;
  if (model.name !== undefined) options.metadata.name = model.name;
  const signature = await findSignature(dir, model.signature, io.cwd);
  return runIngest([signature], options, io);
}

export function registerIngestModel(program: Command): void {
  const cmd = program
    .command('ingest-model')
    .description('upload a signed model\'s signature (not its weights) with the model\'s purl/name, and wait for ingestion')
    .argument('<dir>', 'the signed model directory')
    .option('--signature <file>', 'the signature bundle (default: DIR/model.sig, or the only *.sig / *.sigstore.json in DIR)')
    .option('--purl <purl>', 'the model release\'s purl, e.g. pkg:huggingface/acme/sentiment@r3 (its identity)')
    .option('--name <name>', 'the model\'s name, when it has no purl')
    .option('--meta <key=value>', 'further producer metadata (repeatable)', collectMeta, [])
    .addOption(new Option('--server <url>', 'supplygraph server URL').env('SUPPLYGRAPH_SERVER').default(DEFAULT_SERVER))
    .addOption(new Option('--token <token>', 'bearer token for the API').env('SUPPLYGRAPH_TOKEN'))
    .option('--timeout <seconds>', 'max wait for the job, in seconds', '600')
    .option('--json', 'print one JSON report on stdout instead of the table')
    .addHelpText('after', `
Only the signature is uploaded: the server verifies it against its trust file and
records the files the signed manifest lists, by digest. Weights never leave the machine.

Examples:
  $ supplygraph ingest-model ./sentiment --purl pkg:huggingface/acme/sentiment@r3
  $ supplygraph ingest-model ./sentiment --signature out/sentiment.sig --name acme/sentiment

Exit codes: 0 ingested (or already present), 1 the job failed, 2 usage error.`);
  cmd.action(async (dir: string, raw: Record<string, unknown>) => {
    try {
      process.exitCode = await runIngestModel(dir, { signature: raw.signature as string | undefined, name: raw.name as string | undefined, purl: raw.purl as string | undefined },
        { ...raw, concurrency: '1' }, { stdout: process.stdout, stderr: process.stderr });
    } catch (err) {
      if (err instanceof UsageError) cmd.error(`error: ${err.message}`, { exitCode: 2, code: 'supplygraph.usage' });
      throw err;
    }
  });
}
