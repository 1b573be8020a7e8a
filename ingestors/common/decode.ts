/**
 * From stored bytes to something a parser can read: JSON parsed once with a
 * precise position on failure, or text for the XML / tag-value / YAML formats.
 * Bytes that are not UTF-8 are replaced with U+FFFD and reported as an
 * INVALID_UTF8 warning; JSON nested deeper than the limit is refused before
 * it is parsed (DOCUMENT_TOO_COMPLEX).
 */
import type { IngestWarning } from '../../schema/ontology/batch.js';
import { IngestError } from '../parser.js';
import { DEFAULT_MAX_NESTING_DEPTH, jsonNestingBeyond } from './nesting.js';
import { utf8Problem } from './utf8.js';

export interface DecodedDocument {
  json: unknown;
  text: string | null;
  /** Problems with the encoding itself (INVALID_UTF8); the parser's own warnings come later. */
  warnings: IngestWarning[];
}

export interface DecodeLimits {
  /** Deepest JSON nesting accepted (SUPPLYGRAPH_MAX_NESTING_DEPTH). */
  maxNestingDepth?: number;
}

export function decodeDocument(bytes: Buffer, limits: DecodeLimits = {}): DecodedDocument {
  const decoded = bytes.toString('utf8');
  const warnings: IngestWarning[] = [];
  const bad = utf8Problem(bytes, decoded);
  if (bad) {
    warnings.push({
      code: 'INVALID_UTF8',
      message: `the document is not valid UTF-8: ${bad.count} invalid byte sequence${bad.count === 1 ? ' was' : 's were'} replaced with U+FFFD, the first at byte offset ${bad.firstOffset}; re-encode it as UTF-8 (it may be Latin-1 or Windows-1252)`,
      at: `byte offset ${bad.firstOffset}`,
    });
  }
  const text = stripBom(decoded);
  const first = firstNonSpace(text);
  if (first === '{' || first === '[') {
    const max = limits.maxNestingDepth ?? DEFAULT_MAX_NESTING_DEPTH;
    const deep = jsonNestingBeyond(bytes, max);
    if (deep >= 0) {
      throw new IngestError('DOCUMENT_TOO_COMPLEX',
        `the JSON nests more than ${max} levels deep; refused before parsing (raise SUPPLYGRAPH_MAX_NESTING_DEPTH to accept deeper documents)`, `byte offset ${deep}`);
    }
    return { json: parseJson(text), text: null, warnings };
  }
  if (first === undefined) throw new IngestError('PARSE_ERROR', 'the document is empty');
  return { json: undefined, text, warnings };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof RangeError) {
      throw new IngestError('DOCUMENT_TOO_COMPLEX', `the JSON is too large or too deeply nested to parse: ${message}`);
    }
    const pos = /position (\d+)/.exec(message);
    const offset = pos ? Number(pos[1]) : /end of JSON input|Unterminated/i.test(message) ? text.length : null;
    const where = offset === null ? undefined : `${describeOffset(text, offset)}`;
    const detail = message.replace(/^.*?(Unexpected|Expected|Bad|Unterminated)/, '$1').replace(/ in JSON at position \d+.*$/, '');
    const atEnd = offset !== null && offset >= text.trimEnd().length - 1;
    const reason = /end of JSON input/i.test(message) || atEnd ? `the JSON ends unexpectedly (truncated document?)${/end of JSON input/i.test(message) ? '' : `: ${detail}`}` : detail;
    throw new IngestError('PARSE_ERROR', `invalid JSON: ${reason}`, where);
  }
}

export function describeOffset(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${end - lineStart + 1}, offset ${offset}`;
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function firstNonSpace(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') return c;
  }
  return undefined;
}
