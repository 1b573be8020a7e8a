/**
 * CVSS v4.0: validation here, scoring by ae-cvss-calculator (metæffekt's
 * implementation of FIRST's v4.0 calculator, macro vectors and all: the v4
 * score is a lookup and interpolation over FIRST's table, not a formula worth
 * re-deriving). The base score is CVSS-B: computed from the base metrics only,
 * as v3's base score is, so threat or environmental metrics in a vector do
 * not change it.
 */
import calculator from 'ae-cvss-calculator';
import { parseMetrics, type VectorCheck } from './vector.js';

const CIA = ['H', 'L', 'N'] as const;
const ALLOWED: Record<string, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], AT: ['N', 'P'], PR: ['N', 'L', 'H'], UI: ['N', 'P', 'A'],
  VC: CIA, VI: CIA, VA: CIA, SC: CIA, SI: CIA, SA: CIA,
  E: ['X', 'A', 'P', 'U'],
  CR: ['X', 'H', 'M', 'L'], IR: ['X', 'H', 'M', 'L'], AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MAT: ['X', 'N', 'P'], MPR: ['X', 'N', 'L', 'H'], MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', 'H', 'L', 'N'], MVI: ['X', 'H', 'L', 'N'], MVA: ['X', 'H', 'L', 'N'],
  MSC: ['X', 'H', 'L', 'N'], MSI: ['X', 'S', 'H', 'L', 'N'], MSA: ['X', 'S', 'H', 'L', 'N'],
  S: ['X', 'N', 'P'], AU: ['X', 'N', 'Y'], R: ['X', 'A', 'U', 'I'], V: ['X', 'D', 'C'], RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
};
const BASE = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'] as const;

export function checkCvss4(vector: string): VectorCheck {
  const m = /^CVSS:4\.0\/(.*)$/.exec(vector.trim());
  if (!m) return { ok: false, reason: 'a CVSS v4 vector starts with "CVSS:4.0/"' };
  return parseMetrics(m[1]!, ALLOWED, BASE);
}

export function cvss4BaseScore(metrics: ReadonlyMap<string, string>): number {
  const base = `CVSS:4.0/${BASE.map((k) => `${k}:${metrics.get(k)!}`).join('/')}`;
  const score = new calculator.Cvss4P0(base).calculateScores().base;
  if (typeof score !== 'number' || !Number.isFinite(score)) throw new Error(`CVSS v4 calculator gave no score for ${base}`);
  return score;
}
