/**
 * DSSE pre-authentication encodings (PAE).
 *
 * - `standardPae`: DSSE v1 — "DSSEv1 <len(type)> <type> <len(body)> <body>".
 * - `legacyPae`: what model_signing v0.2.0 actually signed. Its Python code formatted the
 *   payload *bytes object* into an f-string, so the signed text contains Python's `repr()`
 *   of the bytes (`b'...'` with `\n`, `\xNN` escapes) and the tag is upper-case "DSSEV1".
 *   The two encodings start with different tags, so a signature over one can never be
 *   replayed as a signature over the other.
 */
import { dsse } from '@sigstore/core';

export function standardPae(payloadType: string, payload: Buffer): Buffer {
  return dsse.preAuthEncoding(payloadType, payload);
}

/** Python 3 `repr(bytes)` — quote selection and escapes exactly as CPython does it. */
export function pythonBytesRepr(buf: Uint8Array): string {
  const hasSingle = buf.includes(0x27);
  const hasDouble = buf.includes(0x22);
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = 'b' + String.fromCharCode(quote);
  for (const c of buf) {
    if (c === quote || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + String.fromCharCode(quote);
}

export function legacyPae(payloadType: string, payload: Buffer): Buffer {
  const typeLen = Buffer.byteLength(payloadType, 'utf8');
  return Buffer.from(`DSSEV1 ${typeLen} ${payloadType} ${payload.length} ${pythonBytesRepr(payload)}`, 'utf8');
}
