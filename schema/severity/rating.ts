/**
 * Qualitative severity ratings, one scale for every source: CVSS v3.x/v4.0's
 * NONE/LOW/MEDIUM/HIGH/CRITICAL (FIRST), which CVSS v2 scores and vendor words
 * are mapped onto so that filters and sorting compare like with like.
 */

export const SEVERITY_LEVELS = ['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

export function isSeverityLevel(s: string): s is SeverityLevel {
  return (SEVERITY_LEVELS as readonly string[]).includes(s);
}

/** 0 (NONE) … 4 (CRITICAL); -1 for no rating, so unrated sorts last. */
export function severityRank(level: SeverityLevel | null | undefined): number {
  return level ? SEVERITY_LEVELS.indexOf(level) : -1;
}

/** CVSS v3.x / v4.0 qualitative rating of a base score (FIRST v3.1 spec table 14, v4.0 §6). */
export function ratingOfScore(score: number): SeverityLevel {
  if (score === 0) return 'NONE';
  if (score < 4) return 'LOW';
  if (score < 7) return 'MEDIUM';
  if (score < 9) return 'HIGH';
  return 'CRITICAL';
}

/** CVSS v2 has no rating of its own; NVD's bands (LOW < 4, MEDIUM < 7, HIGH) are the ones everyone uses. */
export function ratingOfV2Score(score: number): SeverityLevel {
  if (score < 4) return 'LOW';
  if (score < 7) return 'MEDIUM';
  return 'HIGH';
}

/**
 * A vendor's severity word on the common scale, or null when it is not one we
 * can place. Red Hat / Ubuntu / Debian / GitHub words: `important` is Red Hat's
 * second-highest (HIGH), `moderate` GitHub's and Red Hat's middle one.
 */
export function ratingOfWord(word: string): SeverityLevel | null {
  const w = word.trim().toLowerCase();
  switch (w) {
    case 'none': case 'negligible': case 'unimportant': case 'informational': case 'info': return 'NONE';
    case 'low': return 'LOW';
    case 'medium': case 'moderate': return 'MEDIUM';
    case 'high': case 'important': return 'HIGH';
    case 'critical': return 'CRITICAL';
    default: return null;
  }
}
