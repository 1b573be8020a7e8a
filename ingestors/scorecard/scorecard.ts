/**
 * OpenSSF Scorecard results (`scorecard --format json`, v4 and later; what GUAC
 * ingests as "certify scorecard") → facts about a source repository.
 *
 *   repo.name (github.com/org/repo)  → SourceRepository (https URL, schema/identity/keys.ts)
 *   the run                          → Scorecard `scorecard:<repo>@<commit>:<date>` with the
 *                                      aggregate score, the Scorecard version and every check
 *                                      as {name, score, reason} (score -1: inconclusive)
 *                                    → SourceRepository HAS_SCORECARD Scorecard; Document LISTS the repository
 * Packages built from the repository (their HAS_SOURCE edges, from SBOMs and provenance)
 * reach the scorecard through it; nothing is matched at ingest time.
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import { documentKey, sourceRepositoryKey } from '../../schema/identity/keys.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { isObject, str, type JsonObject } from '../common/json.js';
import { documentNode } from '../common/advisory.js';

export interface ScorecardCheck {
  name: string;
  score: number | null;
  reason: string | null;
}

export const scorecardParser: DocumentParser = {
  format: 'openssf-scorecard',
  kind: 'scorecard',
  detect: (input) => isScorecard(input.json),
  parse: parseScorecard,
};

function isScorecard(v: unknown): v is JsonObject {
  return isObject(v) && isObject(v.repo) && typeof v.repo.name === 'string' && isObject(v.scorecard) && Array.isArray(v.checks);
}

export function parseScorecard(input: DocumentInput): OntologyBatch {
  const root = input.json;
  if (!isScorecard(root)) throw new IngestError('INVALID_DOCUMENT', 'a Scorecard result needs "repo.name", "scorecard" and "checks"', '');
  const repo = root.repo as JsonObject;
  const repoName = str(repo.name);
  if (!repoName) throw new IngestError('INVALID_DOCUMENT', '"repo.name" must name the repository', '/repo/name');
  const date = str(root.date);
  if (!date) throw new IngestError('INVALID_DOCUMENT', '"date" must give when the checks ran', '/date');
  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };

  const url = sourceRepositoryKey(/^[a-z][a-z0-9+.-]*:\/\//i.test(repoName) ? repoName : `https://${repoName}`);
  const repository = b.node('SourceRepository', { key: url, url });
  b.edge('LISTS', doc, repository, { ref: repoName, componentType: 'source-repository', scope: null });

  const checks: ScorecardCheck[] = [];
  (root.checks as unknown[]).forEach((raw, i) => {
    const at = `/checks/${i}`;
    const name = isObject(raw) ? str(raw.name) : null;
    if (!isObject(raw) || !name) {
      b.warn('INVALID_CHECK', 'a check without a name is ignored', at);
      return;
    }
    checks.push({ name, score: scoreOf(raw.score, b, `${at}/score`), reason: str(raw.reason) });
  });
  const commit = str(repo.commit);
  const scorecard = root.scorecard as JsonObject;
  const node = b.node('Scorecard', {
    key: `scorecard:${url}@${commit ?? ''}:${date}`,
    repository: url,
    commit,
    date,
    score: scoreOf(root.score, b, '/score'),
    scorecardVersion: str(scorecard.version),
    checks: JSON.stringify(checks),
  });
  b.edge('HAS_SCORECARD', repository, node);
  return b.build(documentNode(input, {
    kind: 'scorecard', format: 'openssf-scorecard', specVersion: str(scorecard.version), name: repoName, createdAt: date, componentCount: 0,
  }));
}

/** Scores are 0–10, or -1 when a check was inconclusive; anything else is not a score. */
function scoreOf(v: unknown, b: BatchBuilder, at: string): number | null {
  if (typeof v === 'number' && Number.isFinite(v) && v >= -1 && v <= 10) return v;
  if (v !== undefined && v !== null) b.warn('INVALID_SCORE', `score ${JSON.stringify(v).slice(0, 40)} is not a number from -1 to 10; ignored`, at);
  return null;
}
