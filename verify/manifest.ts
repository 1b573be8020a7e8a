/**
 * Check a model on disk against a signed manifest (OMS spec §8.4–8.5).
 *
 * - Every manifest entry is re-hashed (streamed, `concurrency` jobs at once), whether or
 *   not an ignore rule covers its path: nothing signed goes unchecked.
 * - Files on disk that the manifest does not list are "unsigned" (extra) unless an ignore
 *   rule covers them or `ignoreUnsignedFiles` is set. Ignore rules: `.git`, `.gitattributes`,
 *   `.github`, `.gitignore` at the model root; the signature file; the bundle's
 *   `serialization.ignore_paths` (v1.1+); the caller's `ignorePaths`. A rule `p` covers `p`
 *   and everything below it. As in the reference implementation (model_signing's
 *   hashing config), a relative ignore path is relative to the model root and an absolute
 *   one must lie inside the model directory (`--ignore-paths /abs/model/ignore-me`, the
 *   form its CLI and conformance suite use); a caller's path outside the model is refused
 *   (IGNORE_PATH_OUTSIDE_MODEL). For a single-file model nothing is walked, so ignore
 *   paths have no effect there (also as in the reference).
 * - Shards (`path:start:end`): the local file is cut with the signed `shard_size`; shards
 *   that do not line up (file grew or shrank) are reported as modified.
 * - Single-file models: pass the file itself; or a directory, in which case a manifest
 *   naming only `.` is resolved to `<dir>/<modelName>`.
 * - Symlinks are refused unless the signature says `allow_symlinks: true`.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IgnorePathError, type ManifestReasonCode } from './error.js';
import { hashFile, isSupportedHash, runPool } from './hashing.js';
import { parseShardName } from './statement.js';
import type { ManifestEntry, ManifestProblem, ManifestVerification, ModelSignature, ModifiedEntry, VerifyModelFilesOptions } from './types.js';

export const DEFAULT_IGNORE_PATHS = ['.git', '.gitattributes', '.github', '.gitignore'] as const;

function normalizeRel(p: string): string {
  return p
    .split(/[\\/]+/)
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

/** `target` relative to `root` ('' for root itself), or null when it lies outside. */
function inside(root: string, target: string): string | null {
  const rel = path.relative(root, target);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return normalizeRel(rel);
}

async function realOrSelf(p: string): Promise<string> {
  return fs.realpath(p).catch(() => p);
}

/**
 * An ignore path as a rule relative to the model root `root`, or null when it lies outside
 * the model. Symlinked prefixes (`/tmp` → `/private/tmp`) are compared through realpath
 * when the lexical comparison fails.
 */
async function ignoreRule(root: string, ignorePath: string): Promise<string | null> {
  const target = path.resolve(root, ignorePath);
  const lexical = inside(root, target);
  if (lexical !== null) return lexical;
  const [realRoot, realParent] = await Promise.all([realOrSelf(root), realOrSelf(path.dirname(target))]);
  return inside(realRoot, path.join(realParent, path.basename(target)));
}

/**
 * The caller's ignore paths as rules relative to the model directory `modelDir`. Throws
 * IgnorePathError for a path outside the model or naming the model directory itself.
 */
export async function resolveIgnorePaths(modelDir: string, ignorePaths: readonly string[]): Promise<string[]> {
  const root = path.resolve(modelDir);
  const rules: string[] = [];
  for (const p of ignorePaths) {
    const rule = await ignoreRule(root, p);
    if (rule === null) throw new IgnorePathError(p, `ignore path ${p} is outside the model directory ${root}; give a path inside it (absolute, or relative to the model directory).`);
    if (rule === '') throw new IgnorePathError(p, `ignore path ${p} names the model directory ${root} itself, which would leave nothing to check.`);
    rules.push(rule);
  }
  return rules;
}

function covered(rel: string, rules: string[]): boolean {
  return rules.some((r) => rel === r || rel.startsWith(r + '/'));
}

async function lstatOrNull(p: string) {
  try {
    return await fs.lstat(p);
  } catch {
    return null;
  }
}

