/**
 * `supplygraph query <subcommand>`: the investigator's questions against a
 * running supplygraph server, over its GraphQL API.
 *
 *   query affected <vuln-id>          which products does this vulnerability affect, with VEX status and severity
 *   query vulnerabilities <ref>       which vulnerabilities affect this package version / SBOM / model, most severe first
 *   query dependents <purl>           who depends on / contains this package (and in which SBOMs)
 *   query provenance <ref>            who signed / built it, from what, and which documents say so
 *   query signed-models --depends-on  which signed models are built on this package/dataset/model
 *
 * registerQuery() wires the commands into commander; runQuery() is the whole
 * behaviour with injectable streams/client and returns the exit code:
 * 0 answered (empty answers included), 1 the API failed or refused the query,
 * 2 usage error (bad option values; commander's own errors are mapped to 2 too).
 */
import { Command, Option, type CommanderError } from 'commander';
import { UsageError } from '../usage-error.js';

import { ApiClient, ApiError, DEFAULT_SERVER, describeApiError, normalizeServerUrl } from '../api-client.js';
import {
  AFFECTED_QUERY,
  DEPENDENTS_QUERY,
  SEVERITY_LEVELS,
  VULNERABILITIES_QUERY,
  type SeverityLevel,
  type VulnerabilitiesData,
  PROVENANCE_QUERY,
  SIGNED_MODELS_QUERY,
  VEX_STATUSES,
  type AffectedData,
  type AffectedPage,
  type AffectedProductInfo,
  type DependentsData,
  type ProvenanceData,
  type SignedModelsData,
  type VexStatus,
} from '../query-documents.js';
import { renderAffected, renderDependents, renderProvenance, renderSignedModels, renderVulnerabilities, type RenderStyle } from '../query-render.js';

/** The server caps traversals at this depth (services/graph/queries/components.ts). */
export const MAX_DEPTH = 30;
const DEFAULT_DEPTH = 10;
const DEFAULT_TIMEOUT_SECONDS = 60;

export interface QueryConnection {
  server: string;
  token: string | null;
  json: boolean;
  /** Client-side limit for the one request. */
  timeoutSeconds: number;
}

export type QueryRequest =
  | { kind: 'affected'; id: string; status: VexStatus[] | null; minSeverity: SeverityLevel | null }
  | { kind: 'vulnerabilities'; of: string; minSeverity: SeverityLevel | null }
  | { kind: 'dependents'; purl: string; transitive: boolean; maxDepth: number; first: number }
  | { kind: 'provenance'; of: string }
  | { kind: 'signed-models'; dependsOn: string; anyValid: boolean; maxDepth: number };

