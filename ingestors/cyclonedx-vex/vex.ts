/**
 * CycloneDX VEX (a CycloneDX JSON BOM whose content is `vulnerabilities[]`,
 * with no or empty `components`) → one OntologyBatch. The reading itself
 * (`readCycloneDxVex`) takes a BOM in the JSON shape, so it also serves the
 * vulnerabilities of a BOM with an inventory (../cyclonedx/with-vex.ts) and
 * CycloneDX XML, read into that shape by ../cyclonedx/xml-vulnerabilities.ts.
 *
 *   vulnerabilities[i].id          → Vulnerability; references[].id → aliases (ALIAS_OF)
 *   analysis.state                 → one VexStatement `<document key>#<i>/<j>` per affects[j]:
 *       resolved, resolved_with_pedigree → fixed; exploitable → affected;
 *       in_triage → under_investigation; false_positive, not_affected → not_affected
 *     justification = analysis.justification; impactStatement = analysis.detail;
 *     actionStatement = analysis.response[] (+ recommendation, workaround);
 *     timestamp = analysis.lastUpdated / firstIssued, vulnerability updated, metadata.timestamp
 *   affects[j].ref                 → VEX_APPLIES_TO:
 *       a bom-ref of this BOM (metadata.component or a component) → its node (SBOM identity rules);
 *       a BOM-Link `urn:cdx:<serial>/<version>#<bom-ref>` → this BOM when the serial is ours,
 *         else the bom-ref when it is a purl; otherwise UNRESOLVED_BOM_LINK.
 *       The ref as written (BOM-Link included) is recorded on the document's LISTS edge to the
 *       statement, so an unresolved link can be resolved once the target BOM is known.
 *   ratings[]                      → Advisory `cyclonedx:<serial or document key>:<id>` severity JSON:
 *       every rating as a score (method, vector, score, severity, source) and the highest
 *       severity word as `rating`; the Advisory is made for any rated vulnerability
 *   affects[j].versions[]          → when the target has a purl: an Advisory
 *       `cyclonedx:<serial or document key>:<id>` with AFFECTS_PACKAGE rules: `range`
 *       (a vers string) → `vers` rule, `version` → `exact` rule; status affected/unaffected/unknown
 *       → affected/not_affected/under_investigation.
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import type { VexStatus } from '../../schema/ontology/nodes.js';
import { documentKey } from '../../schema/identity/keys.js';
import { formatPurl, type PackageUrl } from '../../schema/identity/purl.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { addComponent } from '../common/components.js';
import { arr, int, isObject, objects, str, type JsonObject } from '../common/json.js';
import {
  addAffectsPackage, addAliases, addPackageVersion, addVexStatement, addVulnerability, documentNode, parsePurlOrNull, rulePurl,
  severityJson, truncate, type SeverityScore,
} from '../common/advisory.js';
import type { AffectedRule, RuleStatus } from '../../schema/vulnerability/affected-rule.js';

export const cycloneDxVexParser: DocumentParser = {
  format: 'cyclonedx-vex',
  kind: 'vex',
  detect: detectCycloneDxVex,
  parse: parseCycloneDxVex,
};

/**
 * Claims only CycloneDX JSON BOMs that carry VEX data and no component inventory.
 * CycloneDX XML stays with cyclonedx-xml, which makes the same decision after its
 * one parse (detection only looks at the root element).
 */
export function detectCycloneDxVex(input: DocumentInput): boolean {
  const j = input.json;
  return isObject(j) && j.bomFormat === 'CycloneDX' && isVexOnly(j);
}

/** A BOM (JSON shape) whose content is VEX: vulnerabilities with analysis or affects, and no inventory. */
export function isVexOnly(bom: JsonObject): boolean {
  if (bom.components !== undefined && !(Array.isArray(bom.components) && bom.components.length === 0)) return false;
  return objects(bom.vulnerabilities).some((v) => isObject(v.analysis) || Array.isArray(v.affects));
}

const STATE: Record<string, VexStatus> = {
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
  false_positive: 'not_affected',
  not_affected: 'not_affected',
};

const VERSION_STATUS: Record<string, RuleStatus> = { affected: 'affected', unaffected: 'not_affected', unknown: 'under_investigation' };