/** Does any component of root/rel (below root) resolve through a symlink? */
async function symlinkComponent(root: string, rel: string): Promise<string | null> {
  const parts = rel.split('/');
  let cur = root;
  for (let i = 0; i < parts.length; i++) {
    cur = path.join(cur, parts[i]);
    const st = await lstatOrNull(cur);
    if (st?.isSymbolicLink()) return parts.slice(0, i + 1).join('/');
  }
  return null;
}

interface Target {
  /** Manifest file path ('.' or basename for single-file models). */
  file: string;
  abs: string;
  entries: ManifestEntry[];
}

function filePathOf(entry: ManifestEntry, method: string): string {
  if (method === 'shards') return parseShardName(entry.name)?.path ?? entry.name;
  return entry.name;
}

function shardNames(file: string, size: number, shardSize: number): string[] {
  const out: string[] = [];
  for (let start = 0; start < size; start += shardSize) out.push(`${file}:${start}:${Math.min(start + shardSize, size)}`);
  return out;
}

interface Walked {
  files: string[];
  ignored: string[];
  problems: ManifestProblem[];
}

async function walk(root: string, rules: string[], allowSymlinks: boolean): Promise<Walked> {
  const out: Walked = { files: [], ignored: [], problems: [] };
  const seenDirs = new Set<string>();
  const visit = async (relDir: string): Promise<void> => {
    const absDir = path.join(root, relDir);
    const real = await fs.realpath(absDir);
    if (seenDirs.has(real)) return; // symlink cycle
    seenDirs.add(real);
    const entries = await fs.readdir(absDir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of entries) {
      const rel = relDir ? `${relDir}/${d.name}` : d.name;
      if (covered(rel, rules)) {
        out.ignored.push(rel);
        continue;
      }
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        if (!allowSymlinks) {
          out.problems.push({ path: rel, code: 'SYMLINK_NOT_ALLOWED', message: `${rel} is a symbolic link and the signature does not allow symlinks` });
          continue;
        }
        try {
          const st = await fs.stat(path.join(root, rel));
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          out.problems.push({ path: rel, code: 'IO_ERROR', message: `${rel} is a broken symbolic link` });
          continue;
        }
      }
      if (isDir) await visit(rel);
      else if (isFile) out.files.push(rel);
      else out.problems.push({ path: rel, code: 'UNSUPPORTED_FILE_TYPE', message: `${rel} is neither a regular file nor a directory` });
    }
  };
  await visit('');
  return out;
}

function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  return `${n} ${word.endsWith('entry') ? `${word.slice(0, -1)}ies` : `${word}s`}`;
}

