/**
 * CVE JSON 5 record (`dataType: CVE_RECORD`) → one OntologyBatch.
 *
 *   cveMetadata.cveId          → Vulnerability; Advisory `cve5:<cveId>` ADVISES it
 *   cveMetadata.state REJECTED → Advisory.withdrawn (dateRejected, else dateUpdated); no rules
 *   cna.source.advisory        → alias when id-shaped (GHSA-…) : ALIAS_OF
 *   cna.title, else the English description → Advisory.title
 *   cna/adp metrics            → Advisory.severity JSON
 *   cna/adp metrics cvssV2_0/V3_0/V3_1/V4_0 → Severity facts (../common/severity.ts),
 *                                source `cna:<shortName>` / `adp:<shortName>`; `other`
 *                                entries with a severity word → vendor Severity facts
 *   affected[].cpes            → Cpe + AFFECTS_CPE (./cpes.ts)
 *   cna + adp affected[]       → versionless Package (packageURL, else collectionURL +
 *                                packageName through ./collection-urls.ts) + AFFECTS_PACKAGE
 *                                with a `cve5` rule (versions[] + defaultStatus as given);
 *                                a product without a derivable purl → NO_PURL_FOR_PRODUCT
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import { documentKey } from '../../schema/identity/keys.js';
import type { PackageUrl } from '../../schema/identity/purl.js';
import { addCpeRules } from './cpes.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { arr, isObject, objects, str, type JsonObject } from '../common/json.js';
import {
  addAffectsPackage, addAliases, addVulnerability, documentNode, looksLikeVulnerabilityId, parsePurlOrNull, rulePurl, severityJson,
  truncate, type SeverityScore,
} from '../common/advisory.js';
import { addCvssSeverity, addVendorSeverity } from '../common/severity.js';
import { ratingOfWord } from '../../schema/severity/rating.js';
import { CVE5_STATUSES, type Cve5AffectedRule, type Cve5RuleStatus, type Cve5RuleVersion, type RuleStatus } from '../../schema/vulnerability/affected-rule.js';
import { collectionPurl } from './collection-urls.js';

export const cve5Parser: DocumentParser = {
  format: 'cve5',
  kind: 'advisory',
  detect: (input) => isObject(input.json) && input.json.dataType === 'CVE_RECORD',
  parse: parseCve5,
};

const METRIC_TYPES: Record<string, string> = {
  cvssV4_0: 'CVSS_V4', cvssV3_1: 'CVSS_V3', cvssV3_0: 'CVSS_V3', cvssV2_0: 'CVSS_V2',
};
const METRIC_VERSIONS: Record<string, '2.0' | '3.0' | '3.1' | '4.0'> = { cvssV4_0: '4.0', cvssV3_1: '3.1', cvssV3_0: '3.0', cvssV2_0: '2.0' };

export function parseCve5(input: DocumentInput): OntologyBatch {
  const rec = input.json;
  if (!isObject(rec)) throw new IngestError('INVALID_DOCUMENT', 'a CVE record must be a JSON object', '');
  const meta = rec.cveMetadata;
  if (!isObject(meta)) throw new IngestError('INVALID_DOCUMENT', 'missing "cveMetadata"', '/cveMetadata');
  const cveId = str(meta.cveId);
  if (!cveId || !/^CVE-\d{4}-\d{4,}$/i.test(cveId)) throw new IngestError('INVALID_DOCUMENT', '"cveMetadata.cveId" must be a CVE id', '/cveMetadata/cveId');
  const containers = rec.containers;
  if (!isObject(containers) || !isObject(containers.cna)) throw new IngestError('INVALID_DOCUMENT', 'missing "containers.cna"', '/containers/cna');
  const cna = containers.cna;
  if (containers.adp !== undefined && !Array.isArray(containers.adp)) throw new IngestError('INVALID_DOCUMENT', '"containers.adp" must be an array', '/containers/adp');
  const adps = arr(containers.adp).filter(isObject);

  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };
  const state = str(meta.state);
  const rejected = state === 'REJECTED';
  const vuln = addVulnerability(b, doc, cveId, '/cveMetadata/cveId')!;
  const source = isObject(cna.source) ? str(cna.source.advisory) : null;
  if (source && looksLikeVulnerabilityId(source)) addAliases(b, doc, vuln, [source], '/containers/cna/source/advisory');

  const advisory: NodeRef = { label: 'Advisory', key: `cve5:${vuln.key}` };
  b.edge('LISTS', doc, advisory, { ref: cveId, componentType: null, scope: null });
  b.edge('ADVISES', advisory, vuln);

  const scores: SeverityScore[] = [];
  const containerList: Array<{ c: JsonObject; at: string; who: string }> = [
    { c: cna, at: '/containers/cna', who: `cna:${providerName(cna) ?? str(meta.assignerShortName) ?? 'unknown'}` },
    ...adps.map((c, i) => ({ c, at: `/containers/adp/${i}`, who: `adp:${providerName(c) ?? i}` })),
  ];
  for (const { c, who, at } of containerList) {
    objects(c.metrics).forEach((m, mi) => {
      for (const [field, type] of Object.entries(METRIC_TYPES)) {
        const v = isObject(m[field]) ? m[field] : null;
        if (!v) continue;
        addCvssSeverity(b, advisory, vuln, {
          declared: METRIC_VERSIONS[field]!, vector: str(v.vectorString), baseScore: v.baseScore, baseSeverity: str(v.baseSeverity), source: who, at: `${at}/metrics/${mi}/${field}`,
        });
        const s: SeverityScore = { type, source: who };
        const vector = str(v.vectorString);
        if (vector) s.vector = vector;
        if (typeof v.baseScore === 'number') s.baseScore = v.baseScore;
        const rating = str(v.baseSeverity);
        if (rating) s.rating = rating;
        scores.push(s);
      }
      if (isObject(m.other)) {
        const t = str(m.other.type);
        if (t) scores.push({ type: t, source: who });
        const word = otherSeverityWord(m.other);
        if (word) addVendorSeverity(b, advisory, vuln, { rating: word, source: who });
      }
    });
  }

  const rules = new Set<string>();
  let cpeRules = 0;
  if (rejected) {
    if (containerList.some(({ c }) => arr(c.affected).length > 0)) b.warn('WITHDRAWN', 'the CVE record is REJECTED; its affected products are not asserted', '/cveMetadata/state');
  } else {
    for (const { c, at } of containerList) {
      if (c.affected !== undefined && !Array.isArray(c.affected)) throw new IngestError('INVALID_DOCUMENT', '"affected" must be an array', `${at}/affected`);
      arr(c.affected).forEach((p, i) => {
        if (!isObject(p)) throw new IngestError('INVALID_DOCUMENT', 'an affected product must be an object', `${at}/affected/${i}`);
        const r = addProduct(b, advisory, vuln.key, p, `${at}/affected/${i}`);
        if (r) rules.add(r);
        cpeRules += addCpeRules(b, advisory, vuln.key, p, `${at}/affected/${i}`);
      });
    }
  }

  const descriptions = objects(cna.descriptions);
  const english = descriptions.find((d) => /^en/i.test(str(d.lang) ?? '')) ?? descriptions[0];
  b.node('Advisory', {
    key: advisory.key,
    source: providerName(cna) ?? str(meta.assignerShortName) ?? 'cve',
    advisoryId: vuln.key,
    title: str(cna.title) ?? (english ? str(english.value) : null),
    published: str(meta.datePublished),
    modified: str(meta.dateUpdated),
    withdrawn: rejected ? str(meta.dateRejected) ?? str(meta.dateUpdated) ?? str(meta.datePublished) ?? 'REJECTED' : null,
    severity: severityJson({ scores }),
  });

  return b.build(documentNode(input, {
    kind: 'advisory',
    format: 'cve5',
    specVersion: str(rec.dataVersion),
    name: vuln.key,
    createdAt: str(meta.dateUpdated) ?? str(meta.datePublished),
    componentCount: rules.size + cpeRules,
  }));
}

/**
 * The severity word of an `other` metric, when it carries one: a string content, or
 * content.text / value / severity / baseSeverity. Other kinds (SSVC decisions, KEV
 * entries) are not severities and give null.
 */
