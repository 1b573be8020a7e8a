/**
 * CPE name matching (NISTIR 7696, the part of it advisories need): an advisory's
 * CPE is a pattern, a component's CPE a name; the component is matched when every
 * attribute of the pattern covers the name's (docs/vulnerabilities.md#cpe-matching):
 *
 * - pattern `*` (ANY) covers every value;
 * - pattern `-` (NA) covers only `-`;
 * - a pattern value covers the same value; an unquoted `*` inside it stands for any
 *   characters and `?` for one (`2.13*` covers `2.13.7`);
 * - a name attribute that is `*` (the SBOM did not know it) is covered only by `*`:
 *   an SBOM CPE without a version never matches a versioned advisory.
 *
 * Part, vendor and product must be values in the pattern: a pattern that leaves any
 * of them ANY would match half the world and is not used.
 */
import { hasCpeWildcard as hasWildcard, parseCpe, type Cpe } from '../../schema/identity/cpe.js';

export function cpeMatches(pattern: Cpe, name: Cpe): boolean {
  for (let i = 0; i < 11; i++) if (!covers(pattern.components[i]!, name.components[i]!)) return false;
  return true;
}

/** Convenience for strings; false when either is not a CPE. */
export function cpeStringMatches(pattern: string, name: string): boolean {
  const p = parseCpe(pattern);
  const n = parseCpe(name);
  return p !== null && n !== null && cpeMatches(p, n);
}

function covers(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern === '-' || value === '*' || value === '-') return pattern === value;
  if (!hasWildcard(pattern)) return pattern === value;
  return wildcardRegex(pattern).test(value);
}

function wildcardRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      re += escapeRegex(`\\${pattern[i + 1]!}`);
      i += 1;
    } else if (ch === '*') {
      re += '.*';
    } else if (ch === '?') {
      re += '.';
    } else {
      re += escapeRegex(ch);
    }
  }
  return new RegExp(`^${re}$`);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
