/**
 * YAML input for OSV records (some databases publish OSV as YAML). Parsed with
 * the YAML failsafe schema: every scalar stays a string, so a version written
 * unquoted (`fixed: 1.10`) is "1.10", never the number 1.1.
 */
import { parseDocument } from 'yaml';
import { IngestError } from '../parser.js';

export function parseYamlRecord(text: string): unknown {
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: true, prettyErrors: true, strict: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    // The yaml package composes nested collections recursively and reports the stack running out as a parse error.
    if (/call stack/i.test(e.message)) {
      throw new IngestError('DOCUMENT_TOO_COMPLEX', 'the YAML nests collections too deeply to parse', pos ? `line ${pos.line}, column ${pos.col}` : undefined);
    }
    throw new IngestError('PARSE_ERROR', `invalid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, pos ? `line ${pos.line}, column ${pos.col}` : undefined);
  }
  try {
    // maxAliasCount bounds alias expansion ("billion laughs").
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    if (err instanceof RangeError) throw new IngestError('DOCUMENT_TOO_COMPLEX', `the YAML is too deeply nested to read: ${err.message}`);
    throw new IngestError('PARSE_ERROR', `invalid YAML: ${(err as Error).message}`);
  }
}

/**
 * Cheap check that a non-JSON text is an OSV record in YAML: a top-level `id:` and another
 * key only OSV has (`modified`, required, is checked by the parser so that its absence is
 * reported as such).
 */
export function looksLikeOsvYaml(text: string): boolean {
  return /^id:[ \t]*\S/m.test(text) && /^(modified|affected|schema_version|aliases|upstream|published|withdrawn):/m.test(text);
}
