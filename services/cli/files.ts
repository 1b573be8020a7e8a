/**
 * Turns the `supplygraph ingest <paths...>` operands into a list of files.
 *
 * An operand is one of
 *  - a file: taken as is (even a dotfile: it was named explicitly);
 *  - a folder: every file below it, recursively (in natural order: f2 before f10), skipping dotfiles and dot-folders
 *    (`.git`, `.venv`, ...);
 *  - a glob: `*` and `?` (never across `/`), `**` (any number of folders),
 *    `[abc]` / `[a-z]` / `[!a]` classes and `{a,b}` alternatives (may nest and may
 *    contain `/`). `\` escapes the next character. Wildcards do not match a
 *    leading `.` unless the pattern segment itself starts with `.`, and `**` does
 *    not descend into dot-folders. A folder matched by a glob is expanded like a
 *    folder operand.
 *
 * Symbolic links to files are followed; symbolic links to folders are only
 * followed when named explicitly (never while recursing), so link loops
 * cannot make the walk endless.
 *
 * Node 20 has no fs.glob, hence the small matcher below.
 */
import { readdir, stat } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import path from 'node:path';

export interface ExpandedFile {
  /** Absolute path. */
  path: string;
  /** What to show the user: relative to cwd when below it, else absolute. */
  display: string;
  /** Size in bytes at expansion time. */
  size: number;
}

export interface UnmatchedOperand {
  /** The operand exactly as given. */
  operand: string;
  /** Why it produced no file, as a sentence fragment ("matched no files"). */
  reason: string;
}

export interface ExpandResult {
  /** Every file, de-duplicated, in operand order (sorted within an operand). */
  files: ExpandedFile[];
  /** Operands that produced no file at all. */
  unmatched: UnmatchedOperand[];
}

export interface ExpandOptions {
  /** Base for relative operands; default process.cwd(). */
  cwd?: string;
}

/** True when the operand contains an unescaped glob metacharacter: * ? [ { */
export function isGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '*' || c === '?' || c === '[' || c === '{') return true;
  }
  return false;
}

/**
 * Expands `{a,b}` alternatives (nested too) into separate patterns, in order.
 * A brace group without a top-level comma (`{a}`) or without its closing brace
 * stays literal, as in bash.
 */
export function expandBraces(pattern: string): string[] {
  const open = findBraceGroup(pattern);
  if (!open) return [pattern];
  const { start, end, alternatives } = open;
  const prefix = pattern.slice(0, start);
  const suffix = pattern.slice(end + 1);
  const out: string[] = [];
  for (const alt of alternatives) {
    for (const expanded of expandBraces(prefix + alt + suffix)) out.push(expanded);
  }
  return out;
}

/** The first brace group with at least one top-level comma, or null. */
function findBraceGroup(pattern: string): { start: number; end: number; alternatives: string[] } | null {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    let end = -1;
    for (let j = i; j < pattern.length; j++) {
      const d = pattern[j];
      if (d === '\\') {
        j++;
        continue;
      }
      if (d === '{') depth++;
      else if (d === '}') {
        depth--;
        if (depth === 0) {
          end = j;
          break;
        }
      } else if (d === ',' && depth === 1) commas.push(j);
    }
    if (end === -1) return null; // unbalanced: everything from here on is literal
    if (commas.length === 0) continue; // `{a}` is literal; look for a later group
    const alternatives: string[] = [];
    let from = i + 1;
    for (const comma of [...commas, end]) {
      alternatives.push(pattern.slice(from, comma));
      from = comma + 1;
    }
    return { start: i, end, alternatives };
  }
  return null;
}

/**
 * Regular expression for ONE path segment of a glob (no `/`, braces already
 * expanded). `*` → any run of characters, `?` → one character, `[...]` → class.
 */
