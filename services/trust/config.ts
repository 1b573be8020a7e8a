/**
 * Trust configuration file → TrustPolicy.
 *
 * The file is YAML or JSON (JSON is valid YAML). Relative paths are resolved against
 * the directory of the configuration file. Every error names the offending field
 * (e.g. `keys[1].path`). Format:
 *
 *   version: 1                       # optional; only 1 is accepted
 *   keys:                            # ECDSA P-256/P-384/P-521 public keys
 *     - name: release-key            # optional label, reported as the signer
 *       path: keys/release.pub       # or: pem: "-----BEGIN PUBLIC KEY-----..."
 *   certificateAuthorities:          # trust anchors for certificate signatures
 *     - name: corp-root
 *       path: pki/root-ca.pem        # may hold several certificates
 *   sigstore:
 *     usePublicGood: true            # default true: public-good root from @sigstore/tuf
 *     trustedRoots:                  # private Sigstore instances (TrustedRoot JSON)
 *       - path: private/trusted_root.json
 *     identities:                    # who may sign keyless
 *       - issuer: https://accounts.google.com
 *         san: alice@example.com     # exact match, or:
 *       - issuer: https://token.actions.githubusercontent.com
 *         sanPattern: "https://github\\.com/acme/models/\\.github/workflows/.*"
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkTrustedRootJson } from '../../verify/index.js';
import type { TrustPolicy } from '../../verify/index.js';
import { assertSupportedSigningKey, parsePublicKey } from '../../verify/keys.js';
import { parseCertificatesPem } from '../../verify/x509.js';
import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';

export class TrustConfigError extends SupplygraphError<'TRUST_CONFIG_INVALID'> {
  constructor(readonly file: string, readonly field: string, message: string) {
    super('TRUST_CONFIG_INVALID', `${file}: ${field ? `${field}: ` : ''}${message}`);
  }
}

export interface LoadedTrustConfig {
  policy: TrustPolicy;
  /** Absolute paths of the configuration file and every file it references. */
  files: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

type ReadFile = (absPath: string) => Promise<string>;

