/**
 * Severity facts of advisories (OSV, CSAF, CVE 5): each CVSS vector or vendor
 * rating becomes a Severity node, Advisory -[:HAS_SEVERITY]-> Severity
 * -[:RATES]-> Vulnerability. A vector that does not validate is kept as given
 * with a warning on the job; it is never scored, so a stored score is either the
 * document's own or the one its valid vector defines.
 */
import { createHash } from 'node:crypto';
import type { BatchBuilder, NodeRef } from '../../schema/ontology/batch.js';
import type { SeverityNode } from '../../schema/ontology/nodes.js';
import { scoreCvss } from '../../schema/severity/cvss.js';
import { isSeverityLevel, ratingOfScore, ratingOfV2Score, ratingOfWord, type SeverityLevel } from '../../schema/severity/rating.js';

/** What a document says about one CVSS score. */
export interface CvssStatement {
  /** The CVSS version the document's field or type names; `3` when it does not say 3.0 or 3.1 (OSV CVSS_V3). */
  declared: '2.0' | '3' | '3.0' | '3.1' | '4.0';
  vector: string | null;
  /** The base score the document gives, if any. */
  baseScore: unknown;
  /** The rating word the document gives, if any. */
  baseSeverity: string | null;
  source: string;
  package?: string | null;
  /** JSON pointer of the entry, for warnings. */
  at: string;
}

/** Agreement tolerance between a given and a computed score: scores have one decimal. */
const SCORE_TOLERANCE = 0.05;

export function addCvssSeverity(b: BatchBuilder, advisory: NodeRef, vulnerability: NodeRef, s: CvssStatement): NodeRef | null {
  const given = typeof s.baseScore === 'number' && Number.isFinite(s.baseScore) && s.baseScore >= 0 && s.baseScore <= 10 ? s.baseScore : null;
  if (s.baseScore !== undefined && s.baseScore !== null && given === null) {
    b.warn('INVALID_CVSS_SCORE', `base score ${JSON.stringify(s.baseScore)} is not a number from 0 to 10; ignored`, s.at);
  }
  const givenLevel = s.baseSeverity && isSeverityLevel(s.baseSeverity.toUpperCase()) ? s.baseSeverity.toUpperCase() as SeverityLevel : null;
  const major = s.declared[0] as '2' | '3' | '4';
  const band = (score: number): SeverityLevel => (major === '2' ? ratingOfV2Score(score) : ratingOfScore(score));
  // An unreadable vector keeps the version its own prefix or the document's field names; `3.x` when neither says which.
  let version: string = s.declared === '3' ? '3.x' : s.declared;
  let baseScore = given;
  let computed = false;
  if (s.vector) {
    const r = scoreCvss(s.vector, major);
    if (!r.ok) {
      b.warn('INVALID_CVSS_VECTOR', `CVSS vector "${s.vector.slice(0, 200)}" is invalid (${r.reason}); kept as given and not scored`, s.at);
      const prefix = /^CVSS:(\d\.\d)\//.exec(s.vector.trim());
      if (prefix && ['3.0', '3.1', '4.0'].includes(prefix[1]!) && major === prefix[1]![0]) version = prefix[1]!;
    } else {
      version = r.score.version;
      if (given === null) {
        baseScore = r.score.baseScore;
        computed = true;
      } else if (Math.abs(given - r.score.baseScore) > SCORE_TOLERANCE) {
        b.warn('CVSS_SCORE_MISMATCH', `the document gives base score ${given} but its vector ${r.score.vector} defines ${r.score.baseScore}; the document's score is kept`, s.at);
      }
    }
  } else if (given === null) {
    return null;
  }
  const props: Omit<SeverityNode, 'key'> = {
    vulnerability: vulnerability.key,
    source: s.source,
    version,
    vector: s.vector ? s.vector.trim() : null,
    baseScore,
    baseSeverity: baseScore !== null ? band(baseScore) : givenLevel,
    rating: s.baseSeverity,
    scoreComputed: computed,
    package: s.package ?? null,
  };
  return addSeverity(b, advisory, vulnerability, props);
}

/** A vendor's rating word (Red Hat "Important", GHSA "MODERATE", Ubuntu "medium"). */
export function addVendorSeverity(b: BatchBuilder, advisory: NodeRef, vulnerability: NodeRef, s: { rating: string; source: string; package?: string | null }): NodeRef {
  return addSeverity(b, advisory, vulnerability, {
    vulnerability: vulnerability.key,
    source: s.source,
    version: 'vendor',
    vector: null,
    baseScore: null,
    baseSeverity: ratingOfWord(s.rating),
    rating: s.rating,
    scoreComputed: false,
    package: s.package ?? null,
  });
}

function addSeverity(b: BatchBuilder, advisory: NodeRef, vulnerability: NodeRef, props: Omit<SeverityNode, 'key'>): NodeRef {
  const digest = createHash('sha256').update(JSON.stringify(props)).digest('hex').slice(0, 16);
  const node = b.node('Severity', { key: `${advisory.key}/${vulnerability.key}/${props.source}/${props.version}/${digest}`, ...props });
  b.edge('HAS_SEVERITY', advisory, node);
  b.edge('RATES', node, vulnerability);
  return node;
}