function otherSeverityWord(other: JsonObject): string | null {
  const type = str(other.type) ?? '';
  if (/ssvc|kev/i.test(type)) return null;
  const c = other.content;
  if (typeof c === 'string') return /severity/i.test(type) || ratingOfWord(c) !== null ? str(c) : null;
  if (!isObject(c)) return null;
  for (const k of ['text', 'value', 'severity', 'baseSeverity', 'other'] as const) {
    const w = str(c[k]);
    // Free text is a severity only when it says so or is one of the known words.
    if (w) return /severity/i.test(type) || ratingOfWord(w) !== null ? w : null;
  }
  return null;
}

function providerName(c: JsonObject): string | null {
  return isObject(c.providerMetadata) ? str(c.providerMetadata.shortName) : null;
}

function productPurl(p: JsonObject): PackageUrl | null {
  for (const field of ['packageURL', 'purl'] as const) {
    const s = str(p[field]);
    const parsed = s ? parsePurlOrNull(s) : null;
    if (parsed) return parsed;
  }
  const collection = str(p.collectionURL);
  const name = str(p.packageName);
  return collection && name ? collectionPurl(collection, name) : null;
}

function addProduct(b: BatchBuilder, advisory: NodeRef, vulnerability: string, p: JsonObject, at: string): string | null {
  const purl = productPurl(p);
  const label = [str(p.vendor), str(p.product) ?? str(p.packageName)].filter(Boolean).join('/') || '(unnamed)';
  if (!purl) {
    const where = str(p.collectionURL) ? ` (collectionURL ${truncate(str(p.collectionURL)!)} is not a known registry or packageName is missing)` : '';
    b.warn('NO_PURL_FOR_PRODUCT', `affected product "${truncate(label)}" cannot be named by a purl${where}; no rule stored`, at);
    return null;
  }
  const incomplete: string[] = [];
  const versions: Cve5RuleVersion[] = [];
  arr(p.versions).forEach((raw, i) => {
    const v = cve5Version(raw);
    if (typeof v === 'string') {
      b.warn('INVALID_VERSION', `version entry left out of the rule: ${v}`, `${at}/versions/${i}`);
      incomplete.push(`versions/${i}: ${v}`);
    } else {
      versions.push(v);
    }
  });
  let defaultStatus: Cve5RuleStatus | undefined;
  if (p.defaultStatus !== undefined) {
    if (typeof p.defaultStatus === 'string' && (CVE5_STATUSES as readonly string[]).includes(p.defaultStatus)) defaultStatus = p.defaultStatus as Cve5RuleStatus;
    else {
      b.warn('INVALID_STATUS', `defaultStatus ${JSON.stringify(p.defaultStatus)} is not affected/unaffected/unknown; left out`, `${at}/defaultStatus`);
      incomplete.push('defaultStatus: invalid');
    }
  }
  if (versions.length === 0 && defaultStatus === undefined) {
    b.warn('NO_VERSIONS', `affected product "${truncate(label)}" has no usable versions and no defaultStatus; no rule stored`, at);
    return null;
  }
  const rule: Cve5AffectedRule = { v: 1, kind: 'cve5', status: overallStatus(versions, defaultStatus), purl: rulePurl(purl), versions };
  for (const f of ['vendor', 'product', 'collectionURL', 'packageName'] as const) {
    const s = str(p[f]);
    if (s) rule[f] = s;
  }
  if (defaultStatus) rule.defaultStatus = defaultStatus;
  if (incomplete.length > 0) rule.incomplete = incomplete;
  return addAffectsPackage(b, advisory, purl, { vulnerability, ecosystem: purl.type, rule });
}