/** `urn:cdx:<serial>/<version>#<url-encoded bom-ref>` */
export function parseBomLink(ref: string): { serial: string; version: number; ref: string | null } | null {
  const m = /^urn:cdx:([0-9a-fA-F-]{36})\/([1-9]\d*)(?:#(.+))?$/.exec(ref);
  if (!m) return null;
  let inner: string | null = null;
  if (m[3] !== undefined) {
    try {
      inner = decodeURIComponent(m[3]);
    } catch {
      inner = m[3];
    }
  }
  return { serial: m[1]!.toLowerCase(), version: Number(m[2]), ref: inner };
}

export function parseCycloneDxVex(input: DocumentInput): OntologyBatch {
  if (input.json === undefined) {
    throw new IngestError('INVALID_DOCUMENT', 'cyclonedx-vex reads CycloneDX JSON; CycloneDX XML, VEX included, is read by cyclonedx-xml');
  }
  return readCycloneDxVex(input.json, input);
}

/**
 * The VEX reading of `bom`, a CycloneDX BOM in the JSON shape, for the document
 * `input`; `format` is the Document's format (the XML reader passes its own).
 */
export function readCycloneDxVex(bom: unknown, input: DocumentInput, format = 'cyclonedx-vex'): OntologyBatch {
  if (!isObject(bom)) throw new IngestError('INVALID_DOCUMENT', 'a CycloneDX document must be a JSON object', '');
  const specVersion = str(bom.specVersion);
  if (specVersion === null) throw new IngestError('INVALID_DOCUMENT', 'missing "specVersion"', '/specVersion');
  if (!Array.isArray(bom.vulnerabilities)) throw new IngestError('INVALID_DOCUMENT', '"vulnerabilities" must be an array', '/vulnerabilities');
  if (bom.components !== undefined && !Array.isArray(bom.components)) throw new IngestError('INVALID_DOCUMENT', '"components" must be an array', '/components');
  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };
  const serialNumber = str(bom.serialNumber);
  const ownSerial = serialNumber ? serialNumber.replace(/^urn:uuid:/i, '').toLowerCase() : null;
  const metadata = isObject(bom.metadata) ? bom.metadata : {};
  const docTime = str(metadata.timestamp);

  // bom-ref → component object (metadata.component and nested components), nodes made on first use.
  const refs = new Map<string, { c: JsonObject; at: string }>();
  const pending: Array<{ c: JsonObject; at: string }> = [];
  if (isObject(metadata.component)) pending.push({ c: metadata.component, at: '/metadata/component' });
  objects(bom.components).forEach((c, i) => pending.push({ c, at: `/components/${i}` }));
  for (let k = 0; k < pending.length; k++) {
    const { c, at } = pending[k]!;
    const ref = str(c['bom-ref']);
    if (ref && !refs.has(ref)) refs.set(ref, { c, at });
    objects(c.components).forEach((child, i) => pending.push({ c: child, at: `${at}/components/${i}` }));
  }
  const made = new Map<string, NodeRef>();
  const componentNode = (ref: string): NodeRef | null => {
    const hit = made.get(ref);
    if (hit) return hit;
    const entry = refs.get(ref);
    if (!entry) return null;
    const c = entry.c;
    const name = str(c.name);
    if (!name && !str(c.purl)) return null;
    const node = addComponent(b, input.sha256, { kind: 'package', name, group: str(c.group), version: str(c.version), purl: str(c.purl), localRef: ref, at: entry.at });
    made.set(ref, node);
    b.edge('LISTS', doc, node, { ref, componentType: str(c.type), scope: null });
    return node;
  };
  if (isObject(metadata.component)) {
    const ref = str(metadata.component['bom-ref']);
    const subject = ref ? componentNode(ref) : null;
    if (subject) b.edge('DESCRIBES', doc, subject);
  }

  let statements = 0;
  const advisories = new Map<string, { ref: NodeRef; vuln: JsonObject; vulnKey: string }>();
  bom.vulnerabilities.forEach((raw: unknown, i: number) => {
    const at = `/vulnerabilities/${i}`;
    if (!isObject(raw)) throw new IngestError('INVALID_DOCUMENT', 'a vulnerability must be an object', at);
    const id = str(raw.id);
    if (!id) {
      b.warn('VULNERABILITY_WITHOUT_ID', 'vulnerability has no "id"; ignored', at);
      return;
    }
    const vuln = addVulnerability(b, doc, id, `${at}/id`)!;
    const aliases = objects(raw.references).map((r) => str(r.id)).filter((x): x is string => x !== null);
    const about = [vuln, ...addAliases(b, doc, vuln, aliases, `${at}/references`)];

    // Ratings (CVSS and others) are kept on the vulnerability's Advisory, made here even when no
    // affects[].versions give it rules, so VEX-only documents still say how severe the issue is.
    if (objects(raw.ratings).length > 0 && !advisories.has(id)) {
      advisories.set(id, { ref: { label: 'Advisory', key: `cyclonedx:${ownSerial ?? docKey}:${vuln.key}` }, vuln: raw, vulnKey: vuln.key });
    }

    const analysis = isObject(raw.analysis) ? raw.analysis : null;
    const stateWord = analysis ? str(analysis.state) : null;
    let status: VexStatus | null = null;
    if (stateWord) {
      status = STATE[stateWord] ?? null;
      if (!status) b.warn('UNKNOWN_ANALYSIS_STATE', `analysis.state "${stateWord}" is not a CycloneDX impact analysis state; no statement`, `${at}/analysis/state`);
    }
    const affects = objects(raw.affects);
    if (!status && affects.every((a) => !Array.isArray(a.versions))) {
      if (!stateWord) b.warn('NO_ANALYSIS', 'vulnerability has no analysis.state and no affects[].versions; nothing is asserted about its products', at);
    }
    if (status && affects.length === 0) b.warn('STATEMENT_WITHOUT_PRODUCT', 'analysis without affects; the statement applies to nothing', `${at}/affects`);

    const response = analysis ? arr(analysis.response).map(str).filter((x): x is string => x !== null) : [];
    const action = [response.length > 0 ? `response: ${response.join(', ')}` : null, str(raw.recommendation), str(raw.workaround)].filter(Boolean).join('\n') || null;
    const timestamp = (analysis && (str(analysis.lastUpdated) ?? str(analysis.firstIssued))) ?? str(raw.updated) ?? str(raw.published) ?? docTime;

    affects.forEach((a, j) => {
      const aat = `${at}/affects/${j}`;
      const ref = str(a.ref);
      if (!ref) {
        b.warn('INVALID_AFFECTS', 'affects entry without "ref"; ignored', aat);
        return;
      }
      const target = resolveRef(ref, aat);
      if (status) {
        addVexStatement(b, doc, {
          key: `${docKey}#${i}/${j}`,
          status,
          justification: analysis ? str(analysis.justification) : null,
          impactStatement: analysis ? str(analysis.detail) : null,
          actionStatement: action,
          timestamp,
        }, ref, about, target ? [target.node] : []);
        statements += 1;
      }
      if (Array.isArray(a.versions) && a.versions.length > 0) {
        if (!target?.purl) {
          b.warn('NO_PURL_FOR_PRODUCT', `affects "${truncate(ref)}" lists versions but has no purl; no rule stored`, `${aat}/versions`);
          return;
        }
        let adv = advisories.get(id);
        if (!adv) advisories.set(id, adv = { ref: { label: 'Advisory', key: `cyclonedx:${ownSerial ?? docKey}:${vuln.key}` }, vuln: raw, vulnKey: vuln.key });
        addVersionRules(b, adv.ref, vuln.key, target.purl, a.versions, `${aat}/versions`);
      }
    });
  });

  for (const [id, adv] of advisories) {
    b.node('Advisory', {
      key: adv.ref.key,
      source: isObject(adv.vuln.source) ? str(adv.vuln.source.name) ?? 'cyclonedx' : 'cyclonedx',
      advisoryId: id,
      title: str(adv.vuln.description),
      published: str(adv.vuln.published),
      modified: str(adv.vuln.updated),
      withdrawn: null,
      severity: severityJson({ scores: ratings(adv.vuln), rating: highestRating(adv.vuln) }),
    });
    b.edge('LISTS', doc, adv.ref, { ref: id, componentType: null, scope: null });
    b.edge('ADVISES', adv.ref, { label: 'Vulnerability', key: adv.vulnKey });
  }

  const subject = isObject(metadata.component) ? [str(metadata.component.group), str(metadata.component.name), str(metadata.component.version)].filter(Boolean).join(' ') : '';
  return b.build(documentNode(input, {
    kind: 'vex',
    format,
    specVersion,
    name: subject || serialNumber,
    createdAt: docTime,
    componentCount: statements,
    serialNumber,
    bomVersion: int(bom.version),
  }));

  function resolveRef(ref: string, at: string): { node: NodeRef; purl: PackageUrl | null } | null {
    const link = parseBomLink(ref);
    if (link) {
      if (link.ref !== null && ownSerial !== null && link.serial === ownSerial) {
        const local = localRef(link.ref);
        if (local) return local;
      }
      const purl = link.ref !== null ? parsePurlOrNull(link.ref) : null;
      if (purl) return listed(addPackageVersion(b, purl), purl, ref);
      b.warn('UNRESOLVED_BOM_LINK', `BOM-Link "${truncate(ref)}" points into another BOM by a bom-ref that is not a purl; recorded on the statement, not linked`, at);
      return null;
    }
    if (ref.startsWith('urn:cdx:')) {
      b.warn('UNRESOLVED_BOM_LINK', `"${truncate(ref)}" is not a valid BOM-Link (urn:cdx:<serial>/<version>#<bom-ref>)`, at);
      return null;
    }
    const local = localRef(ref);
    if (local) return local;
    const purl = parsePurlOrNull(ref);
    if (purl) return listed(addPackageVersion(b, purl), purl, ref);
    b.warn('DANGLING_REF', `affects ref "${truncate(ref)}" is not a bom-ref of this BOM; not linked`, at);
    return null;
  }

  function listed(node: NodeRef, purl: PackageUrl, ref: string): { node: NodeRef; purl: PackageUrl } {
    b.edge('LISTS', doc, node, { ref, componentType: null, scope: null });
    return { node, purl };
  }

  function localRef(ref: string): { node: NodeRef; purl: PackageUrl | null } | null {
    const node = componentNode(ref);
    if (!node) return null;
    const entry = refs.get(ref)!;
    const purlString = str(entry.c.purl);
    return { node, purl: purlString ? parsePurlOrNull(purlString) : null };
  }
}

