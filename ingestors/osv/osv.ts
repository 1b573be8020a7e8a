/**
 * OSV (Open Source Vulnerability format, JSON or YAML) → one OntologyBatch.
 *
 *   id                      → Vulnerability; Advisory `osv:<id>` ADVISES it
 *   aliases[], upstream[]   → Vulnerability each; id ALIAS_OF each (`related` is not an alias)
 *   summary (else the first line of details) → Advisory.title
 *   published / modified / withdrawn          → Advisory timestamps
 *   severity[], affected[].severity, database_specific.severity → Advisory.severity JSON
 *   severity[] (CVSS_V2/V3/V4 vectors, scored here; other types as vendor words),
 *   affected[].severity, database_specific.severity,
 *   affected[].ecosystem_specific.severity → Severity facts (../common/severity.ts),
 *                             source `osv:<id prefix>` (the database: GHSA, PYSEC, …)
 *   affected[]              → versionless Package (package.purl, else ecosystem + name
 *                             through ./ecosystems.ts) + AFFECTS_PACKAGE with an `osv` rule
 *                             (ranges with events exactly as given, versions)
 *
 * Nothing is evaluated here. A range or version that is malformed is left out
 * of the rule, which is then marked `incomplete` (never a wrong "affected").
 * A withdrawn record keeps its Advisory and ids but asserts no AFFECTS_PACKAGE.
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import { documentKey } from '../../schema/identity/keys.js';
import type { PackageUrl } from '../../schema/identity/purl.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { arr, isObject, str, type JsonObject } from '../common/json.js';
import {
  addAffectsPackage, addAliases, addVulnerability, documentNode, firstLine, parsePurlOrNull, rulePurl, severityJson, truncate,
  type SeverityScore,
} from '../common/advisory.js';
import { addCvssSeverity, addVendorSeverity } from '../common/severity.js';
import { OSV_RANGE_TYPES, type OsvRangeType, type OsvRuleEvent, type OsvRuleRange } from '../../schema/vulnerability/affected-rule.js';
import { ecosystemMapping, osvPackagePurl } from './ecosystems.js';
import { looksLikeOsvYaml, parseYamlRecord } from './yaml.js';

export const osvParser: DocumentParser = {
  format: 'osv',
  kind: 'advisory',
  detect: detectOsv,
  parse: parseOsv,
};

/**
 * Keys only an OSV record has next to `id`. `modified` is required by the schema, but a
 * record without it is still recognised as OSV, so that it fails as an invalid OSV record
 * ("missing modified") rather than as a document in no supported format.
 */
const OSV_KEYS = ['modified', 'affected', 'schema_version', 'aliases', 'upstream', 'published', 'withdrawn'] as const;

export function detectOsv(input: DocumentInput): boolean {
  if (input.json !== undefined) {
    const j = input.json;
    return isObject(j) && typeof j.id === 'string' && OSV_KEYS.some((k) => j[k] !== undefined)
      && j.bomFormat === undefined && j.document === undefined && j.dataType === undefined && j['@context'] === undefined;
  }
  return input.text !== null && looksLikeOsvYaml(input.text);
}

