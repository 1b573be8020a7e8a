/**
 * CPE names (NISTIR 7695): the CPE 2.3 formatted string (`cpe:2.3:a:vendor:…`)
 * and the CPE 2.2 URI (`cpe:/a:vendor:product:version…`) both become one
 * normalised CPE 2.3 formatted string with all 11 components, lower case (CPE
 * comparison is case-insensitive), so the same name written either way is one
 * `Cpe` node. Logical values: `*` ANY, `-` NA.
 */

export const CPE_ATTRIBUTES = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'swEdition', 'targetSw', 'targetHw', 'other'] as const;

export interface Cpe {
  /** The 11 components in order, as in the formatted string (escapes kept). */
  components: string[];
  /** `cpe:2.3:` + the components joined by `:`. */
  formatted: string;
}

/** Null when `value` is neither a CPE 2.3 formatted string nor a CPE 2.2 URI. */
export function parseCpe(value: string): Cpe | null {
  const text = value.trim().toLowerCase();
  let components: string[] | null;
  if (text.startsWith('cpe:2.3:')) components = splitFormatted(text.slice('cpe:2.3:'.length));
  else if (text.startsWith('cpe:/')) components = fromUri(text.slice('cpe:/'.length));
  else return null;
  if (!components || components.length > 11 || !/^[aoh*]$/.test(components[0] ?? '')) return null;
  while (components.length < 11) components.push('*');
  if (components.some((c) => c === '')) return null;
  return { components, formatted: `cpe:2.3:${components.join(':')}` };
}

/** The formatted string splits on `:` not preceded by an escaping backslash. */
function splitFormatted(rest: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]!;
    if (ch === '\\') {
      const next = rest[i + 1];
      if (next === undefined) return null;
      // `.`, `-` and `_` need no quoting in the formatted string (NISTIR 7695 6.2.2.2).
      cur += next === '.' || next === '-' || next === '_' ? next : `\\${next}`;
      i += 1;
    } else if (ch === ':') {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

/** CPE 2.2 URI → formatted-string components: empty is ANY, percent-encoding decoded, a packed edition unpacked. */
function fromUri(rest: string): string[] | null {
  const parts = rest.split(':');
  if (parts.length > 7) return null;
  const [part, vendor = '', product = '', version = '', update = '', edition = '', language = ''] = parts;
  let extended = ['', '', '', ''];
  let plainEdition = edition;
  if (edition.startsWith('~')) {
    // ~edition~sw_edition~target_sw~target_hw~other
    const packed = edition.slice(1).split('~');
    if (packed.length !== 5) return null;
    plainEdition = packed[0]!;
    extended = packed.slice(1);
  }
  return [part!, vendor, product, version, update, plainEdition, language, ...extended].map(uriValue);
}

function uriValue(raw: string): string {
  if (raw === '') return '*';
  if (raw === '-') return '-';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  // Quote what the formatted string quotes: anything but letters, digits, `_`, `.` and `-`.
  return decoded.replace(/[^a-z0-9_.-]/g, (c) => `\\${c}`);
}

/** The Cpe node's properties. */
export function cpeNode(c: Cpe): { key: string; part: string; vendor: string; product: string; version: string } {
  return { key: c.formatted, part: c.components[0]!, vendor: c.components[1]!, product: c.components[2]!, version: c.components[3]! };
}

/** An unquoted `*` or `?` (a quoted one is `\*`, `\?`). */
export function hasCpeWildcard(v: string): boolean {
  return /(^|[^\\])(\\\\)*[*?]/.test(v);
}

/**
 * Can this CPE serve as an advisory's pattern? Part, vendor and product must be
 * values: a pattern that leaves any of them open would match half the world.
 * Parsers decide with it which CPEs become rules; matching relies on that.
 */
export function usableCpePattern(c: Cpe): boolean {
  return c.components.slice(0, 3).every((v) => v !== '*' && v !== '-' && !hasCpeWildcard(v));
}
