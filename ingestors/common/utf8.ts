/**
 * Where a document's bytes stop being UTF-8. Decoding replaces each bad
 * sequence with U+FFFD (as every JSON/XML reader must to go on); this module
 * says where the first one was and how many there were, so the loss is
 * reported as an INVALID_UTF8 warning instead of passing silently.
 */
import { isUtf8 } from 'node:buffer';

export interface Utf8Problem {
  /** Byte offset of the first byte that is not part of a valid UTF-8 sequence. */
  firstOffset: number;
  /** How many replacement characters decoding produced for bad sequences. */
  count: number;
}

/** Null for valid UTF-8 (the common case, checked natively); else the first bad offset and the count. */
export function utf8Problem(bytes: Uint8Array, decoded: string): Utf8Problem | null {
  if (isUtf8(bytes)) return null;
  const firstOffset = firstInvalidUtf8(bytes);
  if (firstOffset < 0) return null;
  // Replacement characters in the output that the input did not spell out as EF BF BD.
  const count = occurrences(decoded) - encodedReplacements(bytes);
  return { firstOffset, count: Math.max(1, count) };
}

/** Offset of the first byte that starts no well-formed sequence (Unicode Table 3-7), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c === 0xe0) {
      need = 2;
      lo = 0xa0;
    } else if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) need = 2;
    else if (c === 0xed) {
      need = 2;
      hi = 0x9f;
    } else if (c === 0xf0) {
      need = 3;
      lo = 0x90;
    } else if (c >= 0xf1 && c <= 0xf3) need = 3;
    else if (c === 0xf4) {
      need = 3;
      hi = 0x8f;
    } else return i;
    if (i + need >= n) return i;
    const second = b[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const x = b[i + k]!;
      if (x < 0x80 || x > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function occurrences(s: string): number {
  let count = 0;
  for (let at = s.indexOf('\uFFFD'); at >= 0; at = s.indexOf('\uFFFD', at + 1)) count++;
  return count;
}

function encodedReplacements(b: Uint8Array): number {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const needle = Buffer.from([0xef, 0xbf, 0xbd]);
  let count = 0;
  for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + 3)) count++;
  return count;
}