export function parseOsv(input: DocumentInput): OntologyBatch {
  const record = input.json !== undefined ? input.json : input.text !== null ? parseYamlRecord(input.text) : undefined;
  if (!isObject(record)) throw new IngestError('INVALID_DOCUMENT', 'an OSV record must be an object', '');
  const id = str(record.id);
  if (id === null) throw new IngestError('INVALID_DOCUMENT', 'an OSV record needs a non-empty string "id"', '/id');
  for (const field of ['aliases', 'upstream', 'related', 'affected', 'severity', 'references'] as const) {
    if (record[field] !== undefined && !Array.isArray(record[field])) {
      throw new IngestError('INVALID_DOCUMENT', `"${field}" must be an array`, `/${field}`);
    }
  }
  for (const field of ['modified', 'published', 'withdrawn', 'summary', 'details', 'schema_version'] as const) {
    if (record[field] !== undefined && typeof record[field] !== 'string') {
      throw new IngestError('INVALID_DOCUMENT', `"${field}" must be a string`, `/${field}`);
    }
  }
  if (record.modified === undefined) {
    throw new IngestError('INVALID_DOCUMENT', 'invalid OSV: missing "modified" (the OSV schema requires the time the record was last modified)', '/modified');
  }
  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };

  const vuln = addVulnerability(b, doc, id, '/id')!;
  const aliasIds: string[] = [];
  for (const field of ['aliases', 'upstream'] as const) {
    arr(record[field]).forEach((a, i) => {
      const s = str(a);
      if (s) aliasIds.push(s);
      else b.warn('INVALID_ALIAS', `${field}[${i}] is not a non-empty string; ignored`, `/${field}/${i}`);
    });
  }
  addAliases(b, doc, vuln, aliasIds, '/aliases');

  const withdrawn = str(record.withdrawn);
  const scores: SeverityScore[] = [];
  arr(record.severity).forEach((s, i) => { const sc = osvSeverity(s); if (sc) scores.push(sc); else b.warn('INVALID_SEVERITY', 'severity entry needs "type" and "score"; ignored', `/severity/${i}`); });
  const dbSpecific = isObject(record.database_specific) ? record.database_specific : {};
  const advisory: NodeRef = { label: 'Advisory', key: `osv:${id}` };
  b.edge('LISTS', doc, advisory, { ref: id, componentType: null, scope: null });
  b.edge('ADVISES', advisory, vuln);

  const severitySource = `osv:${id.includes('-') ? id.slice(0, id.indexOf('-')) : id}`;
  const addSeverities = (list: unknown, at: string, pkg: string | null): void => arr(list).forEach((s, i) => {
    if (!isObject(s)) return;
    const type = str(s.type);
    const score = str(s.score);
    if (!type || !score) return;
    const declared = OSV_CVSS_TYPES[type];
    if (declared) addCvssSeverity(b, advisory, vuln, { declared, vector: score, baseScore: undefined, baseSeverity: null, source: severitySource, package: pkg, at: `${at}/${i}` });
    else addVendorSeverity(b, advisory, vuln, { rating: score, source: `${severitySource}:${type}`, package: pkg });
  });
  addSeverities(record.severity, '/severity', null);
  const dbSeverity = str(dbSpecific.severity);
  if (dbSeverity) addVendorSeverity(b, advisory, vuln, { rating: dbSeverity, source: severitySource });

  const rules = new Set<string>();
  const affected = arr(record.affected);
  if (withdrawn && affected.length > 0) {
    b.warn('WITHDRAWN', `the record was withdrawn on ${withdrawn}; its ${affected.length} affected entries are not asserted`, '/withdrawn');
  } else {
    affected.forEach((entry, i) => {
      const at = `/affected/${i}`;
      if (!isObject(entry)) throw new IngestError('INVALID_DOCUMENT', 'an affected entry must be an object', at);
      const pkgScore = arr(entry.severity).map(osvSeverity).filter((s): s is SeverityScore => s !== null);
      const added = addAffected(b, advisory, vuln.key, entry, at);
      if (added) {
        rules.add(added.rule);
        for (const s of pkgScore) scores.push({ ...s, package: added.purl });
        addSeverities(entry.severity, `${at}/severity`, added.purl);
        const ecosystemSeverity = isObject(entry.ecosystem_specific) ? str(entry.ecosystem_specific.severity) : null;
        if (ecosystemSeverity) addVendorSeverity(b, advisory, vuln, { rating: ecosystemSeverity, source: severitySource, package: added.purl });
      }
    });
  }

  b.node('Advisory', {
    key: advisory.key,
    source: 'osv',
    advisoryId: id,
    title: str(record.summary) ?? firstLine(str(record.details)),
    published: str(record.published),
    modified: str(record.modified),
    withdrawn,
    severity: severityJson({ scores, rating: str(dbSpecific.severity) ?? undefined }),
  });

  return b.build(documentNode(input, {
    kind: 'advisory',
    format: 'osv',
    specVersion: str(record.schema_version),
    name: id,
    createdAt: str(record.modified) ?? str(record.published),
    componentCount: rules.size,
  }));
}

const OSV_CVSS_TYPES: Record<string, '2.0' | '3' | '4.0'> = { CVSS_V2: '2.0', CVSS_V3: '3', CVSS_V4: '4.0' };

function osvSeverity(s: unknown): SeverityScore | null {
  if (!isObject(s)) return null;
  const type = str(s.type);
  const score = str(s.score);
  if (!type || !score) return null;
  // CVSS types carry a vector; others (Ubuntu) a rating word.
  return /^CVSS_/i.test(type) ? { type, vector: score } : { type, rating: score };
}