class Ctx {
  readonly files = new Set<string>();
  constructor(
    readonly file: string,
    readonly baseDir: string,
    readonly readFile: ReadFile,
  ) {}
  fail(field: string, message: string): never {
    throw new TrustConfigError(this.file, field, message);
  }
  allowKeys(obj: Json, field: string, allowed: string[]): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) this.fail(field ? `${field}.${k}` : k, `unknown field (allowed: ${allowed.join(', ')})`);
    }
  }
  optString(obj: Json, key: string, field: string): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.trim() === '') this.fail(`${field}.${key}`, 'must be a non-empty string');
    return v as string;
  }
  list(obj: Json, key: string, field = key): unknown[] {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(field, 'must be a list');
    return v as unknown[];
  }
  async read(rel: string, field: string): Promise<string> {
    const abs = path.resolve(this.baseDir, rel);
    this.files.add(abs);
    try {
      return await this.readFile(abs);
    } catch (e) {
      this.fail(field, `cannot read ${abs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  /** `{ name?, path | pem }` entries; returns the PEM text. */
  async pemEntry(entry: unknown, field: string): Promise<{ name?: string; pem: string }> {
    if (typeof entry === 'string') entry = { path: entry };
    if (!isObject(entry)) this.fail(field, 'must be an object with `path` or `pem`');
    const e = entry as Json;
    this.allowKeys(e, field, ['name', 'path', 'pem']);
    const name = this.optString(e, 'name', field);
    const p = this.optString(e, 'path', field);
    const pem = this.optString(e, 'pem', field);
    if ((p === undefined) === (pem === undefined)) this.fail(field, 'give exactly one of `path` or `pem`');
    const text = pem ?? (await this.read(p!, `${field}.path`));
    return { ...(name ? { name } : {}), pem: text };
  }
}

async function resolveKeys(ctx: Ctx, doc: Json): Promise<TrustPolicy['keys']> {
  const out: TrustPolicy['keys'] = [];
  for (const [i, entry] of ctx.list(doc, 'keys').entries()) {
    const field = `keys[${i}]`;
    const k = await ctx.pemEntry(entry, field);
    try {
      assertSupportedSigningKey(parsePublicKey(k.pem));
    } catch (e) {
      ctx.fail(field, (e as Error).message);
    }
    out.push({ name: k.name ?? (isObject(entry) && typeof entry.path === 'string' ? entry.path : typeof entry === 'string' ? entry : field), pem: k.pem });
  }
  return out;
}

async function resolveCAs(ctx: Ctx, doc: Json): Promise<TrustPolicy['certificateAuthorities']> {
  const out: TrustPolicy['certificateAuthorities'] = [];
  for (const [i, entry] of ctx.list(doc, 'certificateAuthorities').entries()) {
    const field = `certificateAuthorities[${i}]`;
    const ca = await ctx.pemEntry(entry, field);
    try {
      parseCertificatesPem(ca.pem, field);
    } catch (e) {
      ctx.fail(field, `not a PEM certificate bundle: ${(e as Error).message}`);
    }
    out.push({ name: ca.name ?? (isObject(entry) && typeof entry.path === 'string' ? entry.path : typeof entry === 'string' ? entry : field), pem: ca.pem });
  }
  return out;
}

async function resolveSigstore(ctx: Ctx, doc: Json): Promise<TrustPolicy['sigstore']> {
  const raw = doc.sigstore;
  if (raw === undefined || raw === null) return { trustedRoots: [], usePublicGood: true, identities: [] };
  if (!isObject(raw)) ctx.fail('sigstore', 'must be an object');
  const s = raw as Json;
  ctx.allowKeys(s, 'sigstore', ['usePublicGood', 'trustedRoots', 'identities']);
  let usePublicGood = true;
  if (s.usePublicGood !== undefined) {
    if (typeof s.usePublicGood !== 'boolean') ctx.fail('sigstore.usePublicGood', 'must be true or false');
    usePublicGood = s.usePublicGood as boolean;
  }
  const trustedRoots: unknown[] = [];
  for (const [i, entry] of ctx.list(s, 'trustedRoots', 'sigstore.trustedRoots').entries()) {
    const field = `sigstore.trustedRoots[${i}]`;
    let rel: string;
    if (typeof entry === 'string') rel = entry;
    else if (isObject(entry)) {
      ctx.allowKeys(entry, field, ['name', 'path']);
      rel = ctx.optString(entry, 'path', field) ?? ctx.fail(field, 'needs a `path` to a TrustedRoot JSON file');
    } else ctx.fail(field, 'must be a path or an object with `path`');
    const text = await ctx.read(rel, `${field}.path`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      ctx.fail(field, `not JSON: ${(e as Error).message}`);
    }
    const problem = checkTrustedRootJson(json);
    if (problem) ctx.fail(field, problem);
    trustedRoots.push(json);
  }
  const identities: TrustPolicy['sigstore']['identities'] = [];
  for (const [i, entry] of ctx.list(s, 'identities', 'sigstore.identities').entries()) {
    const field = `sigstore.identities[${i}]`;
    if (!isObject(entry)) ctx.fail(field, 'must be an object with `issuer` and `san` or `sanPattern`');
    ctx.allowKeys(entry, field, ['issuer', 'san', 'sanPattern']);
    const issuer = ctx.optString(entry, 'issuer', field) ?? ctx.fail(`${field}.issuer`, 'is required (the OIDC issuer URL)');
    const san = ctx.optString(entry, 'san', field);
    const sanPattern = ctx.optString(entry, 'sanPattern', field);
    if ((san === undefined) === (sanPattern === undefined)) ctx.fail(field, 'give exactly one of `san` (exact) or `sanPattern` (regular expression)');
    if (sanPattern !== undefined) {
      try {
        new RegExp(`^(?:${sanPattern})$`, 'u');
      } catch (e) {
        ctx.fail(`${field}.sanPattern`, `invalid regular expression: ${(e as Error).message}`);
      }
    }
    identities.push({ issuer, ...(san !== undefined ? { san } : {}), ...(sanPattern !== undefined ? { sanPattern } : {}) });
  }
  return { trustedRoots, usePublicGood, identities };
}

/**
 * Validate a parsed configuration document and resolve the files it references.
 * `file` is only used in error messages; `baseDir` anchors relative paths.
 */
export async function resolveTrustConfig(doc: unknown, opts: { file: string; baseDir: string; readFile?: ReadFile }): Promise<LoadedTrustConfig> {
  const ctx = new Ctx(opts.file, opts.baseDir, opts.readFile ?? ((p) => fs.readFile(p, 'utf8')));
  if (doc === null || doc === undefined) ctx.fail('', 'the trust configuration is empty');
  if (!isObject(doc)) ctx.fail('', 'the trust configuration must be a mapping (object) at the top level');
  const d = doc as Json;
  ctx.allowKeys(d, '', ['version', 'keys', 'certificateAuthorities', 'sigstore']);
  if (d.version !== undefined && d.version !== 1) ctx.fail('version', `unsupported version ${JSON.stringify(d.version)} (expected 1)`);
  const policy: TrustPolicy = {
    keys: await resolveKeys(ctx, d),
    certificateAuthorities: await resolveCAs(ctx, d),
    sigstore: await resolveSigstore(ctx, d),
  };
  return { policy, files: [...ctx.files] };
}

/** Parse YAML/JSON text of a trust configuration (syntax errors become TrustConfigError). */
export function parseTrustConfigText(text: string, file: string): unknown {
  try {
    return file.endsWith('.json') ? (JSON.parse(text) as unknown) : (parseYaml(text) as unknown);
  } catch (e) {
    throw new TrustConfigError(file, '', `cannot parse ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
}

/** Read, parse, validate and resolve a trust configuration file. */
export async function loadTrustConfig(configPath: string): Promise<LoadedTrustConfig> {
  const abs = path.resolve(configPath);
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch (e) {
    throw new TrustConfigError(abs, '', `cannot read the trust configuration: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const loaded = await resolveTrustConfig(parseTrustConfigText(text, abs), { file: abs, baseDir: path.dirname(abs) });
  return { policy: loaded.policy, files: [abs, ...loaded.files] };
}
