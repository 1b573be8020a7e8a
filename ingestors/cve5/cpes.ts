/**
 * CVE 5 `affected[].cpes`: products a CNA names by CPE, matched against the CPEs
 * SBOMs give their components (docs/vulnerabilities.md#cpe-matching).
 *
 * - a CPE with a version value names that version: one AFFECTS_CPE as written;
 * - a CPE with version ANY takes its versions from the entry: one AFFECTS_CPE per
 *   `versions[]` entry with status affected and a single version (no lessThan /
 *   lessThanOrEqual), or the CPE as written (every version) when defaultStatus is
 *   affected; ranges cannot be a CPE name and are left to the purl rule
 *   (CPE_RANGE_NOT_MATCHED, once per entry).
 * Only entries that say something is affected produce rules.
 */
import type { BatchBuilder, NodeRef } from '../../schema/ontology/batch.js';
import { parseCpe } from '../../schema/identity/cpe.js';
import { addAffectsCpe } from '../common/cpe-rule.js';
import { arr, isObject, str, type JsonObject } from '../common/json.js';

/** The number of AFFECTS_CPE rules added. */
export function addCpeRules(b: BatchBuilder, advisory: NodeRef, vulnerability: string, p: JsonObject, at: string): number {
  const cpes = arr(p.cpes).map(str).filter((x): x is string => x !== null);
  if (cpes.length === 0) return 0;
  const exact: string[] = [];
  let ranges = 0;
  for (const raw of arr(p.versions)) {
    if (!isObject(raw) || str(raw.status) !== 'affected') continue;
    const version = str(raw.version);
    if (!version || raw.lessThan !== undefined || raw.lessThanOrEqual !== undefined || version === '*') ranges += 1;
    else exact.push(version);
  }
  const everyVersion = str(p.defaultStatus) === 'affected';
  let added = 0;
  const seen = new Set<string>();
  cpes.forEach((value, i) => {
    const where = `${at}/cpes/${i}`;
    const cpe = parseCpe(value);
    if (!cpe) {
      b.warn('INVALID_CPE', `"${value.slice(0, 120)}" is neither a CPE 2.3 formatted string nor a CPE 2.2 URI; not matched`, where);
      return;
    }
    const versionless = cpe.components[3] === '*';
    const names = !versionless ? [cpe.formatted] : [
      ...exact.map((v) => withVersion(cpe.components, v)),
      ...(everyVersion ? [cpe.formatted] : []),
    ];
    if (!versionless && exact.length === 0 && ranges === 0 && !everyVersion) return;
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (addAffectsCpe(b, advisory, vulnerability, name, where)) added += 1;
    }
  });
  if (ranges > 0 && cpes.some((c) => parseCpe(c)?.components[3] === '*')) {
    b.warn('CPE_RANGE_NOT_MATCHED', `${ranges} affected version range(s) cannot be expressed as a CPE name; they are matched by purl only`, `${at}/versions`);
  }
  return added;
}

function withVersion(components: string[], version: string): string {
  const quoted = version.toLowerCase().replace(/[^a-z0-9_.-]/g, (c) => `\\${c}`);
  return `cpe:2.3:${[...components.slice(0, 3), quoted, ...components.slice(4)].join(':')}`;
}