export function segmentToRegExp(segment: string): RegExp {
  let re = '^';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\') {
      const next = segment[i + 1];
      if (next !== undefined) {
        re += escapeRegExp(next);
        i++;
      } else {
        re += '\\\\';
      }
    } else if (c === '*') {
      while (segment[i + 1] === '*') i++;
      re += '.*';
    } else if (c === '?') {
      re += '.';
    } else if (c === '[') {
      const close = findClassEnd(segment, i);
      if (close === -1) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      let negate = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negate = true;
        body = body.slice(1);
      }
      // Keep ranges (a-z); neutralise characters special inside a JS class.
      let cls = '';
      for (let k = 0; k < body.length; k++) {
        let ch = body[k];
        const escaped = ch === '\\' && k + 1 < body.length;
        if (escaped) ch = body[++k];
        cls += !escaped && ch === '-' && k > 0 && k < body.length - 1 ? '-' : escapeClassChar(ch);
      }
      re += negate ? `[^${cls}]` : `[${cls}]`;
      i = close;
    } else {
      re += escapeRegExp(c);
    }
  }
  return new RegExp(re + '$', process.platform === 'win32' ? 'i' : '');
}

/** Index of the `]` closing the class opened at `open`, or -1. A `]` right after `[` / `[!` is literal. */
function findClassEnd(segment: string, open: number): number {
  let j = open + 1;
  if (segment[j] === '!' || segment[j] === '^') j++;
  if (segment[j] === ']') j++;
  for (; j < segment.length; j++) {
    if (segment[j] === '\\') {
      j++;
      continue;
    }
    if (segment[j] === ']') return j;
  }
  return -1;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClassChar(ch: string): string {
  return /[\][\\^-]/.test(ch) ? '\\' + ch : ch;
}

/** Removes glob escapes from a segment without metacharacters. */
function unescapeSegment(segment: string): string {
  return segment.replace(/\\(.)/g, '$1');
}

/** Does the name match the glob segment, honouring the dotfile rule? */
export function matchSegment(segment: string, name: string): boolean {
  if (name.startsWith('.') && !segment.startsWith('.') && !segment.startsWith('\\.')) return false;
  return segmentToRegExp(segment).test(name);
}

/**
 * Does a relative, `/`-separated path match a whole glob? Same rules as the
 * file-system walk (dotfile rule, `**` spans folders but not dot-folders).
 * Pure; handy for tests and for filtering lists of paths.
 */
export function matchGlob(pattern: string, relPath: string): boolean {
  const names = relPath.split('/').filter((s) => s !== '');
  return expandBraces(pattern).some((p) => matchSegments(splitSegments(p), 0, names, 0));
}

function matchSegments(segs: string[], si: number, names: string[], ni: number): boolean {
  if (si === segs.length) return ni === names.length;
  const seg = segs[si];
  if (seg === '**') {
    if (matchSegments(segs, si + 1, names, ni)) return true;
    for (let k = ni; k < names.length; k++) {
      if (names[k].startsWith('.')) return false;
      if (matchSegments(segs, si + 1, names, k + 1)) return true;
    }
    return false;
  }
  if (ni === names.length) return false;
  return matchSegment(seg, names[ni]) && matchSegments(segs, si + 1, names, ni + 1);
}

/** Splits on `/`, dropping empty and `.` segments and collapsing runs of `**`. */
function splitSegments(pattern: string): string[] {
  const out: string[] = [];
  for (const s of pattern.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '**' && out[out.length - 1] === '**') continue;
    out.push(s);
  }
  return out;
}

/** Expands every operand; never throws for a missing path (reports it in `unmatched`). */
export async function expandPaths(operands: readonly string[], options: ExpandOptions = {}): Promise<ExpandResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const seen = new Set<string>();
  const files: ExpandedFile[] = [];
  const unmatched: UnmatchedOperand[] = [];

  for (const operand of operands) {
    const found = new Map<string, number>();
    const walked = new Set<string>();
    let reason = 'matched no files';
    if (operand.trim() === '') {
      unmatched.push({ operand, reason: 'is an empty path' });
      continue;
    }
    const literal = path.resolve(cwd, operand);
    const literalStat = await statOrNull(literal);
    if (literalStat) {
      // An existing path wins even if its name contains glob characters.
      if (literalStat.isDirectory()) {
        await walkFolder(literal, found, walked);
        reason = 'is a folder with no (non-hidden) files';
      } else if (literalStat.isFile()) {
        found.set(literal, literalStat.size);
      } else {
        reason = 'is not a regular file or folder';
      }
    } else if (isGlob(operand)) {
      for (const pattern of expandBraces(operand)) await globInto(pattern, cwd, found, walked);
    } else {
      reason = 'does not exist';
    }

    if (found.size === 0) {
      unmatched.push({ operand, reason });
      continue;
    }
    for (const p of [...found.keys()].sort(comparePaths)) {
      if (seen.has(p)) continue;
      seen.add(p);
      files.push({ path: p, display: displayPath(p, cwd), size: found.get(p) ?? 0 });
    }
  }
  return { files, unmatched };
}

