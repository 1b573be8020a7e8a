/**
 * From stored bytes to something a parser can read: JSON parsed once with a
 * precise position on failure, or text for the XML / tag-value / YAML formats.
 */
import { IngestError } from '../parser.js';

export interface DecodedDocument {
  json: unknown;
  text: string | null;
}

export function decodeDocument(bytes: Buffer): DecodedDocument {
  const text = stripBom(bytes.toString('utf8'));
  const first = firstNonSpace(text);
  if (first === '{' || first === '[') return { json: parseJson(text), text: null };
  if (first === undefined) throw new IngestError('PARSE_ERROR', 'the document is empty');
  return { json: undefined, text };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
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
