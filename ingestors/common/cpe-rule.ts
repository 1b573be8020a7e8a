/**
 * An advisory that names an affected product only by CPE (CSAF
 * product_identification_helper.cpe, CVE 5 `cpes`): the CPE becomes a `Cpe` node
 * with `Advisory -[:AFFECTS_CPE {vulnerability}]->` it, matched later against
 * the CPEs SBOMs give their components (services/matching/cpe.ts).
 */
import type { BatchBuilder, NodeRef } from '../../schema/ontology/batch.js';
import { cpeNode, parseCpe, usableCpePattern } from '../../schema/identity/cpe.js';

/** False (with a warning) when the CPE is malformed or too broad to match on. */
export function addAffectsCpe(b: BatchBuilder, advisory: NodeRef, vulnerability: string, value: string, at: string): boolean {
  const cpe = parseCpe(value);
  if (!cpe) {
    b.warn('INVALID_CPE', `"${value.slice(0, 120)}" is neither a CPE 2.3 formatted string nor a CPE 2.2 URI; not matched`, at);
    return false;
  }
  if (!usableCpePattern(cpe)) {
    b.warn('CPE_TOO_BROAD', `CPE "${cpe.formatted}" leaves part, vendor or product open; not matched`, at);
    return false;
  }
  b.edge('AFFECTS_CPE', advisory, b.node('Cpe', cpeNode(cpe)), { vulnerability });
  return true;
}