function list(items: string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, … (+${items.length - max})` : shown;
}

function summarize(r: Omit<ManifestVerification, 'ok' | 'reasonCode' | 'reason'>): { ok: boolean; reasonCode: ManifestReasonCode; reason: string } {
  const cats: Array<{ code: ManifestReasonCode; text: string }> = [];
  if (r.modified.length) cats.push({ code: 'FILE_MODIFIED', text: `${plural(r.modified.length, 'entry')} modified (${list(r.modified.map((m) => m.name))})` });
  if (r.missing.length) cats.push({ code: 'FILE_MISSING', text: `${plural(r.missing.length, 'signed file')} missing (${list(r.missing)})` });
  if (r.extra.length) cats.push({ code: 'FILE_UNSIGNED', text: `${plural(r.extra.length, 'file')} not covered by the signature (${list(r.extra)})` });
  const problemCodes = [...new Set(r.problems.map((p) => p.code))];
  for (const code of problemCodes) {
    const ps = r.problems.filter((p) => p.code === code);
    cats.push({ code, text: ps.length === 1 ? ps[0].message : `${ps.length} problems: ${list(ps.map((p) => p.message), 3)}` });
  }
  if (cats.length === 0) {
    return { ok: true, reasonCode: 'MANIFEST_MATCH', reason: r.matched === 1 ? 'The signed entry matches the model file.' : `All ${plural(r.matched, 'signed entry')} match the model files.` };
  }
  const advice = r.extra.length && !r.modified.length && !r.missing.length
    ? ' Remove the extra files, list them with --ignore-paths, or use --ignore-unsigned-files.'
    : ' The model differs from what was signed: obtain a pristine copy or a new signature.';
  return { ok: false, reasonCode: cats.length === 1 ? cats[0].code : 'MANIFEST_MISMATCH', reason: `${cats.map((c) => c.text).join('; ')}.${advice}` };
}

function failure(code: ManifestReasonCode, reason: string, ignorePaths: string[] = []): ManifestVerification {
  return { ok: false, reasonCode: code, reason, matched: 0, missing: [], extra: [], modified: [], ignored: [], problems: [], ignorePaths };
}

export async function verifyModelFiles(modelPath: string, signature: ModelSignature, opts: VerifyModelFilesOptions = {}): Promise<ManifestVerification> {
  const serialization = signature.serialization ?? { method: 'files', hashType: 'sha256', allowSymlinks: false };
  const method = serialization.method;
  const allowSymlinks = serialization.allowSymlinks ?? false;
  const concurrency = Math.max(1, opts.concurrency ?? Math.min(4, os.availableParallelism()));
  if (method !== 'files' && method !== 'shards') return failure('HASH_ALGORITHM_UNSUPPORTED', `Unknown serialization method '${method}'.`);
  if (method === 'shards' && !(serialization.shardSize && serialization.shardSize > 0)) {
    return failure('HASH_ALGORITHM_UNSUPPORTED', 'Shard serialization without a positive shard_size.');
  }
  const badAlgo = signature.resources.find((r) => !isSupportedHash(r.algorithm));
  if (badAlgo) return failure('HASH_ALGORITHM_UNSUPPORTED', `Hash algorithm '${badAlgo.algorithm}' (entry ${badAlgo.name}) is not supported.`);

  const escaping = signature.resources.find((r) => {
    const f = filePathOf(r, method);
    return f !== '.' && (path.isAbsolute(f) || f.split('/').includes('..'));
  });
  if (escaping) return failure('MANIFEST_INVALID', `Manifest entry '${escaping.name}' points outside the model directory.`);

  const absModel = path.resolve(modelPath);
  const st = await fs.stat(absModel).catch(() => null);
  if (!st) return failure('MODEL_NOT_FOUND', `Model path ${modelPath} does not exist.`);

  // Group manifest entries by file.
  const byFile = new Map<string, ManifestEntry[]>();
  for (const e of signature.resources) {
    const f = filePathOf(e, method);
    byFile.set(f, [...(byFile.get(f) ?? []), e]);
  }
  const singleDot = byFile.size === 1 && byFile.has('.');

  let root: string;
  let targets: Target[];
  let walkDir = true;
  if (st.isFile()) {
    root = path.dirname(absModel);
    walkDir = false;
    const base = path.basename(absModel);
    targets = [...byFile.entries()].map(([file, entries]) => ({
      file,
      abs: file === '.' || file === base ? absModel : path.join(root, file),
      entries,
    }));
  } else if (st.isDirectory()) {
    root = absModel;
    if (singleDot) {
      const name = signature.modelName;
      const candidate = name && !name.includes('/') && name !== '.' && name !== '..' ? path.join(root, name) : null;
      const cst = candidate ? await fs.stat(candidate).catch(() => null) : null;
      if (!candidate || !cst?.isFile()) {
        return failure('MODEL_NOT_FOUND', `The signature covers a single-file model${name ? ` ('${name}')` : ''}, which is not a file in ${modelPath}; pass the model file itself.`);
      }
      walkDir = false;
      targets = [{ file: '.', abs: candidate, entries: byFile.get('.')! }];
    } else {
      targets = [...byFile.entries()].map(([file, entries]) => ({ file, abs: path.join(root, file), entries }));
    }
  } else {
    return failure('MODEL_NOT_FOUND', `Model path ${modelPath} is neither a file nor a directory.`);
  }

  // Effective ignore rules (relative to the model root).
  const rules = new Set<string>(DEFAULT_IGNORE_PATHS);
  for (const p of serialization.ignorePaths ?? []) {
    // an absolute path recorded by the signer names its own machine: it can only cover
    // files here if it happens to point into this model directory
    const n = path.isAbsolute(p) ? await ignoreRule(root, p) : normalizeRel(p);
    if (n) rules.add(n);
  }
  if (walkDir) {
    try {
      for (const n of await resolveIgnorePaths(root, opts.ignorePaths ?? [])) rules.add(n);
    } catch (e) {
      if (e instanceof IgnorePathError) return failure(e.code, e.message);
      throw e;
    }
  }
  if (opts.signaturePath) {
    const rel = await ignoreRule(root, path.resolve(opts.signaturePath));
    if (rel) rules.add(rel);
  }
  const ignorePaths = [...rules];

  const missing: string[] = [];
  const modified: ModifiedEntry[] = [];
  const problems: ManifestProblem[] = [];
  let matched = 0;

  type Job = { entry: ManifestEntry; abs: string; range?: { start: number; end: number } };
  const jobs: Job[] = [];
  for (const t of targets) {
    if (t.abs !== absModel) {
      const link = await symlinkComponent(root, t.file);
      if (link && !allowSymlinks) {
        problems.push({ path: t.file, code: 'SYMLINK_NOT_ALLOWED', message: `${link} is a symbolic link and the signature does not allow symlinks` });
        continue;
      }
    }
    const fst = await fs.stat(t.abs).catch(() => null);
    if (!fst) {
      missing.push(...t.entries.map((e) => e.name));
      continue;
    }
    if (!fst.isFile()) {
      problems.push({ path: t.file, code: 'UNSUPPORTED_FILE_TYPE', message: `${t.file} is not a regular file` });
      continue;
    }
    if (method === 'files') {
      for (const entry of t.entries) jobs.push({ entry, abs: t.abs });
      continue;
    }
    const local = new Set(shardNames(t.file, fst.size, serialization.shardSize!));
    for (const entry of t.entries) {
      const shard = parseShardName(entry.name)!;
      if (local.has(entry.name)) jobs.push({ entry, abs: t.abs, range: { start: shard.start, end: shard.end } });
      else modified.push({ name: entry.name, algorithm: entry.algorithm, expected: entry.digest, actual: `no such shard: file is ${fst.size} bytes` });
      local.delete(entry.name);
    }
    for (const name of local) modified.push({ name, algorithm: t.entries[0].algorithm, expected: '(not in manifest)', actual: 'file has grown' });
  }

  const results = await runPool(jobs, concurrency, async (job) => {
    try {
      return { job, digest: (await hashFile(job.abs, job.entry.algorithm, job.range)).digest };
    } catch (e) {
      return { job, error: (e as Error).message };
    }
  });
  for (const r of results) {
    if ('error' in r) {
      problems.push({ path: r.job.entry.name, code: 'IO_ERROR', message: `cannot read ${r.job.entry.name}: ${r.error}` });
    } else if (r.digest === r.job.entry.digest) {
      matched++;
    } else {
      modified.push({ name: r.job.entry.name, algorithm: r.job.entry.algorithm, expected: r.job.entry.digest, actual: r.digest });
    }
  }

  const extra: string[] = [];
  let ignored: string[] = [];
  if (walkDir) {
    const walked = await walk(root, ignorePaths, allowSymlinks);
    ignored = walked.ignored;
    const signedFiles = new Set(targets.map((t) => t.file));
    for (const p of walked.problems) {
      if (signedFiles.has(p.path) || opts.ignoreUnsignedFiles) continue;
      problems.push(p);
    }
    if (!opts.ignoreUnsignedFiles) {
      for (const f of walked.files) {
        if (signedFiles.has(f)) continue;
        if (method === 'shards') {
          const size = (await fs.stat(path.join(root, f)).catch(() => null))?.size ?? 0;
          if (size === 0) continue; // empty files produce no shards
        }
        extra.push(f);
      }
    }
  }

  const body = { matched, missing, extra, modified, ignored, problems, ignorePaths };
  return { ...summarize(body), ...body };
}