/** One affected entry → Package + AFFECTS_PACKAGE; null (with a warning) when no package can be named. */
function addAffected(b: BatchBuilder, advisory: NodeRef, vulnerability: string, entry: JsonObject, at: string): { rule: string; purl: string } | null {
  const pkg = isObject(entry.package) ? entry.package : null;
  if (!pkg) {
    const git = arr(entry.ranges).some((r) => isObject(r) && r.type === 'GIT');
    b.warn('AFFECTED_WITHOUT_PACKAGE', `affected entry names no package${git ? ' (GIT ranges only; commits are not package versions)' : ''}; ignored`, at);
    return null;
  }
  const ecosystem = str(pkg.ecosystem);
  const name = str(pkg.name);
  const given = str(pkg.purl);
  let purl: PackageUrl | null = null;
  if (given) {
    purl = parsePurlOrNull(given);
    if (!purl) b.warn('INVALID_PURL', `package.purl "${truncate(given)}" is not a valid purl; using ecosystem and name`, `${at}/package/purl`);
  }
  const known = ecosystem !== null && ecosystemMapping(ecosystem) !== null;
  if (!purl) {
    if (!ecosystem || !name) {
      b.warn('INVALID_PACKAGE', 'package needs "ecosystem" and "name" (or a purl); entry ignored', `${at}/package`);
      return null;
    }
    const r = osvPackagePurl(ecosystem, name);
    if (!r.ok) {
      b.warn(r.code, `${r.message}; no rule stored for "${truncate(name)}"`, `${at}/package`);
      return null;
    }
    purl = r.purl;
  } else if (ecosystem && !known) {
    b.warn('UNKNOWN_ECOSYSTEM', `OSV ecosystem "${ecosystem}" is unknown; the rule is stored under package.purl but its ranges may not be evaluable`, `${at}/package/ecosystem`);
  }

  const incomplete: string[] = [];
  const ranges: OsvRuleRange[] = [];
  arr(entry.ranges).forEach((r, j) => {
    const parsed = osvRange(r);
    if (typeof parsed === 'string') {
      b.warn('INVALID_RANGE', `range left out of the rule: ${parsed}`, `${at}/ranges/${j}`);
      incomplete.push(`ranges/${j}: ${parsed}`);
    } else {
      ranges.push(parsed);
    }
  });
  if (entry.ranges !== undefined && !Array.isArray(entry.ranges)) {
    b.warn('INVALID_RANGE', '"ranges" is not an array; left out of the rule', `${at}/ranges`);
    incomplete.push('ranges: not an array');
  }
  const versions: string[] = [];
  arr(entry.versions).forEach((v, j) => {
    if (typeof v === 'string' && v !== '') versions.push(v);
    else {
      b.warn('INVALID_VERSION', 'versions entry is not a non-empty string; left out of the rule', `${at}/versions/${j}`);
      incomplete.push(`versions/${j}: not a string`);
    }
  });
  const rulePurlString = rulePurl(purl);
  const rule = addAffectsPackage(b, advisory, purl, {
    vulnerability,
    ecosystem: ecosystem ?? purl.type,
    rule: {
      v: 1, kind: 'osv', status: 'affected', purl: rulePurlString, ecosystem: ecosystem ?? purl.type, ranges, versions,
      ...(incomplete.length > 0 ? { incomplete } : {}),
    },
  });
  return { rule, purl: rulePurlString };
}

const EVENT_FIELDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

/** A range as stored (database_specific dropped), or why it cannot be stored. */
function osvRange(r: unknown): OsvRuleRange | string {
  if (!isObject(r)) return 'not an object';
  const type = r.type;
  if (typeof type !== 'string' || !(OSV_RANGE_TYPES as readonly string[]).includes(type)) return `unknown range type ${JSON.stringify(type)}`;
  if (!Array.isArray(r.events) || r.events.length === 0) return 'no events';
  const events: OsvRuleEvent[] = [];
  for (let k = 0; k < r.events.length; k++) {
    const e: unknown = r.events[k];
    if (!isObject(e)) return `event ${k} is not an object`;
    const keys = Object.keys(e).filter((x) => x !== 'database_specific');
    if (keys.length !== 1 || !(EVENT_FIELDS as readonly string[]).includes(keys[0]!)) return `event ${k} must have exactly one of ${EVENT_FIELDS.join('/')}`;
    const field = keys[0] as (typeof EVENT_FIELDS)[number];
    const value = e[field];
    if (typeof value !== 'string' || value === '') return `event ${k} ${field} is not a non-empty string`;
    events.push({ [field]: value });
  }
  const repo = str(r.repo);
  if (type === 'GIT' && !repo) return 'GIT range without "repo"';
  return repo ? { type: type as OsvRangeType, repo, events } : { type: type as OsvRangeType, events };
}
