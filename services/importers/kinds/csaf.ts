/**
 * CSAF 2.0 provider: `provider-metadata.json` names the distributions, each a
 * set of ROLIE feeds (one per TLP label) or a directory with `changes.csv`.
 * Feeds and `changes.csv` are fetched with conditional GET; an advisory is
 * imported when its `updated`/change time differs from the one recorded, and
 * only after its bytes match the `.sha256` (else `.sha512`) file published
 * next to it. The TLP filter drops whole ROLIE feeds by their label and any
 * advisory whose own `document.distribution.tlp.label` is not allowed. With
 * a `publicKey`, the advisory's `.asc` signature must verify too.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { EntryError, ImporterError } from '../errors.js';
import { asEntryError, parseEntryJson, type ImportEntry, type ImportItem, type KindContext } from '../entry.js';
import { fetchBytes, fetchResource } from '../fetch.js';
import { isUrl, type TlpLabel } from '../config.js';
import { loadPublicKeys, verifyDetachedSignature } from '../openpgp-signature.js';
import type { Key } from 'openpgp';

interface RolieFeedRef { tlp_label?: string; url?: string }
interface Distribution { directory_url?: string; rolie?: { feeds?: RolieFeedRef[] } }
interface RolieLink { rel?: string; href?: string }
interface RolieEntry { id?: string; updated?: string; content?: { src?: string }; link?: RolieLink[] }

function resolve(base: string, ref: string): string {
  return isUrl(base) ? new URL(ref, base).toString() : path.resolve(path.dirname(base), ref);
}

async function readJson(location: string, ctx: KindContext, what: string): Promise<Record<string, unknown> | null> {
  const r = await fetchResource(location, { previous: ctx.cursor[location], maxBytes: ctx.maxBytes, signal: ctx.signal });
  if (r.status === 'not-modified') {
    ctx.nextCursor[location] = ctx.cursor[location]!;
    return null;
  }
  if (r.validators) ctx.nextCursor[location] = r.validators;
  try {
    const v = JSON.parse(r.body.toString('utf8')) as unknown;
    if (typeof v !== 'object' || v === null) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch (err) {
    throw new ImporterError('FEED_INVALID', `${location} is not a ${what} (${(err as Error).message})`);
  }
}

/** Hash files hold `<hex>  <file name>` (sha256sum style); the name is not checked, the digest is. */
async function verifyHash(url: string, bytes: Buffer, hashLinks: string[], ctx: KindContext): Promise<void> {
  const candidates = hashLinks.length ? hashLinks : [`${url}.sha256`, `${url}.sha512`];
  for (const hashUrl of candidates) {
    const algorithm = hashUrl.endsWith('.sha512') ? 'sha512' : hashUrl.endsWith('.sha256') ? 'sha256' : null;
    if (!algorithm) continue;
    let text: string;
    try {
      text = (await fetchBytes(hashUrl, 4096, ctx.signal)).toString('utf8');
    } catch (err) {
      if (err instanceof ImporterError && err.code === 'FEED_HTTP_STATUS') continue;
      throw err;
    }
    const expected = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    const actual = createHash(algorithm).update(bytes).digest('hex');
    if (expected !== actual) throw new EntryError('ENTRY_HASH_MISMATCH', url, `${algorithm} of the advisory is ${actual} but ${path.posix.basename(hashUrl)} says ${expected || '(empty)'}; the advisory was altered or the hash file is stale`);
    return;
  }
  throw new EntryError('ENTRY_HASH_MISSING', url, `no .sha256 or .sha512 file next to the advisory (tried ${candidates.join(', ')}); CSAF providers publish one for every advisory`);
}

function tlpOf(doc: Record<string, unknown>): string | null {
  const label = ((doc.document as { distribution?: { tlp?: { label?: unknown } } } | undefined)?.distribution?.tlp?.label);
  return typeof label === 'string' ? label.toUpperCase() : null;
}

async function verifySignature(url: string, bytes: Buffer, signatureLink: string | null, keys: Key[], ctx: KindContext): Promise<void> {
  const signatureUrl = signatureLink ?? `${url}.asc`;
  let armored: string;
  try {
    armored = (await fetchBytes(signatureUrl, 64 * 1024, ctx.signal)).toString('utf8');
  } catch (err) {
    if (err instanceof ImporterError && err.code === 'FEED_HTTP_STATUS') throw new EntryError('ENTRY_SIGNATURE_MISSING', url, `no OpenPGP signature at ${signatureUrl} (${err.message}); a publicKey is configured, so every advisory must be signed`);
    throw asEntryError(err, url);
  }
  await verifyDetachedSignature(url, bytes, armored, keys);
}

interface Verification { hashLinks: string[]; signatureLink: string | null; keys: Key[] | null }

