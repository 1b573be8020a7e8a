/**
 * Streaming digests of whole files or byte ranges (shards), for every hash
 * algorithm OMS manifests use: sha256 (default), blake2b (BLAKE2b-512, what
 * Python's hashlib.blake2b() yields), blake3, plus sha384/sha512.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { blake3 } from '@noble/hashes/blake3.js';

interface Hasher {
  update(chunk: Uint8Array): void;
  digestHex(): string;
}

const ALIASES: Record<string, string> = {
  sha256: 'sha256',
  'sha-256': 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  blake2: 'blake2b',
  blake2b: 'blake2b',
  blake2b512: 'blake2b',
  blake3: 'blake3',
};

/** Normalize algorithm identifiers ('blake2' → 'blake2b'); unknown names pass through lower-cased. */
export function canonicalHashName(name: string): string {
  const lower = name.toLowerCase();
  return ALIASES[lower] ?? lower;
}

export function isSupportedHash(name: string): boolean {
  return ['sha256', 'sha384', 'sha512', 'blake2b', 'blake3'].includes(canonicalHashName(name));
}

export function createHasher(name: string): Hasher {
  const algo = canonicalHashName(name);
  if (algo === 'blake3') {
    const h = blake3.create();
    return { update: (c) => void h.update(c), digestHex: () => Buffer.from(h.digest()).toString('hex') };
  }
  const nodeName = algo === 'blake2b' ? 'blake2b512' : algo;
  if (!['sha256', 'sha384', 'sha512', 'blake2b512'].includes(nodeName)) {
    throw new Error(`unsupported hash algorithm '${name}'`);
  }
  const h = crypto.createHash(nodeName);
  return { update: (c) => void h.update(c), digestHex: () => h.digest('hex') };
}

/**
 * Hash a file, or the byte range [start, end) of it, streaming in 1 MiB chunks.
 * Resolves with the hex digest and the number of bytes read.
 */
export function hashFile(path: string, algorithm: string, range?: { start: number; end: number }): Promise<{ digest: string; bytes: number }> {
  const hasher = createHasher(algorithm);
  return new Promise((resolve, reject) => {
    if (range && range.end <= range.start) {
      resolve({ digest: hasher.digestHex(), bytes: 0 });
      return;
    }
    const stream = fs.createReadStream(path, {
      highWaterMark: 1 << 20,
      ...(range ? { start: range.start, end: range.end - 1 } : {}),
    });
    let bytes = 0;
    stream.on('data', (chunk) => {
      const buf = chunk as Buffer;
      bytes += buf.length;
      hasher.update(buf);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve({ digest: hasher.digestHex(), bytes }));
  });
}

/** Run async jobs with bounded parallelism, preserving result order. */
export async function runPool<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}
