/**
 * Shared pieces of `npm run bench`: the corpus, the machine line, peak RSS,
 * and the result table.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeDocument } from '../ingestors/common/decode.js';
import type { DocumentInput } from '../ingestors/parser.js';
import { parserFor } from '../ingestors/registry.js';

/** The repository root (bench/..), whatever the current directory. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface CorpusFile {
  name: string;
  bytes: Buffer;
  sha256: string;
  components: number;
}

export interface Corpus {
  dir: string;
  files: CorpusFile[];
  bytes: number;
  components: number;
}

export function corpusDir(): string {
  const shared = process.env.SUPPLYGRAPH_SHARED_DIR ?? path.resolve(REPO, '..', 'shared');
  return path.join(shared, 'corpora', 'guac-data-docs', 'cyclonedx');
}

export function documentInput(bytes: Buffer, sha256: string): DocumentInput {
  const decoded = decodeDocument(bytes);
  return { bytes, sha256, json: decoded.json, text: decoded.text, options: {}, ingestedAt: new Date().toISOString() };
}

/** Reads the 18 SBOMs and counts their components (one untimed parse, so every run reports the same figure). */
export async function loadCorpus(dir = corpusDir()): Promise<Corpus> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (err) {
    throw new Error(`cannot read the benchmark corpus ${dir} (${(err as Error).message}); set SUPPLYGRAPH_SHARED_DIR to the folder holding corpora/guac-data-docs`, { cause: err });
  }
  if (names.length === 0) throw new Error(`no *.json SBOMs in ${dir}`);
  const files: CorpusFile[] = [];
  for (const name of names) {
    const bytes = await readFile(path.join(dir, name));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const input = documentInput(bytes, sha256);
    const batch = await parserFor(input).parse(input);
    files.push({ name, bytes, sha256, components: batch.document.componentCount });
  }
  return {
    dir,
    files,
    bytes: files.reduce((s, f) => s + f.bytes.byteLength, 0),
    components: files.reduce((s, f) => s + f.components, 0),
  };
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Peak resident set size (VmHWM) of a live process, in bytes; null where /proc is not available or the process is gone. */
export function peakRssOf(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a live process has used so far, in seconds; null without /proc. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm)": state is the 1st, utime the 12th, stime the 13th; in clock ticks (100/s on Linux).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU time all processes of the machine have used since boot (user, nice, system, irq, softirq, steal), in seconds; NaN without /proc. */
export function machineCpuSeconds(): number {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) / 100;
  } catch {
    return Number.NaN;
  }
}

export const ownCpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Index of the run whose value is the median (the lower middle one for an even count). */
export function medianIndex(xs: number[]): number {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  return order[Math.floor((order.length - 1) / 2)]![1];
}

export const seconds = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');

/** Peak RSS of this process so far, in bytes. */
export function ownPeakRss(): number {
  return peakRssOf(process.pid) ?? process.resourceUsage().maxRSS * 1024;
}

export const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

export interface BenchRow {
  /** engine / queue / workers */
  setup: string;
  /** The median of the repeated runs. */
  wallS: number;
  docs: number;
  components: number;
  nodes: number;
  edges: number;
  peakRss: string;
  /** Extra lines printed under the table. */
  details: string[];
  /** Anything that makes the figure wrong (the bench then exits 1). */
  problems?: string[];
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['engine / queue / workers', 'wall (median)', 'docs/s', 'components/s', 'graph writes/s', 'peak RSS'];
  const body = rows.map((r) => [
    r.setup,
    `${r.wallS.toFixed(2)} s`,
    (r.docs / r.wallS).toFixed(1),
    (r.components / r.wallS).toFixed(0),
    ((r.nodes + r.edges) / r.wallS).toFixed(0),
    r.peakRss,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
