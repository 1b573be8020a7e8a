/**
 * The signed payload: an in-toto Statement v1 with the OMS predicate
 * (`https://model_signing/signature/v1.0`) or the v0.2 legacy layout
 * (`https://model_signing/Digests/v0.1`, digests in `subject`).
 * Pure; throws OmsSignatureError with a PAYLOAD/STATEMENT/PREDICATE/SUBJECT code.
 */
import crypto from 'node:crypto';
import { IN_TOTO_PAYLOAD_TYPE } from './envelope.js';
import { OmsSignatureError } from './error.js';
import { canonicalHashName } from './hashing.js';
import type { ManifestEntry, SerializationInfo } from './types.js';

export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
export const OMS_PREDICATE_TYPE = 'https://model_signing/signature/v1.0';
export const OMS_LEGACY_PREDICATE_TYPE = 'https://model_signing/Digests/v0.1';

export interface ParsedStatement {
  predicateType: string;
  legacy: boolean;
  modelName?: string;
  rootDigest: { algorithm: string; digest: string };
  serialization: SerializationInfo;
  resources: ManifestEntry[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEX_RE = /^[0-9a-fA-F]+$/;

function bad(message: string): never {
  throw new OmsSignatureError('PREDICATE_MALFORMED', message);
}

/** Canonical form of a manifest path; rejects absolute paths and `..` (path traversal). */
export function canonicalResourcePath(name: string, field: string): string {
  if (name === '.') return '.';
  if (name.includes('\0')) bad(`${field} contains a NUL byte`);
  if (name.startsWith('/')) bad(`${field} '${name}' is absolute; manifest paths must be relative to the model root`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) bad(`${field} '${name}' contains '..'; manifest paths must stay inside the model root`);
  if (parts.length === 0) bad(`${field} '${name}' is not a file path`);
  return parts.join('/');
}

/** Split a shard name `path:start:end` using the last two colon-separated integers. */
export function parseShardName(name: string): { path: string; start: number; end: number } | null {
  const m = name.match(/^(.*):(\d+):(\d+)$/);
  if (!m) return null;
  const start = Number(m[2]);
  const end = Number(m[3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end <= start) return null;
  return { path: m[1], start, end };
}

function digestHex(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length % 2 !== 0 || !HEX_RE.test(v)) bad(`${field} must be a hex digest`);
  return (v as string).toLowerCase();
}

/** sha256 over the concatenated raw digests, in the given order (OMS root digest). */
export function computeRootDigest(resources: ManifestEntry[]): string {
  const h = crypto.createHash('sha256');
  for (const r of resources) h.update(Buffer.from(r.digest, 'hex'));
  return h.digest('hex');
}

function parseSerialization(s: unknown): SerializationInfo {
  if (!isObject(s)) bad('predicate.serialization must be an object');
  const ser = s as Json;
  if (ser.method !== 'files' && ser.method !== 'shards') bad(`predicate.serialization.method must be 'files' or 'shards' (got ${JSON.stringify(ser.method)})`);
  if (typeof ser.hash_type !== 'string' || ser.hash_type === '') bad('predicate.serialization.hash_type must be a string');
  const out: SerializationInfo = { method: ser.method as string, hashType: canonicalHashName(ser.hash_type as string) };
  if (ser.allow_symlinks !== undefined) {
    if (typeof ser.allow_symlinks !== 'boolean') bad('predicate.serialization.allow_symlinks must be a boolean');
    out.allowSymlinks = ser.allow_symlinks as boolean;
  } else {
    out.allowSymlinks = false;
  }
  if (ser.method === 'shards') {
    const size = ser.shard_size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size <= 0) bad('predicate.serialization.shard_size must be a positive integer for shard serialization');
    out.shardSize = size as number;
  }
  if (ser.ignore_paths !== undefined) {
    if (!Array.isArray(ser.ignore_paths) || !ser.ignore_paths.every((p) => typeof p === 'string' && p !== '')) {
      bad('predicate.serialization.ignore_paths must be an array of non-empty strings');
    }
    out.ignorePaths = [...(ser.ignore_paths as string[])];
  }
  return out;
}

function parseResources(list: unknown, serialization: SerializationInfo): ManifestEntry[] {
  if (!Array.isArray(list) || list.length === 0) bad('predicate.resources must be a non-empty array');
  const seen = new Set<string>();
  return (list as unknown[]).map((r, i) => {
    const field = `predicate.resources[${i}]`;
    if (!isObject(r)) bad(`${field} must be an object`);
    const res = r as Json;
    if (typeof res.name !== 'string' || res.name === '') bad(`${field}.name must be a non-empty string`);
    if (typeof res.algorithm !== 'string' || res.algorithm === '') bad(`${field}.algorithm must be a non-empty string`);
    const algorithm = canonicalHashName(res.algorithm as string);
    if (serialization.hashType && algorithm !== serialization.hashType) {
      bad(`${field}.algorithm '${res.algorithm as string}' differs from serialization.hash_type '${serialization.hashType}'`);
    }
    let name = res.name as string;
    if (serialization.method === 'shards') {
      const shard = parseShardName(name);
      if (!shard) bad(`${field}.name '${name}' is not a shard name (path:start:end)`);
      name = `${canonicalResourcePath(shard!.path, `${field}.name`)}:${shard!.start}:${shard!.end}`;
    } else {
      name = canonicalResourcePath(name, `${field}.name`);
    }
    if (seen.has(name)) bad(`${field}.name '${name}' appears twice`);
    seen.add(name);
    return { name, algorithm, digest: digestHex(res.digest, `${field}.digest`) };
  });
}

function parseCurrent(st: Json): ParsedStatement {
  const subject = st.subject;
  if (!Array.isArray(subject) || subject.length !== 1 || !isObject(subject[0])) {
    throw new OmsSignatureError('STATEMENT_MALFORMED', `statement must have exactly one subject (the model), found ${Array.isArray(subject) ? subject.length : 'none'}`);
  }
  const subj = subject[0] as Json;
  if (typeof subj.name !== 'string' || subj.name === '') throw new OmsSignatureError('STATEMENT_MALFORMED', 'subject[0].name must be a non-empty string');
  if (!isObject(subj.digest) || typeof subj.digest.sha256 !== 'string' || !HEX_RE.test(subj.digest.sha256) || subj.digest.sha256.length !== 64) {
    throw new OmsSignatureError('STATEMENT_MALFORMED', 'subject[0].digest.sha256 must be a sha256 hex digest');
  }
  const predicate = st.predicate;
  if (!isObject(predicate)) bad('statement.predicate must be an object');
  const serialization = parseSerialization((predicate as Json).serialization);
  const resources = parseResources((predicate as Json).resources, serialization);
  const expected = (subj.digest.sha256 as string).toLowerCase();
  const actual = computeRootDigest(resources);
  if (actual !== expected) {
    throw new OmsSignatureError('SUBJECT_DIGEST_MISMATCH', `subject digest ${expected} does not match the root digest of the listed resources (${actual}); the manifest was altered or the payload is inconsistent`);
  }
  return {
    predicateType: OMS_PREDICATE_TYPE,
    legacy: false,
    modelName: subj.name,
    rootDigest: { algorithm: 'sha256', digest: expected },
    serialization,
    resources,
  };
}

function parseLegacy(st: Json): ParsedStatement {
  const subject = st.subject;
  if (!Array.isArray(subject) || subject.length === 0) throw new OmsSignatureError('STATEMENT_MALFORMED', 'v0.2 statement must list the model files as subjects');
  const seen = new Set<string>();
  const resources = subject.map((s, i) => {
    const field = `subject[${i}]`;
    if (!isObject(s)) throw new OmsSignatureError('STATEMENT_MALFORMED', `${field} must be an object`);
    if (typeof s.name !== 'string' || s.name === '') throw new OmsSignatureError('STATEMENT_MALFORMED', `${field}.name must be a non-empty string`);
    if (!isObject(s.digest)) throw new OmsSignatureError('STATEMENT_MALFORMED', `${field}.digest must be an object`);
    const name = canonicalResourcePath(s.name, `${field}.name`);
    if (seen.has(name)) bad(`${field}.name '${name}' appears twice`);
    seen.add(name);
    return { name, algorithm: 'sha256', digest: digestHex(s.digest.sha256, `${field}.digest.sha256`) };
  });
  const sorted = [...resources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    predicateType: OMS_LEGACY_PREDICATE_TYPE,
    legacy: true,
    rootDigest: { algorithm: 'sha256', digest: computeRootDigest(sorted) },
    serialization: { method: 'files', hashType: 'sha256', allowSymlinks: false },
    resources,
  };
}

export function parseStatement(payloadType: string, payload: Buffer): ParsedStatement {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new OmsSignatureError('PAYLOAD_TYPE_UNSUPPORTED', `DSSE payloadType is '${payloadType}', expected '${IN_TOTO_PAYLOAD_TYPE}'`);
  }
  let st: unknown;
  try {
    st = JSON.parse(payload.toString('utf8'));
  } catch (e) {
    throw new OmsSignatureError('STATEMENT_MALFORMED', `DSSE payload is not JSON: ${(e as Error).message}`);
  }
  if (!isObject(st)) throw new OmsSignatureError('STATEMENT_MALFORMED', 'DSSE payload must be a JSON object (an in-toto statement)');
  if (st._type !== IN_TOTO_STATEMENT_V1) {
    throw new OmsSignatureError('STATEMENT_MALFORMED', `statement _type is ${JSON.stringify(st._type)}, expected '${IN_TOTO_STATEMENT_V1}'`);
  }
  if (st.predicateType === OMS_PREDICATE_TYPE) return parseCurrent(st);
  if (st.predicateType === OMS_LEGACY_PREDICATE_TYPE) return parseLegacy(st);
  throw new OmsSignatureError('PREDICATE_TYPE_UNSUPPORTED', `predicateType ${JSON.stringify(st.predicateType)} is not an OMS model signature (expected '${OMS_PREDICATE_TYPE}')`);
}
