/**
 * Executable documentation: the examples in a markdown file, run against a
 * real server loaded with examples/, with their outputs written back into the
 * file (scripts/docs/queries.ts --write) or compared with it
 * (test/docs/queries-doc.test.ts).
 *
 * An example is an HTML comment `<!-- example: NAME -->` followed by either
 *   - a ```graphql block (the operation, sent to POST /graphql) and a ```json
 *     block (the whole response body), or
 *   - a ```console block: lines starting with `$ ` are commands (a trailing
 *     `\` continues one), run by bash with `supplygraph` standing for this
 *     checkout's CLI and SUPPLYGRAPH_SERVER pointing at the server; the lines
 *     after a command are its stdout and stderr, merged.
 * Only the outputs are generated; operations, commands and prose are the
 * author's.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type DocExample =
  | { kind: 'graphql'; name: string; line: number; operation: string; output: Block }
  | { kind: 'console'; name: string; line: number; block: Block; commands: ConsoleCommand[] };

/** A fenced block's body: [start, end) character offsets into the markdown. */
export interface Block {
  start: number;
  end: number;
  text: string;
}

export interface ConsoleCommand {
  /** As written after `$ `, continuation lines joined with newlines. */
  command: string;
  output: string;
}

export class DocFormatError extends Error {
  constructor(readonly file: string, readonly line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'DocFormatError';
  }
}

const MARKER = /<!-- example: ([A-Za-z0-9_.-]+) -->/g;
const FENCE = /^```([a-z]*)\n([\s\S]*?)^```$/m;

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The fenced block starting after `from` (only blank lines may come between). */
function nextBlock(md: string, from: number, file: string): { lang: string; block: Block; after: number } {
  const rest = md.slice(from);
  const m = FENCE.exec(rest);
  if (!m || rest.slice(0, m.index).trim() !== '') throw new DocFormatError(file, lineOf(md, from), 'an example marker must be followed by a fenced block');
  const bodyStart = from + m.index + 3 + m[1].length + 1;
  return { lang: m[1], block: { start: bodyStart, end: bodyStart + m[2].length, text: m[2] }, after: from + m.index + m[0].length };
}

export function parseConsole(text: string): ConsoleCommand[] {
  const commands: ConsoleCommand[] = [];
  const lines = text.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('$ ')) {
      const parts = [line.slice(2)];
      while (parts[parts.length - 1].endsWith('\\') && i + 1 < lines.length) parts.push(lines[++i]);
      commands.push({ command: parts.join('\n'), output: '' });
    } else if (commands.length > 0) {
      const c = commands[commands.length - 1];
      c.output += `${line}\n`;
    } else if (line.trim() !== '') {
      throw new Error(`output before the first command: "${line}"`);
    }
  }
  return commands;
}

export function parseExamples(md: string, file: string): DocExample[] {
  const out: DocExample[] = [];
  const names = new Set<string>();
  for (const m of md.matchAll(MARKER)) {
    const name = m[1];
    const line = lineOf(md, m.index);
    if (names.has(name)) throw new DocFormatError(file, line, `example "${name}" is defined twice`);
    names.add(name);
    const first = nextBlock(md, m.index + m[0].length, file);
    if (first.lang === 'graphql') {
      const second = nextBlock(md, first.after, file);
      if (second.lang !== 'json') throw new DocFormatError(file, line, `example "${name}": the graphql block must be followed by a json block`);
      out.push({ kind: 'graphql', name, line, operation: first.block.text, output: second.block });
    } else if (first.lang === 'console') {
      let commands: ConsoleCommand[];
      try {
        commands = parseConsole(first.block.text);
      } catch (err) {
        throw new DocFormatError(file, line, `example "${name}": ${(err as Error).message}`);
      }
      if (commands.length === 0) throw new DocFormatError(file, line, `example "${name}": a console example needs at least one "$ " command`);
      out.push({ kind: 'console', name, line, block: first.block, commands });
    } else {
      throw new DocFormatError(file, line, `example "${name}": expected a graphql or console block, found "${first.lang}"`);
    }
  }
  return out;
}

// ------------------------------------------------------------------ volatile values

/**
 * The only values replaced: when something was ingested or verified (the
 * clock of the run), how long a command took, and job ids (random).
 * docs/testing.md lists these placeholders.
 */
export const PLACEHOLDERS = { timestamp: '<timestamp>', duration: '<duration>', jobId: '<job-id>' } as const;
const VOLATILE_KEYS = new Set(['ingestedAt', 'verifiedAt']);

function normaliseJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = VOLATILE_KEYS.has(k) && typeof v === 'string' ? PLACEHOLDERS.timestamp : k === 'jobId' && typeof v === 'string' ? PLACEHOLDERS.jobId : normaliseJson(v);
    }
    return out;
  }
  return value;
}

export function normaliseConsole(text: string): string {
  return text
    .replace(/\bin \d+(\.\d+)?(ms|s|m)\b/g, `in ${PLACEHOLDERS.duration}`)
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, PLACEHOLDERS.jobId);
}

