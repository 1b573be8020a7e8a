/**
 * CVSS v3.0 / v3.1 base score, as specified by FIRST (CVSS v3.1 Specification
 * Document §7.1 and Appendix A; v3.0 §8.1). Only base metrics count: temporal
 * and environmental metrics are validated but do not change the base score.
 */
import { parseMetrics, type VectorCheck } from './vector.js';

const CIA = ['H', 'L', 'N'] as const;
const ALLOWED: Record<string, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], PR: ['N', 'L', 'H'], UI: ['N', 'R'], S: ['U', 'C'], C: CIA, I: CIA, A: CIA,
  E: ['X', 'H', 'F', 'P', 'U'], RL: ['X', 'U', 'W', 'T', 'O'], RC: ['X', 'C', 'R', 'U'],
  CR: ['X', 'H', 'M', 'L'], IR: ['X', 'H', 'M', 'L'], AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MPR: ['X', 'N', 'L', 'H'], MUI: ['X', 'N', 'R'], MS: ['X', 'U', 'C'],
  MC: ['X', 'N', 'L', 'H'], MI: ['X', 'N', 'L', 'H'], MA: ['X', 'N', 'L', 'H'],
};
const BASE = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const PR_UNCHANGED: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
// A privilege that crosses a scope boundary is worth more to the attacker.
const PR_CHANGED: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const IMPACT: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };

export type Cvss3Version = '3.0' | '3.1';

/** `CVSS:3.x/…` → its metrics, or why it is not a valid v3 vector. */
export function checkCvss3(vector: string): (VectorCheck & { ok: true; version: Cvss3Version }) | { ok: false; reason: string } {
  const m = /^CVSS:(3\.[01])\/(.*)$/.exec(vector.trim());
  if (!m) return { ok: false, reason: 'a CVSS v3 vector starts with "CVSS:3.0/" or "CVSS:3.1/"' };
  const r = parseMetrics(m[2]!, ALLOWED, BASE);
  return r.ok ? { ...r, version: m[1] as Cvss3Version } : r;
}

export function cvss3BaseScore(metrics: ReadonlyMap<string, string>): number {
  const get = (k: (typeof BASE)[number]): string => metrics.get(k)!;
  const changed = get('S') === 'C';
  const iss = 1 - (1 - IMPACT[get('C')]!) * (1 - IMPACT[get('I')]!) * (1 - IMPACT[get('A')]!);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = 8.22 * AV[get('AV')]! * AC[get('AC')]! * (changed ? PR_CHANGED : PR_UNCHANGED)[get('PR')]! * UI[get('UI')]!;
  if (impact <= 0) return 0;
  return roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

/**
 * The spec's Roundup (v3.1 Appendix A): the smallest one-decimal number ≥ x,
 * computed on integers so that float noise (4.000000001) does not round up.
 * v3.0 defines the same function without the integer trick; using it for 3.0
 * too gives the mathematically intended result.
 */
export function roundUp(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}
