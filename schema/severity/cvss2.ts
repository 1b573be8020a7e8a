/**
 * CVSS v2 base score (FIRST, "A Complete Guide to the Common Vulnerability
 * Scoring System Version 2.0", §3.2.1). Vectors come bare (`AV:N/AC:L/…`, as
 * NVD and OSV write them), in parentheses, or with a `CVSS:2.0/` prefix.
 */
import { parseMetrics, type VectorCheck } from './vector.js';

const CIA = ['N', 'P', 'C'] as const;
const ALLOWED: Record<string, readonly string[]> = {
  AV: ['L', 'A', 'N'], AC: ['H', 'M', 'L'], Au: ['M', 'S', 'N'], C: CIA, I: CIA, A: CIA,
  E: ['U', 'POC', 'F', 'H', 'ND'], RL: ['OF', 'TF', 'W', 'U', 'ND'], RC: ['UC', 'UR', 'C', 'ND'],
  CDP: ['N', 'L', 'LM', 'MH', 'H', 'ND'], TD: ['N', 'L', 'M', 'H', 'ND'], CR: ['L', 'M', 'H', 'ND'], IR: ['L', 'M', 'H', 'ND'], AR: ['L', 'M', 'H', 'ND'],
};
const BASE = ['AV', 'AC', 'Au', 'C', 'I', 'A'] as const;

const AV: Record<string, number> = { L: 0.395, A: 0.646, N: 1.0 };
const AC: Record<string, number> = { H: 0.35, M: 0.61, L: 0.71 };
const AU: Record<string, number> = { M: 0.45, S: 0.56, N: 0.704 };
const IMPACT: Record<string, number> = { N: 0, P: 0.275, C: 0.66 };

export function checkCvss2(vector: string): VectorCheck {
  let body = vector.trim();
  if (body.startsWith('(') && body.endsWith(')')) body = body.slice(1, -1);
  if (body.startsWith('CVSS:2.0/')) body = body.slice('CVSS:2.0/'.length);
  return parseMetrics(body, ALLOWED, BASE);
}

export function cvss2BaseScore(metrics: ReadonlyMap<string, string>): number {
  const get = (k: (typeof BASE)[number]): string => metrics.get(k)!;
  const impact = 10.41 * (1 - (1 - IMPACT[get('C')]!) * (1 - IMPACT[get('I')]!) * (1 - IMPACT[get('A')]!));
  const exploitability = 20 * AV[get('AV')]! * AC[get('AC')]! * AU[get('Au')]!;
  const f = impact === 0 ? 0 : 1.176;
  // round_to_1_decimal; the epsilon keeps x.x5 computed as x.x4999… from rounding down.
  return Math.round((0.6 * impact + 0.4 * exploitability - 1.5) * f * 10 + 1e-9) / 10;
}
