/** Range evaluation: OSV affected ranges, vers specifiers, CVE 5 version entries. */
export type { RangeVerdict } from './verdict.js';
export { evaluateOsvAffected, type OsvAffectedInput, type OsvEvent, type OsvRange } from './osv.js';
export {
  normalizeVers,
  parseVers,
  versContains,
  versionSchemeForVers,
  versToString,
  VersError,
  type ParseVersOptions,
  type VersComparator,
  type VersConstraint,
  type VersRange,
} from './vers.js';
export { NATIVE_RANGE_SCHEMES, versFromNative } from './native.js';
export {
  evaluateCve5Affected,
  type Cve5Change,
  type Cve5Options,
  type Cve5Product,
  type Cve5Status,
  type Cve5Version,
} from './cve5.js';