// ------------------------------------------------------------------ JSON layout

function oneLine(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(oneLine).join(', ')}]`;
  if (v && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${oneLine(x)}`).join(', ')} }`.replace('{  }', '{}');
  return JSON.stringify(v) ?? 'null';
}

/** JSON with every array or object that fits in `width` columns on one line, others broken one entry per line. */
export function formatJson(value: unknown, width = 140): string {
  const lay = (v: unknown, indent: string, key: string): string => {
    const flat = oneLine(v);
    if (typeof v !== 'object' || v === null || indent.length + key.length + flat.length <= width) return flat;
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => `${inner}${lay(x, inner, '')}`).join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${lay(x, inner, `${JSON.stringify(k)}: `)}`).join(',\n')}\n${indent}}`;
  };
  return lay(value, '', '');
}

// ------------------------------------------------------------------ running

export interface DocServer {
  url: string;
}

export async function runGraphql(server: DocServer, operation: string): Promise<string> {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: operation }) });
  const body = (await res.json()) as unknown;
  return `${formatJson(normaliseJson(body))}\n`;
}

/** `supplygraph` and `npx supplygraph` in commands: this checkout's CLI from its sources, so no build is needed. */
const SHIM = [
  'supplygraph() { node --import tsx "$SUPPLYGRAPH_REPO/services/cli/main.ts" "$@"; }',
  'npx() { if [ "$1" = supplygraph ]; then shift; supplygraph "$@"; else command npx "$@"; fi; }',
  '',
].join('\n');

export function runCommand(server: DocServer, command: string): Promise<string> {
  const host = new URL(server.url).host;
  const script = `${SHIM}${command.replace(/\b(?:localhost|127\.0\.0\.1):8080\b/g, host)}\n`;
  const env: NodeJS.ProcessEnv = { ...process.env, SUPPLYGRAPH_SERVER: server.url, SUPPLYGRAPH_REPO: REPO, NO_COLOR: '1' };
  delete env.SUPPLYGRAPH_TOKEN;
  return new Promise((resolve, reject) => {
    // One stream for stdout and stderr, so their lines interleave as on a terminal.
    execFile('bash', ['-c', `exec 2>&1\n${script}`], { cwd: REPO, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err && (err as NodeJS.ErrnoException & { killed?: boolean }).killed) reject(new Error(`command timed out: ${command}`));
      // The closing fence needs its own line, even after output without a final newline (curl).
      else resolve(normaliseConsole(stdout.length > 0 && !stdout.endsWith('\n') ? `${stdout}\n` : stdout));
    });
  });
}

export interface ExampleResult {
  example: DocExample;
  /** The new body of the output block (graphql: the json block; console: the whole console block). */
  actual: string;
  expected: string;
}

export async function runExamples(server: DocServer, examples: DocExample[]): Promise<ExampleResult[]> {
  const results: ExampleResult[] = [];
  for (const example of examples) {
    if (example.kind === 'graphql') {
      results.push({ example, actual: await runGraphql(server, example.operation), expected: example.output.text });
    } else {
      let body = '';
      for (const c of example.commands) body += `$ ${c.command}\n${await runCommand(server, c.command)}`;
      results.push({ example, actual: body, expected: example.block.text });
    }
  }
  return results;
}

/** The markdown with every output block replaced by what the run produced. */
export function applyResults(md: string, results: ExampleResult[]): string {
  const edits = results.map((r) => (r.example.kind === 'graphql' ? { block: r.example.output, text: r.actual } : { block: r.example.block, text: r.actual }));
  edits.sort((a, b) => b.block.start - a.block.start);
  let out = md;
  for (const e of edits) out = out.slice(0, e.block.start) + e.text + out.slice(e.block.end);
  return out;
}

// ------------------------------------------------------------------ reporting

/** A line diff (longest common subsequence), `-` expected, `+` actual, with 2 lines of context. */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Array<{ op: ' ' | '-' | '+'; line: string }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ op: ' ', line: a[i++] });
      j++;
    }
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: '-', line: a[i++] });
    else ops.push({ op: '+', line: b[j++] });
  }
  const keep = ops.map((o, k) => o.op !== ' ' || ops.slice(Math.max(0, k - 2), k + 3).some((x) => x.op !== ' '));
  const lines: string[] = [];
  ops.forEach((o, k) => {
    if (keep[k]) lines.push(`${o.op} ${o.line}`);
    else if (keep[k - 1]) lines.push('  …');
  });
  return lines.join('\n');
}

export function describeMismatches(file: string, results: ExampleResult[]): string | null {
  const bad = results.filter((r) => r.actual !== r.expected);
  if (bad.length === 0) return null;
  return [
    `${bad.length} example(s) in ${file} no longer match what the code returns (- documented, + actual).`,
    'If the change is intended, run `npm run docs:examples` and review the diff of the doc.',
    ...bad.map((r) => `\n--- example "${r.example.name}" (${file}:${r.example.line})\n${lineDiff(r.expected, r.actual)}`),
  ].join('\n');
}
