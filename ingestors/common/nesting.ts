/**
 * How deep a JSON document nests, found with one pass over its bytes before
 * JSON.parse: every later walk over the parsed value (schema validation, the
 * format readers) is then bounded by SUPPLYGRAPH_MAX_NESTING_DEPTH, and a
 * hostile document nested 100,000 deep fails in milliseconds instead of
 * costing minutes and gigabytes downstream.
 */

/** Used when the caller does not say (SUPPLYGRAPH_MAX_NESTING_DEPTH's default). */
export const DEFAULT_MAX_NESTING_DEPTH = 1000;

/**
 * Byte offset of the first `{` or `[` that opens level `max + 1`, or -1 when
 * the document stays within `max` levels. Structural characters are ASCII and
 * never occur inside a multi-byte UTF-8 sequence, so bytes are scanned as is.
 */
export function jsonNestingBeyond(bytes: Uint8Array, max: number): number {
  let depth = 0;
  let inString = false;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}
