/**
 * One entry point for every CVSS version: validate a vector and compute its
 * base score and rating. An invalid vector gives a reason, never a score.
 */
import { checkCvss2, cvss2BaseScore } from './cvss2.js';
import { checkCvss3, cvss3BaseScore } from './cvss3.js';
import { checkCvss4, cvss4BaseScore } from './cvss4.js';
import { ratingOfScore, ratingOfV2Score, type SeverityLevel } from './rating.js';

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

export interface CvssScore {
  version: CvssVersion;
  /** The vector as given, trimmed. */
  vector: string;
  baseScore: number;
  baseSeverity: SeverityLevel;
}

export type CvssResult = { ok: true; score: CvssScore } | { ok: false; reason: string };

/**
 * Scores `vector`. `expected` is the version the document says it is (CVE 5's
 * cvssV3_1 field, OSV's CVSS_V4 type); a vector of another version is invalid
 * there, since the document contradicts itself.
 */
export function scoreCvss(vector: string, expected?: '2' | '3' | '4'): CvssResult {
  const v = vector.trim();
  const major = v.startsWith('CVSS:4.0/') ? '4' : v.startsWith('CVSS:3.') ? '3' : '2';
  if (expected && major !== expected) return { ok: false, reason: `a CVSS v${expected} entry holds a v${major === '2' ? '2 (or unrecognised)' : major} vector` };
  if (major === '4') {
    const r = checkCvss4(v);
    if (!r.ok) return r;
    const baseScore = cvss4BaseScore(r.metrics);
    return { ok: true, score: { version: '4.0', vector: v, baseScore, baseSeverity: ratingOfScore(baseScore) } };
  }
  if (major === '3') {
    const r = checkCvss3(v);
    if (!r.ok) return r;
    const baseScore = cvss3BaseScore(r.metrics);
    return { ok: true, score: { version: r.version, vector: v, baseScore, baseSeverity: ratingOfScore(baseScore) } };
  }
  const r = checkCvss2(v);
  if (!r.ok) return { ok: false, reason: `not a CVSS v2, v3 or v4 vector: ${r.reason}` };
  const baseScore = cvss2BaseScore(r.metrics);
  return { ok: true, score: { version: '2.0', vector: v, baseScore, baseSeverity: ratingOfV2Score(baseScore) } };
}