/** Relative to cwd when inside it, else absolute; always with the platform separator. */
export function displayPath(abs: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return abs;
  return rel;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Natural order (f2 before f10), the same on every machine. */
function comparePaths(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

async function statOrNull(p: string): Promise<Stats | null> {
  try {
    return await stat(p);
  } catch {
    return null;
  }
}

async function readdirOrEmpty(dir: string): Promise<Dirent[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.sort((a, b) => comparePaths(a.name, b.name));
  } catch {
    return [];
  }
}

/** Kind of a directory entry, resolving symlinks: links to folders count as 'link-dir'. */
async function entryKind(dir: string, entry: Dirent): Promise<{ kind: 'file' | 'dir' | 'link-dir' | 'other'; size: number }> {
  const full = path.join(dir, entry.name);
  if (entry.isDirectory()) return { kind: 'dir', size: 0 };
  if (entry.isFile() || entry.isSymbolicLink()) {
    const st = await statOrNull(full);
    if (!st) return { kind: 'other', size: 0 };
    if (st.isFile()) return { kind: 'file', size: st.size };
    if (st.isDirectory()) return { kind: entry.isSymbolicLink() ? 'link-dir' : 'dir', size: 0 };
  }
  return { kind: 'other', size: 0 };
}

/** Every non-hidden file below `dir`; `walked` remembers folders already done. */
async function walkFolder(dir: string, found: Map<string, number>, walked: Set<string>): Promise<void> {
  if (walked.has(dir)) return;
  walked.add(dir);
  for (const entry of await readdirOrEmpty(dir)) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    const { kind, size } = await entryKind(dir, entry);
    if (kind === 'file') found.set(full, size);
    else if (kind === 'dir') await walkFolder(full, found, walked);
  }
}

/** One brace-free pattern, relative to cwd or absolute. */
async function globInto(pattern: string, cwd: string, found: Map<string, number>, walked: Set<string>): Promise<void> {
  const normalized = process.platform === 'win32' ? pattern.replace(/\\(?![*?[\]{}\\])/g, '/') : pattern;
  let base = cwd;
  let rest = normalized;
  if (path.isAbsolute(normalized)) {
    base = path.parse(normalized).root;
    rest = normalized.slice(base.length);
  }
  const segs = splitSegments(rest);
  // `dir/**` is every file below dir: the same as the folder itself, walked once.
  while (segs[segs.length - 1] === '**') segs.pop();
  await walkSegments(base, segs, 0, found, walked);
}

async function walkSegments(dir: string, segs: string[], i: number, found: Map<string, number>, walked: Set<string>): Promise<void> {
  if (i === segs.length) {
    const st = await statOrNull(dir);
    if (st?.isFile()) found.set(dir, st.size);
    else if (st?.isDirectory()) await walkFolder(dir, found, walked);
    return;
  }
  const seg = segs[i];
  if (seg === '**') {
    // Zero folders...
    await walkSegments(dir, segs, i + 1, found, walked);
    // ...or one more (non-hidden, not through a symlink) and try again.
    for (const entry of await readdirOrEmpty(dir)) {
      if (entry.name.startsWith('.') || !entry.isDirectory()) continue;
      await walkSegments(path.join(dir, entry.name), segs, i, found, walked);
    }
    return;
  }
  if (seg === '..') {
    await walkSegments(path.dirname(dir), segs, i + 1, found, walked);
    return;
  }
  if (!isGlob(seg)) {
    const next = path.join(dir, unescapeSegment(seg));
    await walkSegments(next, segs, i + 1, found, walked);
    return;
  }
  const last = i === segs.length - 1;
  for (const entry of await readdirOrEmpty(dir)) {
    if (!matchSegment(seg, entry.name)) continue;
    const full = path.join(dir, entry.name);
    const { kind, size } = await entryKind(dir, entry);
    if (kind === 'file') {
      if (last) found.set(full, size);
    } else if (kind === 'dir') {
      // A folder matched by the last segment is expanded like a folder operand.
      await walkSegments(full, segs, i + 1, found, walked);
    }
  }
}