function advisory(url: string, fingerprint: string, verification: Verification, ctx: KindContext): ImportEntry {
  return {
    id: url,
    fingerprint,
    fileName: path.posix.basename(new URL(url, 'file:///').pathname),
    load: async () => {
      let bytes: Buffer;
      try {
        bytes = await fetchBytes(url, ctx.maxBytes, ctx.signal);
      } catch (err) {
        throw asEntryError(err, url);
      }
      await verifyHash(url, bytes, verification.hashLinks, ctx);
      if (verification.keys) await verifySignature(url, bytes, verification.signatureLink, verification.keys, ctx);
      const doc = parseEntryJson(bytes, url);
      const tracking = (doc.document as { tracking?: { id?: unknown } } | undefined)?.tracking;
      if (typeof tracking?.id !== 'string') throw new EntryError('ENTRY_INVALID', url, 'is not a CSAF document (no document.tracking.id)');
      const allowed = ctx.definition.tlp;
      if (allowed) {
        const label = tlpOf(doc);
        if (!label || !(allowed as string[]).includes(label)) return null;
      }
      return bytes;
    },
  };
}

async function* rolieEntries(feedUrl: string, keys: Key[] | null, ctx: KindContext): AsyncIterable<ImportItem> {
  const feed = await readJson(feedUrl, ctx, 'ROLIE feed');
  if (!feed) return;
  const entries = ((feed.feed as { entry?: RolieEntry[] } | undefined)?.entry) ?? [];
  for (const e of entries) {
    const src = e.content?.src ?? e.link?.find((l) => l.rel === 'self')?.href;
    if (!src) {
      yield { failure: new EntryError('ENTRY_INVALID', e.id ?? feedUrl, 'ROLIE entry has no content.src or self link') };
      continue;
    }
    const url = resolve(feedUrl, src);
    const hashLinks = (e.link ?? []).filter((l) => l.rel === 'hash' && l.href).map((l) => resolve(feedUrl, l.href!));
    const signature = e.link?.find((l) => l.rel === 'signature' && l.href)?.href;
    yield { entry: advisory(url, e.updated ?? '', { hashLinks, signatureLink: signature ? resolve(feedUrl, signature) : null, keys }, ctx) };
  }
}

/** `changes.csv`: `"<path>","<time>"` per line, newest first. */
async function* directoryEntries(directoryUrl: string, keys: Key[] | null, ctx: KindContext): AsyncIterable<ImportItem> {
  const base = directoryUrl.endsWith('/') ? directoryUrl : `${directoryUrl}/`;
  const changesUrl = resolve(base, 'changes.csv');
  const r = await fetchResource(changesUrl, { previous: ctx.cursor[changesUrl], maxBytes: ctx.maxBytes, signal: ctx.signal });
  if (r.status === 'not-modified') {
    ctx.nextCursor[changesUrl] = ctx.cursor[changesUrl]!;
    return;
  }
  if (r.validators) ctx.nextCursor[changesUrl] = r.validators;
  for (const line of r.body.toString('utf8').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^"?([^",]+)"?\s*,\s*"?([^",]+)"?$/.exec(line.trim());
    if (!m) {
      yield { failure: new EntryError('ENTRY_INVALID', changesUrl, `line ${JSON.stringify(line)} is not "path","time"`) };
      continue;
    }
    yield { entry: advisory(resolve(base, m[1]!), m[2]!, { hashLinks: [], signatureLink: null, keys }, ctx) };
  }
}

export async function* csafEntries(ctx: KindContext): AsyncIterable<ImportItem> {
  const metadataUrl = ctx.definition.source;
  const keys = ctx.definition.publicKey ? await loadPublicKeys(ctx.definition.publicKey) : null;
  const r = await fetchResource(metadataUrl, { maxBytes: ctx.maxBytes, signal: ctx.signal });
  if (r.status !== 'fresh') return;
  let metadata: { distributions?: Distribution[] };
  try {
    metadata = JSON.parse(r.body.toString('utf8')) as { distributions?: Distribution[] };
  } catch (err) {
    throw new ImporterError('FEED_INVALID', `${metadataUrl} is not a CSAF provider-metadata.json (${(err as Error).message})`);
  }
  if (!Array.isArray(metadata.distributions) || metadata.distributions.length === 0) {
    throw new ImporterError('FEED_INVALID', `${metadataUrl} lists no distributions (neither ROLIE feeds nor a directory_url); is it a provider-metadata.json?`);
  }
  const allowed = ctx.definition.tlp as TlpLabel[] | null;
  for (const d of metadata.distributions) {
    for (const f of d.rolie?.feeds ?? []) {
      if (!f.url) continue;
      if (allowed && !(allowed as string[]).includes((f.tlp_label ?? '').toUpperCase())) continue;
      yield* rolieEntries(resolve(metadataUrl, f.url), keys, ctx);
    }
    if (d.directory_url) yield* directoryEntries(resolve(metadataUrl, d.directory_url), keys, ctx);
  }
}