/** What the product entry claims overall: affected if any entry (or the default) is. */
function overallStatus(versions: readonly Cve5RuleVersion[], defaultStatus: Cve5RuleStatus | undefined): RuleStatus {
  const all = [...versions.map((v) => v.status), ...(versions.flatMap((v) => v.changes ?? []).map((c) => c.status)), ...(defaultStatus ? [defaultStatus] : [])];
  if (all.includes('affected')) return 'affected';
  if (all.length > 0 && all.every((s) => s === 'unaffected')) return 'not_affected';
  return 'under_investigation';
}

function cve5Version(raw: unknown): Cve5RuleVersion | string {
  if (!isObject(raw)) return 'not an object';
  const version = typeof raw.version === 'string' && raw.version !== '' ? raw.version : null;
  if (!version) return '"version" is not a non-empty string';
  const status = raw.status;
  if (typeof status !== 'string' || !(CVE5_STATUSES as readonly string[]).includes(status)) return `status ${JSON.stringify(status)} is not affected/unaffected/unknown`;
  const out: Cve5RuleVersion = { version, status: status as Cve5RuleStatus };
  for (const f of ['versionType', 'lessThan', 'lessThanOrEqual'] as const) {
    const v = raw[f];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '') return `"${f}" is not a non-empty string`;
    out[f] = v;
  }
  if (out.lessThan !== undefined && out.lessThanOrEqual !== undefined) return 'both lessThan and lessThanOrEqual';
  if (raw.changes !== undefined) {
    if (!Array.isArray(raw.changes)) return '"changes" is not an array';
    const changes: Array<{ at: string; status: Cve5RuleStatus }> = [];
    for (const c of raw.changes) {
      if (!isObject(c) || typeof c.at !== 'string' || c.at === '' || typeof c.status !== 'string' || !(CVE5_STATUSES as readonly string[]).includes(c.status)) return 'a change needs "at" and a status';
      changes.push({ at: c.at, status: c.status as Cve5RuleStatus });
    }
    out.changes = changes;
  }
  return out;
}
