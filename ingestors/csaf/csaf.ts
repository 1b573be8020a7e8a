/**
 * CSAF 2.0 (security advisories and the VEX profile) → one OntologyBatch.
 *
 *   document.publisher.namespace + tracking.id → Advisory `csaf:<namespace>:<id>`
 *       (title, initial/current release dates, aggregate severity, scores, remediations)
 *   vulnerabilities[].scores[].cvss_v3/cvss_v2, threats[] of category impact
 *       → Severity facts (../common/severity.ts), source = publisher name
 *   product_tree (branches, full_product_names, relationships, product_groups)
 *       → product id → purl / cpe (./products.ts)
 *   vulnerabilities[]  cve (else an id-shaped `ids[].text`) → Vulnerability, ADVISES;
 *       other id-shaped ids → ALIAS_OF
 *   product_status     for products with a versioned purl: versionless Package + AFFECTS_PACKAGE
 *       with an `exact` rule per (package, status): versions, full purls, platforms;
 *       a versionless purl under a `product_version_range` branch holding a vers string
 *       → a `vers` rule
 *       known_affected/first_affected/last_affected → affected; fixed/first_fixed → fixed;
 *       known_not_affected → not_affected; recommended → not_affected; under_investigation
 *   products named only by a CPE (product_identification_helper.cpe, no purl), affected
 *       statuses → Cpe + AFFECTS_CPE {vulnerability}, matched against components' CPEs
 *       (docs/vulnerabilities.md#cpe-matching); other statuses by CPE are not stored
 *   VEX statements     known_not_affected always (justification from flags, impact from
 *       threats); with category csaf_vex also known_affected (action from remediations),
 *       fixed and under_investigation — each a VexStatement VEX_ABOUT the vulnerability,
 *       VEX_APPLIES_TO the product's PackageVersion (synthetic when it has no purl)
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import type { VexStatus } from '../../schema/ontology/nodes.js';
import { documentKey, syntheticPackage } from '../../schema/identity/keys.js';
import { formatPurl, type PackageUrl } from '../../schema/identity/purl.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { arr, isObject, objects, str } from '../common/json.js';
import { addAffectsCpe } from '../common/cpe-rule.js';
import { addCvssSeverity, addVendorSeverity } from '../common/severity.js';
import { ratingOfWord } from '../../schema/severity/rating.js';
import {
  addAffectsPackage, addAliases, addPackageVersion, addVexStatement, addVulnerability, documentNode, looksLikeVulnerabilityId,
  parsePurlOrNull, rulePurl, severityJson, type SeverityRemediation, type SeverityScore,
} from '../common/advisory.js';
import type { RuleStatus } from '../../schema/vulnerability/affected-rule.js';
import { ProductTree, type ResolvedProduct } from './products.js';

export const csafParser: DocumentParser = {
  format: 'csaf',
  kind: 'advisory',
  detect: (input) => isObject(input.json) && isObject(input.json.document) && typeof input.json.document.csaf_version === 'string',
  parse: parseCsaf,
};

/** CSAF product_status categories → rule status. */
const STATUS: Record<string, RuleStatus> = {
  first_affected: 'affected',
  known_affected: 'affected',
  last_affected: 'affected',
  first_fixed: 'fixed',
  fixed: 'fixed',
  known_not_affected: 'not_affected',
  recommended: 'not_affected',
  under_investigation: 'under_investigation',
};

/** The VEX profile's four statuses; known_not_affected is a statement in every CSAF document. */
const VEX_STATUS: Record<string, VexStatus> = {
  known_affected: 'affected',
  fixed: 'fixed',
  known_not_affected: 'not_affected',
  under_investigation: 'under_investigation',
};

interface RuleGroup {
  pkg: PackageUrl;
  status: RuleStatus;
  sourceStatus: string;
  versions: Set<string>;
  purls: Set<string>;
  platforms: Set<string>;
}