export interface QueryOutput {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface QueryIo {
  stdout: QueryOutput;
  stderr: { write(chunk: string): boolean };
  /** Replaces the client built from the connection options (tests). */
  client?: ApiClient;
  /** For NO_COLOR / TERM; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}


// ---------------------------------------------------------------------------
// option parsing (pure)

export function parseConnection(raw: Record<string, unknown>): QueryConnection {
  const serverRaw = typeof raw.server === 'string' && raw.server.trim() !== '' ? raw.server : DEFAULT_SERVER;
  let server: string;
  try {
    server = normalizeServerUrl(serverRaw);
  } catch (err) {
    throw new UsageError(describeApiError(err));
  }
  const timeoutSeconds = raw.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(raw.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new UsageError(`--timeout must be a positive number of seconds (got "${String(raw.timeout)}")`);
  }
  return {
    server,
    token: typeof raw.token === 'string' && raw.token !== '' ? raw.token : null,
    json: raw.json === true,
    timeoutSeconds,
  };
}

export function parseMaxDepth(value: unknown): number {
  if (value === undefined) return DEFAULT_DEPTH;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_DEPTH) {
    throw new UsageError(`--max-depth must be a whole number from 1 to ${MAX_DEPTH} (got "${String(value)}")`);
  }
  return n;
}

/** `high` / `HIGH` → the enum value; null when not given. */
export function parseMinSeverity(value: unknown): SeverityLevel | null {
  if (value === undefined || value === null) return null;
  const word = String(value).trim().toUpperCase();
  const found = SEVERITY_LEVELS.find((l) => l === word);
  if (!found) throw new UsageError(`--min-severity: "${String(value)}" is not a severity (use ${SEVERITY_LEVELS.map((l) => l.toLowerCase()).join(', ')})`);
  return found;
}

/** `affected,not-affected` / `NOT_AFFECTED` / repeated --status → the enum values; null = every status. */
export function parseStatuses(values: readonly string[] | undefined): VexStatus[] | null {
  if (!values || values.length === 0) return null;
  const out: VexStatus[] = [];
  for (const part of values.flatMap((v) => v.split(','))) {
    const word = part.trim();
    if (word === '') continue;
    const norm = word.toUpperCase().replace(/[-\s]+/g, '_');
    if (!(VEX_STATUSES as readonly string[]).includes(norm)) {
      throw new UsageError(`--status: "${word}" is not a VEX status (use ${VEX_STATUSES.map((s) => s.toLowerCase()).join(', ')})`);
    }
    if (!out.includes(norm as VexStatus)) out.push(norm as VexStatus);
  }
  if (out.length === 0) throw new UsageError('--status needs at least one status');
  return out;
}

function parseFirst(value: unknown): number {
  if (value === undefined) return 100;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--first must be a positive whole number (got "${String(value)}")`);
  return n;
}

function requireText(value: string | undefined, what: string): string {
  const v = (value ?? '').trim();
  if (v === '') throw new UsageError(`${what} must not be empty`);
  return v;
}

// ---------------------------------------------------------------------------
// running

/** What to do about an API error, by code; null when the client's own hint says it. */
export function adviceFor(err: ApiError, request: QueryRequest): string | null {
  switch (err.code) {
    case 'BAD_PURL':
      return 'check the purl: pkg:<type>/[<namespace>/]<name>[@<version>], e.g. pkg:npm/lodash@4.17.21 or pkg:alpine/musl@1.2.3-r0 (spec: https://github.com/package-url/purl-spec)';
    case 'BAD_USER_INPUT':
      return request.kind === 'provenance' || request.kind === 'signed-models'
        ? 'name it by purl (pkg:…), digest (sha256:<hex>), or an exact model/dataset name or key; `supplygraph query --help` has examples'
        : `check the arguments (supplygraph query ${request.kind} --help)`;
    case 'QUERY_TIMEOUT':
      return request.kind === 'dependents' || request.kind === 'signed-models'
        ? 'narrow it with a smaller --max-depth (or --direct), or raise SUPPLYGRAPH_QUERY_TIMEOUT_MS on the server'
        : 'retry later, or raise SUPPLYGRAPH_QUERY_TIMEOUT_MS on the server';
    case 'REQUEST_TIMEOUT':
      return 'the server is still working on it: raise --timeout, or narrow the query';
    case 'GRAPH_UNAVAILABLE':
      return 'the server cannot reach its graph database: check GET /readyz and the server log, then retry';
    case 'INTERNAL_ERROR':
      return 'the server failed while answering; its log has the details';
    case 'QUERY_TOO_DEEP':
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'GRAPHQL_PARSE_FAILED':
      return 'this CLI and the server disagree about the query API: use a supplygraph CLI of the same version as the server';
    default:
      return null;
  }
}

function operation(req: QueryRequest): { query: string; variables: Record<string, unknown> } {
  switch (req.kind) {
    case 'affected':
      return { query: AFFECTED_QUERY, variables: { id: req.id, status: req.status, minSeverity: req.minSeverity } };
    case 'vulnerabilities':
      return { query: VULNERABILITIES_QUERY, variables: { of: req.of, minSeverity: req.minSeverity } };
    case 'dependents':
      return { query: DEPENDENTS_QUERY, variables: { purl: req.purl, transitive: req.transitive, maxDepth: req.maxDepth, first: req.first } };
    case 'provenance':
      return { query: PROVENANCE_QUERY, variables: { of: req.of } };
    case 'signed-models':
      return { query: SIGNED_MODELS_QUERY, variables: { x: req.dependsOn, trust: req.anyValid ? 'ANY_VALID' : 'TRUSTED', maxDepth: req.maxDepth } };
  }
}

function render(req: QueryRequest, data: unknown, style: RenderStyle): string {
  switch (req.kind) {
    case 'affected':
      return renderAffected(req.id, data as AffectedData, style);
    case 'vulnerabilities':
      return renderVulnerabilities(req.of, data as VulnerabilitiesData, style);
    case 'dependents':
      return renderDependents(req, data as DependentsData, style);
    case 'provenance':
      return renderProvenance(req.of, data as ProvenanceData, style);
    case 'signed-models':
      return renderSignedModels(req, data as SignedModelsData, style);
  }
}

export function styleFor(stdout: QueryOutput, env: Readonly<Record<string, string | undefined>>): RenderStyle {
  const tty = stdout.isTTY === true;
  return {
    tty,
    width: tty && stdout.columns !== undefined && stdout.columns > 0 ? stdout.columns : 80,
    color: tty && env.NO_COLOR === undefined && env.TERM !== 'dumb',
  };
}

/** Every page of `vulnerability.affected`, as one list (what `--json` prints and the table shows). */
async function allAffected(client: Pick<ApiClient, 'graphql'>, variables: Record<string, unknown>): Promise<AffectedData> {
  const affected: AffectedProductInfo[] = [];
  let after: string | null = null;
  for (;;) {
    const page: AffectedPage = await client.graphql<AffectedPage>(AFFECTED_QUERY, { ...variables, first: AFFECTED_PAGE, after });
    const v = page.vulnerability;
    if (!v) return { vulnerability: null };
    affected.push(...v.affected.edges.map((e) => e.node));
    if (!v.affected.pageInfo.hasNextPage || !v.affected.pageInfo.endCursor) return { vulnerability: { ...v, affected } };
    after = v.affected.pageInfo.endCursor;
  }
}

/** The schema's default page: within any SUPPLYGRAPH_MAX_PAGE_SIZE an operator is likely to set. */
const AFFECTED_PAGE = 100;

/** Runs one query and prints the answer; returns the exit code (0 or 1). */
export async function runQuery(req: QueryRequest, conn: QueryConnection, io: QueryIo): Promise<number> {
  const client = io.client ?? new ApiClient({ server: conn.server, token: conn.token, requestTimeoutMs: Math.round(conn.timeoutSeconds * 1000) });
  const { query, variables } = operation(req);
  let data: unknown;
  try {
    data = req.kind === 'affected' ? await allAffected(client, variables) : await client.graphql<unknown>(query, variables);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const advice = adviceFor(err, req);
    io.stderr.write(`supplygraph query ${req.kind}: ${err.code}: ${describeApiError(err)}\n`);
    if (advice) io.stderr.write(`  what to do: ${advice}\n`);
    return 1;
  }
  if (conn.json) {
    io.stdout.write(JSON.stringify(data, null, 2) + '\n');
  } else {
    io.stdout.write(render(req, data, styleFor(io.stdout, io.env ?? process.env)));
  }
  return 0;
}

// ---------------------------------------------------------------------------
// commander wiring

const QUERY_HELP = `
Every subcommand asks a running supplygraph server (see \`supplygraph serve\`)
one GraphQL question. Output is a table on a terminal, plain aligned text when
piped, and the raw GraphQL \`data\` with --json (for \`affected\`, every page is
fetched and \`affected\` is the whole list).

Examples:
  $ supplygraph query affected CVE-2018-5407
  $ supplygraph query affected GHSA-xxxx-xxxx-xxxx --status affected,under_investigation
  $ supplygraph query vulnerabilities pkg:golang/golang.org/x/net@v0.17.0 --min-severity high
  $ supplygraph query dependents pkg:alpine/musl@1.2.3-r0
  $ supplygraph query dependents pkg:pypi/torch --direct
  $ supplygraph query provenance sha256:0ec3c2dbafc6dd27fc8ad25fa27fc527b5d7356d1830c0efbb8adcf975d9e84a
  $ supplygraph query provenance pkg:huggingface/acme/sentiment@r1
  $ supplygraph query signed-models --depends-on pkg:pypi/numpy@1.26.0 --any-valid
  $ supplygraph query dependents pkg:npm/lodash --json | jq -r '.dependents.subjects[].subject.id'

Connection (every subcommand):
  --server URL   default $SUPPLYGRAPH_SERVER, else ${DEFAULT_SERVER}
  --token TOKEN  default $SUPPLYGRAPH_TOKEN (sent as a bearer token)

Exit codes:
  0  answered (an empty answer too)
  1  the server refused or failed the query; the error code and what to do are printed
  2  usage error

All queries and their output: docs/queries.md.`;

const EXIT_CODES = `
Exit codes: 0 answered (also when nothing matches), 1 API or GraphQL error, 2 usage error.`;

function addConnectionOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--server <url>', 'supplygraph server URL').env('SUPPLYGRAPH_SERVER').default(DEFAULT_SERVER))
    .addOption(new Option('--token <token>', 'bearer token for the API').env('SUPPLYGRAPH_TOKEN'))
    .option('--json', 'print the raw GraphQL data (JSON) on stdout instead of tables')
    .option('--timeout <seconds>', 'give up waiting for the server after this long', String(DEFAULT_TIMEOUT_SECONDS));
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Adds `query` and its subcommands to the program. */
export function registerQuery(program: Command): void {
  const query = program
    .command('query')
    .description("ask a running server the investigator's questions: affected products, vulnerabilities, dependents, provenance, signed models")
    .usage('<subcommand> [options]')
    .addHelpText('after', QUERY_HELP)
    // commander's own usage errors (missing argument, unknown option, no subcommand) exit 2, help 0.
    .exitOverride((err: CommanderError) => {
      process.exit(err.exitCode === 0 ? 0 : 2);
    });

  const run = async (cmd: Command, build: () => QueryRequest): Promise<void> => {
    let req: QueryRequest;
    let conn: QueryConnection;
    try {
      conn = parseConnection(cmd.opts());
      req = build();
    } catch (err) {
      if (err instanceof UsageError) cmd.error(`error: ${err.message}`, { exitCode: 2, code: 'supplygraph.usage' });
      throw err;
    }
    process.exitCode = await runQuery(req, conn, { stdout: process.stdout, stderr: process.stderr });
  };

  const affected = addConnectionOptions(
    query
      .command('affected')
      .description('products affected by a vulnerability: package version, SBOM, its subject, and the VEX status there')
      .argument('<vuln-id>', 'any id of the vulnerability: CVE, GHSA, PYSEC, RHSA, … (aliases give the same answer)')
      .option('--status <list>', 'only these VEX statuses, comma-separated: affected, not_affected, fixed, under_investigation (repeatable)', collect)
      .option('--min-severity <level>', 'only rows rated at least this: none, low, medium, high, critical'),
  ).addHelpText('after', `
A row is one affected package version in one SBOM (with the SBOM's subject, the
product); its status is AFFECTED unless a VEX statement says otherwise, and a
NOT_AFFECTED row shows the justification. SEVERITY is the worst rating and
highest CVSS base score the matching advisory gives (docs/severity.md); rows
are listed most severe first.

Examples:
  $ supplygraph query affected CVE-2018-5407
  $ supplygraph query affected cve-2099-0001 --status not_affected
  $ supplygraph query affected GHSA-xxxx-xxxx-xxxx --status affected,under_investigation --json
  $ supplygraph query affected CVE-2023-45288 --min-severity high
${EXIT_CODES}`);
  affected.action(async (id: string, raw: Record<string, unknown>) => {
    await run(affected, () => ({ kind: 'affected', id: requireText(id, '<vuln-id>'), status: parseStatuses(raw.status as string[] | undefined), minSeverity: parseMinSeverity(raw.minSeverity) }));
  });

  const vulnerabilities = addConnectionOptions(
    query
      .command('vulnerabilities')
      .description('vulnerabilities affecting a package version, an SBOM, a model or an artifact, most severe first')
      .argument('<ref>', 'a purl, an SBOM (sha256:<hex> of the document), a model or an artifact digest')
      .option('--min-severity <level>', 'only findings rated at least this: none, low, medium, high, critical'),
  ).addHelpText('after', `
A row is one vulnerability matched in one package version, with the worst rating
and highest CVSS base score the matching advisory gives (docs/severity.md) and
the VEX status.

Examples:
  $ supplygraph query vulnerabilities pkg:golang/golang.org/x/net@v0.17.0
  $ supplygraph query vulnerabilities sha256:<hex of an SBOM> --min-severity critical --json
${EXIT_CODES}`);
  vulnerabilities.action(async (of: string, raw: Record<string, unknown>) => {
    await run(vulnerabilities, () => ({ kind: 'vulnerabilities', of: requireText(of, '<ref>'), minSeverity: parseMinSeverity(raw.minSeverity) }));
  });

  const dependents = addConnectionOptions(
    query
      .command('dependents')
      .description('who includes a package: dependent packages, models, datasets and artifacts, and the SBOMs (and their subjects) that list them')
      .argument('<purl>', 'package purl; versionless (pkg:npm/lodash) means every version, no qualifiers means every qualifier variant')
      .option('--direct', 'only direct dependents (one hop), not transitive ones')
      .option('--max-depth <n>', `how many hops to follow, 1-${MAX_DEPTH}`, String(DEFAULT_DEPTH))
      .option('--first <n>', 'list at most this many SBOMs (the server caps it at SUPPLYGRAPH_MAX_PAGE_SIZE)', '100'),
  ).addHelpText('after', `
DEPTH is the number of DEPENDS_ON/CONTAINS hops from the package; VIA the edge
kinds along one shortest path and THROUGH the components in between.

Examples:
  $ supplygraph query dependents pkg:alpine/musl@1.2.3-r0
  $ supplygraph query dependents pkg:pypi/numpy --direct
  $ supplygraph query dependents pkg:npm/lodash@4.17.20 --max-depth 3 --json
${EXIT_CODES}`);
  dependents.action(async (purl: string, raw: Record<string, unknown>) => {
    await run(dependents, () => ({
      kind: 'dependents',
      purl: requireText(purl, '<purl>'),
      transitive: raw.direct !== true,
      maxDepth: parseMaxDepth(raw.maxDepth),
      first: parseFirst(raw.first),
    }));
  });

  const provenance = addConnectionOptions(
    query
      .command('provenance')
      .description('who signed it (trust, method, signer), who built it from which materials and sources, and the documents about it')
      .argument('<ref>', 'a model (purl, key or exact name), a package purl, or a digest (sha256:<hex>)'),
  ).addHelpText('after', `
Every fact is shown with the document that asserted it (signature bundle, SLSA
attestation, SBOM). A package version's builds are found through its digests.

Examples:
  $ supplygraph query provenance pkg:huggingface/acme/sentiment@r1
  $ supplygraph query provenance "CompVis/stable-diffusion"
  $ supplygraph query provenance sha256:0ec3c2dbafc6dd27fc8ad25fa27fc527b5d7356d1830c0efbb8adcf975d9e84a   # kubectl v1.24.1 linux/amd64
${EXIT_CODES}`);
  provenance.action(async (ref: string) => {
    await run(provenance, () => ({ kind: 'provenance', of: requireText(ref, '<ref>') }));
  });

  const signedModels = addConnectionOptions(
    query
      .command('signed-models')
      .description('signed ML models whose composition reaches a package, dataset, model or digest, with one explaining path')
      .requiredOption('--depends-on <ref>', 'a purl (versioned or not), a digest (sha256:<hex>), or a model/dataset name or key')
      .option('--any-valid', 'also models whose signatures verify but whose signer is not trusted')
      .option('--max-depth <n>', `how many hops to follow, 1-${MAX_DEPTH}`, String(DEFAULT_DEPTH)),
  ).addHelpText('after', `
By default only models with a TRUSTED signature (verified, and the signer
matches the server's trust configuration, SUPPLYGRAPH_TRUST_CONFIG) count.

Examples:
  $ supplygraph query signed-models --depends-on pkg:pypi/torch
  $ supplygraph query signed-models --depends-on "Training Data" --any-valid
  $ supplygraph query signed-models --depends-on pkg:huggingface/acme/base@v1 --max-depth 3 --json
${EXIT_CODES}`);
  signedModels.action(async (raw: Record<string, unknown>) => {
    await run(signedModels, () => ({
      kind: 'signed-models',
      dependsOn: requireText(raw.dependsOn as string | undefined, '--depends-on'),
      anyValid: raw.anyValid === true,
      maxDepth: parseMaxDepth(raw.maxDepth),
    }));
  });
}