function addVersionRules(b: BatchBuilder, advisory: NodeRef, vulnerability: string, purl: PackageUrl, versions: unknown[], at: string): void {
  versions.forEach((v, k) => {
    const vat = `${at}/${k}`;
    if (!isObject(v)) return;
    const statusWord = str(v.status) ?? 'affected';
    const status = VERSION_STATUS[statusWord];
    if (!status) {
      b.warn('INVALID_STATUS', `affects version status "${statusWord}" is not affected/unaffected/unknown; ignored`, `${vat}/status`);
      return;
    }
    const range = str(v.range);
    const version = str(v.version);
    let rule: AffectedRule;
    if (range) {
      if (!/^vers:[^/]+\/./.test(range)) {
        b.warn('INVALID_RANGE', `range "${truncate(range)}" is not a vers string; ignored`, `${vat}/range`);
        return;
      }
      rule = { v: 1, kind: 'vers', status, purl: rulePurl(purl), vers: range };
    } else if (version) {
      rule = { v: 1, kind: 'exact', status, purl: rulePurl(purl), versions: [version], purls: [formatPurl({ ...purl, version, subpath: null })] };
    } else {
      b.warn('INVALID_RANGE', 'affects version entry has neither "version" nor "range"; ignored', vat);
      return;
    }
    addAffectsPackage(b, advisory, purl, { vulnerability, ecosystem: purl.type, rule });
  });
}

/** CycloneDX severity words, lowest first. */
const SEVERITY_ORDER = ['none', 'info', 'low', 'medium', 'high', 'critical'];

/** The highest `ratings[].severity` (CycloneDX's own scale; `unknown` and other words do not rank). */
function highestRating(v: JsonObject): string | undefined {
  let best = -1;
  for (const r of objects(v.ratings)) best = Math.max(best, SEVERITY_ORDER.indexOf(str(r.severity)?.toLowerCase() ?? ''));
  return best >= 0 ? SEVERITY_ORDER[best] : undefined;
}

function ratings(v: JsonObject): SeverityScore[] {
  return objects(v.ratings).map((r) => {
    const s: SeverityScore = { type: str(r.method) ?? 'other' };
    const vector = str(r.vector);
    if (vector) s.vector = vector;
    if (typeof r.score === 'number') s.baseScore = r.score;
    const sev = str(r.severity);
    if (sev) s.rating = sev;
    const src = isObject(r.source) ? str(r.source.name) : null;
    if (src) s.source = src;
    return s;
  });
}
