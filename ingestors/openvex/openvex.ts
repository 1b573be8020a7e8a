/**
 * OpenVEX (0.2.0; the 0.0.x string forms are read too) → one OntologyBatch.
 *
 *   statements[i]            → VexStatement `<document key>#<i>` (status, justification,
 *                              impact_statement, action_statement, statement timestamp,
 *                              else last_updated, else the document timestamp)
 *   vulnerability.name / @id → Vulnerability, VEX_ABOUT; aliases → Vulnerability each,
 *                              name ALIAS_OF alias, and VEX_ABOUT too
 *   products[]               → VEX_APPLIES_TO: @id (or identifiers.purl) purl → PackageVersion,
 *                              a digest @id (`sha256:…`) → Artifact; hashes → HAS_DIGEST;
 *                              anything else → UNSUPPORTED_PRODUCT_ID warning
 *   products[].subcomponents → the product CONTAINS each subcomponent (the statement
 *                              applies to the product, not to the subcomponent everywhere)
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import type { VexStatus } from '../../schema/ontology/nodes.js';
import { documentKey } from '../../schema/identity/keys.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { addDigest } from '../common/components.js';
import { arr, int, isObject, str, type JsonObject } from '../common/json.js';
import {
  addAliases, addPackageVersion, addVexProduct, addVexStatement, addVulnerability, documentNode, parsePurlOrNull, truncate,
} from '../common/advisory.js';

export const openVexParser: DocumentParser = {
  format: 'openvex',
  kind: 'vex',
  detect: (input) => isObject(input.json) && typeof input.json['@context'] === 'string' && input.json['@context'].startsWith('https://openvex.dev/ns'),
  parse: parseOpenVex,
};

const STATUSES: readonly VexStatus[] = ['not_affected', 'affected', 'fixed', 'under_investigation'];

export function parseOpenVex(input: DocumentInput): OntologyBatch {
  const root = input.json;
  if (!isObject(root)) throw new IngestError('INVALID_DOCUMENT', 'an OpenVEX document must be a JSON object', '');
  const context = str(root['@context']) ?? '';
  if (!Array.isArray(root.statements)) throw new IngestError('INVALID_DOCUMENT', '"statements" must be an array', '/statements');
  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };
  const docTime = str(root.last_updated) ?? str(root.timestamp);
  if (!str(root['@id'])) b.warn('MISSING_FIELD', 'an OpenVEX document should have "@id"', '/@id');
  let statements = 0;

  root.statements.forEach((raw: unknown, i: number) => {
    const at = `/statements/${i}`;
    if (!isObject(raw)) throw new IngestError('INVALID_DOCUMENT', 'a statement must be an object', at);
    const status = str(raw.status);
    if (!status || !(STATUSES as readonly string[]).includes(status)) {
      throw new IngestError('INVALID_DOCUMENT', `statement status ${JSON.stringify(raw.status)} is not one of ${STATUSES.join(', ')}`, `${at}/status`);
    }
    // 0.2.0: { name, @id, aliases }; 0.0.x: a string.
    const v = raw.vulnerability;
    const vulnName = typeof v === 'string' ? str(v) : isObject(v) ? str(v.name) ?? str(v['@id']) : null;
    if (!vulnName) throw new IngestError('INVALID_DOCUMENT', 'statement needs a vulnerability name', `${at}/vulnerability`);
    const vuln = addVulnerability(b, doc, vulnName, `${at}/vulnerability`)!;
    const aliases = isObject(v) ? arr(v.aliases).map(str).filter((x): x is string => x !== null) : [];
    const about = [vuln, ...addAliases(b, doc, vuln, aliases, `${at}/vulnerability/aliases`)];

    const targets: NodeRef[] = [];
    arr(raw.products).forEach((p, j) => {
      const pat = `${at}/products/${j}`;
      const product = productNode(b, p, pat);
      if (!product) return;
      targets.push(product);
      b.edge('LISTS', doc, product, { ref: pat, componentType: 'product', scope: null });
      if (isObject(p)) {
        arr(p.subcomponents).forEach((s, k) => {
          const sat = `${pat}/subcomponents/${k}`;
          const sub = productNode(b, s, sat);
          if (!sub) return;
          b.edge('LISTS', doc, sub, { ref: sat, componentType: 'subcomponent', scope: null });
          if (sub.key !== product.key || sub.label !== product.label) b.edge('CONTAINS', product, sub);
        });
      }
    });
    if (targets.length === 0) b.warn('STATEMENT_WITHOUT_PRODUCT', 'statement names no product that could be identified; it is stored without VEX_APPLIES_TO', at);
    const justification = str(raw.justification);
    if (status === 'not_affected' && !justification && !str(raw.impact_statement)) {
      b.warn('MISSING_JUSTIFICATION', 'a not_affected statement needs a justification or an impact_statement', at);
    }
    addVexStatement(b, doc, {
      key: `${docKey}#${i}`,
      status: status as VexStatus,
      justification,
      impactStatement: str(raw.impact_statement) ?? (status === 'not_affected' ? str(raw.status_notes) : null),
      actionStatement: str(raw.action_statement) ?? (status === 'affected' ? str(raw.status_notes) : null),
      timestamp: str(raw.last_updated) ?? str(raw.timestamp) ?? docTime,
    }, at, about, targets);
    statements += 1;
  });

  const version = /\/v?(\d+\.\d+\.\d+)\/?$/.exec(context);
  return b.build(documentNode(input, {
    kind: 'vex',
    format: 'openvex',
    specVersion: version ? version[1]! : '0.0.1',
    name: str(root['@id']),
    createdAt: str(root.timestamp) ?? docTime,
    componentCount: statements,
    bomVersion: int(root.version),
  }));
}

/** A product or subcomponent (object with @id/identifiers/hashes, or a bare string in 0.0.x). */
function productNode(b: BatchBuilder, p: unknown, at: string): NodeRef | null {
  const obj: JsonObject | null = isObject(p) ? p : null;
  const id = typeof p === 'string' ? str(p) : obj ? str(obj['@id']) : null;
  const identifiers = obj && isObject(obj.identifiers) ? obj.identifiers : {};
  const idPurl = str(identifiers.purl);
  let node: NodeRef | null = null;
  if (id) node = addVexProduct(b, id);
  if (!node && idPurl) {
    const purl = parsePurlOrNull(idPurl);
    if (purl) node = addPackageVersion(b, purl);
  }
  if (obj && isObject(obj.hashes)) {
    for (const [alg, value] of Object.entries(obj.hashes)) {
      if (typeof value !== 'string') continue;
      if (node && node.label !== 'Artifact') addDigest(b, node, alg, value, `${at}/hashes/${alg}`);
      else if (!node) {
        const r = addVexProduct(b, `${alg}:${value}`);
        if (r) node = r;
      }
    }
  }
  if (!node) {
    const shown = id ?? idPurl ?? str(identifiers.cpe23) ?? str(identifiers.cpe22) ?? '(none)';
    b.warn('UNSUPPORTED_PRODUCT_ID', `product identifier "${truncate(shown)}" is neither a purl nor a digest; not linked`, at);
  }
  return node;
}