export function parseCsaf(input: DocumentInput): OntologyBatch {
  const root = input.json;
  if (!isObject(root)) throw new IngestError('INVALID_DOCUMENT', 'a CSAF document must be a JSON object', '');
  const document = root.document;
  if (!isObject(document)) throw new IngestError('INVALID_DOCUMENT', 'missing "document"', '/document');
  const category = str(document.category);
  if (!category) throw new IngestError('INVALID_DOCUMENT', 'missing "document.category"', '/document/category');
  const csafVersion = str(document.csaf_version);
  if (!csafVersion) throw new IngestError('INVALID_DOCUMENT', 'missing "document.csaf_version"', '/document/csaf_version');
  const publisher = isObject(document.publisher) ? document.publisher : null;
  const namespace = publisher ? str(publisher.namespace) : null;
  if (!namespace) throw new IngestError('INVALID_DOCUMENT', 'missing "document.publisher.namespace"', '/document/publisher/namespace');
  const tracking = isObject(document.tracking) ? document.tracking : null;
  const trackingId = tracking ? str(tracking.id) : null;
  if (!trackingId) throw new IngestError('INVALID_DOCUMENT', 'missing "document.tracking.id"', '/document/tracking/id');
  if (root.product_tree !== undefined && !isObject(root.product_tree)) throw new IngestError('INVALID_DOCUMENT', '"product_tree" must be an object', '/product_tree');
  if (root.vulnerabilities !== undefined && !Array.isArray(root.vulnerabilities)) throw new IngestError('INVALID_DOCUMENT', '"vulnerabilities" must be an array', '/vulnerabilities');

  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };
  if (csafVersion !== '2.0') b.warn('UNSUPPORTED_SPEC_VERSION', `CSAF ${csafVersion} is read as 2.0`, '/document/csaf_version');
  const isVex = category === 'csaf_vex';
  const tree = new ProductTree(b, isObject(root.product_tree) ? root.product_tree : {});
  const currentRelease = str(tracking!.current_release_date);

  const advisory: NodeRef = { label: 'Advisory', key: `csaf:${namespace}:${trackingId}` };
  const severitySource = (publisher && str(publisher.name)) ?? namespace;
  b.edge('LISTS', doc, advisory, { ref: trackingId, componentType: null, scope: null });
  const scores: SeverityScore[] = [];
  const remediations: SeverityRemediation[] = [];
  const ruleStrings = new Set<string>();
  let statements = 0;
  const withoutPurl = new Set<string>();
  const cpeRules = new Set<string>();
  const unknownIds = new Set<string>();

  arr(root.vulnerabilities).forEach((raw, i) => {
    const at = `/vulnerabilities/${i}`;
    if (!isObject(raw)) throw new IngestError('INVALID_DOCUMENT', 'a vulnerability must be an object', at);
    const ids = objects(raw.ids).map((x) => str(x.text)).filter((x): x is string => x !== null && looksLikeVulnerabilityId(x));
    const primary = str(raw.cve) ?? ids[0] ?? null;
    if (!primary) {
      b.warn('VULNERABILITY_WITHOUT_ID', 'vulnerability has neither "cve" nor an id-shaped "ids" entry; ignored', at);
      return;
    }
    const vuln = addVulnerability(b, doc, primary, `${at}/cve`)!;
    b.edge('ADVISES', advisory, vuln);
    const aliases = addAliases(b, doc, vuln, ids, `${at}/ids`);
    const about = [vuln, ...aliases];

    // Scores, threats without products, remediations → the advisory's severity JSON.
    objects(raw.scores).forEach((s, si) => {
      const products = tree.expand(s, 'products').length;
      for (const [field, type] of [['cvss_v3', 'CVSS_V3'], ['cvss_v2', 'CVSS_V2']] as const) {
        const c = isObject(s[field]) ? s[field] : null;
        if (!c) continue;
        const stated = str(c.version);
        const declared = field === 'cvss_v2' ? '2.0' : stated === '3.0' || stated === '3.1' ? stated : '3';
        addCvssSeverity(b, advisory, vuln, {
          declared, vector: str(c.vectorString), baseScore: c.baseScore, baseSeverity: str(c.baseSeverity), source: severitySource, at: `${at}/scores/${si}/${field}`,
        });
        const score: SeverityScore = { type, vulnerability: vuln.key };
        const vector = str(c.vectorString);
        if (vector) score.vector = vector;
        if (typeof c.baseScore === 'number') score.baseScore = c.baseScore;
        const rating = str(c.baseSeverity);
        if (rating) score.rating = rating;
        if (products > 0) score.source = `${products} products`;
        scores.push(score);
      }
    });
    for (const t of objects(raw.threats)) {
      if (str(t.category) === 'impact' && tree.expand(t).length === 0 && str(t.details)) scores.push({ type: 'impact', rating: str(t.details)!, vulnerability: vuln.key });
      // An impact threat that is a rating word is the publisher's own severity (Red Hat: Important, Moderate, …);
      // VEX documents put free-text impact statements there, which are not severities.
      if (str(t.category) === 'impact' && str(t.details) && ratingOfWord(str(t.details)!) !== null) addVendorSeverity(b, advisory, vuln, { rating: str(t.details)!, source: severitySource });
    }
    const actionByProduct = new Map<string, string[]>();
    objects(raw.remediations).forEach((r) => {
      const cat = str(r.category);
      if (!cat) return;
      const products = tree.expand(r);
      const rem: SeverityRemediation = { vulnerability: vuln.key, category: cat, productCount: products.length };
      const details = str(r.details);
      if (details) rem.details = details;
      const url = str(r.url);
      if (url) rem.url = url;
      remediations.push(rem);
      const text = [cat, details].filter(Boolean).join(': ');
      for (const p of products) actionByProduct.set(p, [...(actionByProduct.get(p) ?? []), text]);
    });
    const flagByProduct = new Map<string, { label: string; date: string | null }>();
    for (const f of objects(raw.flags)) {
      const label = str(f.label);
      if (!label) continue;
      for (const p of tree.expand(f)) if (!flagByProduct.has(p)) flagByProduct.set(p, { label, date: str(f.date) });
    }
    const impactByProduct = new Map<string, { text: string; date: string | null }>();
    for (const t of objects(raw.threats)) {
      const details = str(t.details);
      if (str(t.category) !== 'impact' || !details) continue;
      for (const p of tree.expand(t)) if (!impactByProduct.has(p)) impactByProduct.set(p, { text: details, date: str(t.date) });
    }

    const groups = new Map<string, RuleGroup>();
    const status = isObject(raw.product_status) ? raw.product_status : {};
    for (const [statusName, ids2] of Object.entries(status)) {
      const ruleStatus = STATUS[statusName];
      if (!ruleStatus) {
        b.warn('UNKNOWN_PRODUCT_STATUS', `product_status "${statusName}" is not a CSAF 2.0 status; ignored`, `${at}/product_status/${statusName}`);
        continue;
      }
      const vexStatus = statusName === 'known_not_affected' || isVex ? VEX_STATUS[statusName] : undefined;
      arr(ids2).forEach((pidRaw, k) => {
        const pid = str(pidRaw);
        if (!pid) return;
        const product = tree.resolve(pid);
        if (!product) {
          unknownIds.add(pid);
          return;
        }
        const purl = product.purl ? parsePurlOrNull(product.purl) : null;
        if (product.purl && !purl) b.warn('INVALID_PURL', `product "${pid}" has an invalid purl "${product.purl}"`, product.base.at);
        if (purl && purl.version) {
          const base = { ...purl, version: null, qualifiers: {}, subpath: null };
          const gk = `${rulePurl(base)}\u0000${statusName}`;
          let g = groups.get(gk);
          if (!g) groups.set(gk, g = { pkg: base, status: ruleStatus, sourceStatus: statusName, versions: new Set(), purls: new Set(), platforms: new Set() });
          g.versions.add(purl.version);
          g.purls.add(formatPurl({ ...purl, subpath: null }));
          for (const p of product.platforms) g.platforms.add(p);
        } else if (purl && product.base.versionRange?.startsWith('vers:')) {
          // A versionless purl under a product_version_range branch: the range is the rule.
          const base = { ...purl, version: null, subpath: null };
          ruleStrings.add(addAffectsPackage(b, advisory, base, {
            vulnerability: vuln.key,
            ecosystem: purl.type,
            rule: { v: 1, kind: 'vers', status: ruleStatus, purl: rulePurl(base), vers: product.base.versionRange },
          }));
        } else if (!purl && product.cpe && ruleStatus === 'affected' && addAffectsCpe(b, advisory, vuln.key, product.cpe, product.base.at)) {
          cpeRules.add(`${vuln.key}\u0000${product.cpe}`);
        } else {
          withoutPurl.add(pid);
        }
        if (vexStatus) {
          const target = purl ? addPackageVersion(b, purl) : syntheticTarget(b, input.sha256, product);
          const flag = flagByProduct.get(pid) ?? flagByProduct.get(product.base.id);
          const impact = impactByProduct.get(pid) ?? impactByProduct.get(product.base.id);
          const actions = actionByProduct.get(pid) ?? actionByProduct.get(product.base.id);
          addVexStatement(b, doc, {
            key: `${docKey}#${i}/${pid}`,
            status: vexStatus,
            justification: vexStatus === 'not_affected' ? flag?.label ?? null : null,
            impactStatement: vexStatus === 'not_affected' ? impact?.text ?? null : null,
            actionStatement: actions && vexStatus !== 'not_affected' ? actions.join('\n') : null,
            timestamp: flag?.date ?? impact?.date ?? currentRelease,
          }, `${at}/product_status/${statusName}/${k}`, about, [target]);
          b.edge('LISTS', doc, target, { ref: pid, componentType: null, scope: null });
          statements += 1;
        }
      });
    }
    for (const g of groups.values()) {
      const rule = addAffectsPackage(b, advisory, g.pkg, {
        vulnerability: vuln.key,
        ecosystem: g.pkg.type,
        rule: {
          v: 1, kind: 'exact', status: g.status, purl: rulePurl(g.pkg), versions: [...g.versions], purls: [...g.purls],
          ...(g.sourceStatus !== statusWord(g.status) ? { sourceStatus: g.sourceStatus } : {}),
          ...(g.platforms.size > 0 ? { platforms: [...g.platforms] } : {}),
        },
      });
      ruleStrings.add(rule);
    }
  });

  if (withoutPurl.size > 0) {
    const some = [...withoutPurl].slice(0, 3).map((x) => `"${x}"`).join(', ');
    b.warn('NO_PURL_FOR_PRODUCT', `${withoutPurl.size} product(s) named in product_status have no versioned purl, so no affected rule is stored for them${isVex ? ' (their VEX statements apply to synthetic package versions)' : ''}; e.g. ${some}`, '/product_tree');
  }
  if (unknownIds.size > 0) {
    b.warn('UNKNOWN_PRODUCT_ID', `${unknownIds.size} product id(s) in product_status are not defined in the product tree; e.g. ${[...unknownIds].slice(0, 3).map((x) => `"${x}"`).join(', ')}`, '/vulnerabilities');
  }
  const aggregate = isObject(document.aggregate_severity) ? str(document.aggregate_severity.text) : null;
  b.node('Advisory', {
    key: advisory.key,
    source: (publisher && str(publisher.name)) ?? namespace,
    advisoryId: trackingId,
    title: str(document.title),
    published: str(tracking!.initial_release_date),
    modified: currentRelease,
    withdrawn: null,
    severity: severityJson({ scores, rating: aggregate ?? undefined, remediations }),
  });

  return b.build(documentNode(input, {
    kind: isVex ? 'vex' : 'advisory',
    format: 'csaf',
    specVersion: csafVersion,
    name: str(document.title) ?? trackingId,
    createdAt: currentRelease,
    componentCount: isVex ? statements : ruleStrings.size + cpeRules.size,
  }));
}

/** The CSAF status word the rule status stands for by default (no sourceStatus needed). */
function statusWord(s: RuleStatus): string {
  switch (s) {
    case 'affected': return 'known_affected';
    case 'fixed': return 'fixed';
    case 'not_affected': return 'known_not_affected';
    case 'under_investigation': return 'under_investigation';
  }
}

/** A product without a purl still needs a node for its VEX statement: a synthetic package version. */
function syntheticTarget(b: BatchBuilder, sha256: string, p: ResolvedProduct): NodeRef {
  const base = p.base;
  const nodes = syntheticPackage({
    group: base.vendor,
    name: base.productName ?? base.name ?? base.id,
    // Without a product_name branch the version branch's name is the whole product name.
    version: base.productName ? base.version : null,
    documentSha256: sha256,
    localRef: base.id,
  });
  const pkg = b.node('Package', nodes.pkg);
  const version = b.node('PackageVersion', nodes.version);
  b.edge('HAS_VERSION', pkg, version);
  return version;
}
