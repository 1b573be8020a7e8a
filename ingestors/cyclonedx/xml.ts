/**
 * CycloneDX XML (namespaces http://cyclonedx.org/schema/bom/1.2 … 1.7; 1.0/1.1
 * and later ones read leniently): reads the document into the format-neutral
 * CdxBom, which mapper.ts turns into ontology, exactly as for JSON.
 *
 * Parsed safely with fast-xml-parser:
 *   - any DTD (`<!DOCTYPE`, `<!ENTITY` …) is refused before parsing: CycloneDX
 *     needs none, and entity expansion (billion laughs) or external entities
 *     are the classic XML attacks. Only the predefined entities, character
 *     references (and, leniently, HTML's named entities) are decoded;
 *   - element nesting is capped (MAX_XML_DEPTH) so neither the parser nor the
 *     reader can be driven into deep recursion;
 *   - well-formedness is checked first, so a truncated or broken document fails
 *     with PARSE_ERROR and a line/column instead of yielding a partial BOM.
 *
 * `<vulnerabilities>` (VEX, VDR) are read from the same parse into the JSON
 * shape (xml-vulnerabilities.ts) and given to the one VEX reading, as json.ts
 * does: a BOM with an inventory keeps both kinds of facts (with-vex.ts), and a
 * BOM whose content is only VEX becomes a `vex` Document, the decision
 * cyclonedx-vex makes for JSON. Detection stays on the root element, so every
 * CycloneDX XML document has this one parser.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_WARNINGS, type IngestWarning, type OntologyBatch } from '../../schema/ontology/batch.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { describeOffset } from '../common/decode.js';
import type { JsonObject } from '../common/json.js';
import { isVexOnly, readCycloneDxVex } from '../cyclonedx-vex/vex.js';
import { mapCycloneDx } from './mapper.js';
import { emptyComponent, type CdxBom, type CdxComponent, type CdxDataset, type CdxDependency, type CdxLocator } from './model.js';
import { schemaCheck } from './validate.js';
import { hasVulnerabilities, joinVex } from './with-vex.js';
import { readXmlVulnerabilities, vexView, xmlPosition, type XmlVulnerabilities } from './xml-vulnerabilities.js';
import { attr, first, isNode, list, node, nodes, text1, type XmlNode } from './xml-nodes.js';

/** Elements deep; a component nested N levels is about 2N + 3 elements deep. */
export const MAX_XML_DEPTH = 512;
const NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;
/** How far into the text detection looks for the root element. */
const DETECT_WINDOW = 64 * 1024;

export const cycloneDxXmlParser: DocumentParser = {
  format: 'cyclonedx-xml',
  // A BOM with only vulnerabilities becomes a `vex` Document (mapCycloneDxXml), as csaf's VEX profile does.
  kind: 'sbom',
  detect: (input) => input.text !== null && cycloneDxXmlVersion(input.text.slice(0, DETECT_WINDOW)) !== null,
  parse: parseCycloneDxXmlDocument,
};

/** The full parse the worker runs: schema validation per `options.validate`, then inventory and VEX. */
export async function parseCycloneDxXmlDocument(input: DocumentInput): Promise<OntologyBatch> {
  const doc = readCycloneDxXmlDocument(xmlText(input));
  const warnings = await schemaCheck(input, doc.bom);
  return mapCycloneDxXml(doc, input, warnings);
}

/** Inventory and VEX, no schema validation (synchronous; what tests and tools use). */
export function parseCycloneDxXml(input: DocumentInput): OntologyBatch {
  return mapCycloneDxXml(readCycloneDxXmlDocument(xmlText(input)), input);
}

/** What one parse of a CycloneDX XML document yields. */
export interface CycloneDxXmlDocument {
  bom: CdxBom;
  /** Null when the BOM has no `<vulnerabilities>`. */
  vulnerabilities: XmlVulnerabilities | null;
}

function mapCycloneDxXml(doc: CycloneDxXmlDocument, input: DocumentInput, schemaWarnings: readonly IngestWarning[] = []): OntologyBatch {
  const early = [...schemaWarnings, ...(doc.vulnerabilities?.warnings ?? [])];
  const view = doc.vulnerabilities ? vexView(doc.bom, doc.vulnerabilities.vulnerabilities) : null;
  if (view === null || !hasVulnerabilities(view)) return mapCycloneDx(doc.bom, input, early);
  if (isVexOnly(view)) return xmlVex(view, input, early);
  return joinVex(mapCycloneDx(doc.bom, input, early), xmlVex(view, input, []));
}

/** The VEX reading of the XML's JSON view, its warnings placed by XPath like the inventory's. */
function xmlVex(view: JsonObject, input: DocumentInput, early: readonly IngestWarning[]): OntologyBatch {
  const vex = readCycloneDxVex(view, input, 'cyclonedx-xml');
  const placed = vex.warnings.map((w) => (w.at === undefined ? w : { ...w, at: xmlPosition(w.at) }));
  const warnings = [...early, ...placed].slice(0, MAX_WARNINGS + 1);
  return { ...vex, document: { ...vex.document, warningCount: warnings.length }, warnings };
}

function xmlText(input: DocumentInput): string {
  const text = input.text ?? input.bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const LOCATE: CdxLocator = {
  hash: (at, i) => `${at}/hashes/hash[${i + 1}]`,
  dependsOn: (at, i) => `${at}/dependency[${i + 1}]`,
  provides: (at, i) => `${at}/provides[${i + 1}]`,
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Also decodes numeric character references (&#65; &#x41;), which XML requires;
  // HTML named entities (&nbsp;) are tolerated as a side effect.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_XML_DEPTH,
  // No callbacks use paths; not tracking them makes parsing about 20% faster.
  jPath: false,
});

/** The inventory only. */
export function readCycloneDxXml(text: string): CdxBom {
  return readCycloneDxXmlDocument(text).bom;
}

export function readCycloneDxXmlDocument(text: string): CycloneDxXmlDocument {
  refuseDtd(text);
  const version = cycloneDxXmlVersion(text.slice(0, DETECT_WINDOW));
  if (version === null) {
    throw new IngestError('INVALID_DOCUMENT', 'not a CycloneDX XML document: the root element must be <bom> in a namespace http://cyclonedx.org/schema/bom/1.x');
  }
  const wellFormed = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (wellFormed !== true) {
    const e = wellFormed.err;
    const atEnd = /unclosed|not closed|Closing tag|EOF|end/i.test(e.msg) && e.line >= lineCount(text) - 1;
    throw new IngestError('PARSE_ERROR', `invalid XML: ${e.msg}${atEnd ? ' (truncated document?)' : ''}`, `line ${e.line}, column ${e.col}`);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    if (/nested tags/i.test(message)) {
      throw new IngestError('DOCUMENT_TOO_COMPLEX', `the XML nests elements more than ${MAX_XML_DEPTH} deep; refused`);
    }
    throw new IngestError('PARSE_ERROR', `invalid XML: ${message}`);
  }
  const root = isNode(parsed) ? node(parsed.bom) : null;
  if (root === null) throw new IngestError('INVALID_DOCUMENT', 'the root element is not <bom>', '/bom');

  // Components are read shallowly when first seen, their sub-components when
  // their turn in the queue comes: no recursion at any depth.
  const work: Array<{ raw: XmlNode; c: CdxComponent } | undefined> = [];
  const read = (raw: XmlNode, at: string, path: string): CdxComponent => {
    const c = readComponent(raw, at, path);
    work.push({ raw, c });
    return c;
  };
  const readList = (container: unknown, at: string, path: string): CdxComponent[] =>
    nodes(node(container)?.component).map((raw, i) => read(raw, `${at}/component[${i + 1}]`, `${path}/${i}`));

  const metadata = node(root.metadata);
  const subjectRaw = metadata ? node(first(metadata.component)) : null;
  const subject = subjectRaw ? read(subjectRaw, '/bom/metadata/component', '/metadata/component') : null;
  const components = readList(root.components, '/bom/components', '/components');
  for (let i = 0; i < work.length; i++) {
    const { raw, c } = work[i]!;
    work[i] = undefined;
    c.components = readList(raw.components, `${c.at}/components`, `${c.path}/components`);
    const pedigree = node(raw.pedigree);
    if (pedigree) {
      c.ancestors = readList(pedigree.ancestors, `${c.at}/pedigree/ancestors`, `${c.path}/pedigree/ancestors`);
      c.descendants = readList(pedigree.descendants, `${c.at}/pedigree/descendants`, `${c.path}/pedigree/descendants`);
      c.variants = readList(pedigree.variants, `${c.at}/pedigree/variants`, `${c.path}/pedigree/variants`);
    }
  }

  // <dependency ref="a"><dependency ref="b"/></dependency>: the inner ones are what "a"
  // depends on. An inner one with children of its own is read as an entry too.
  const dependencies: CdxDependency[] = [];
  const queue: Array<{ o: XmlNode; at: string }> = nodes(node(root.dependencies)?.dependency)
    .map((o, i) => ({ o, at: `/bom/dependencies/dependency[${i + 1}]` }));
  for (let i = 0; i < queue.length; i++) {
    const { o, at } = queue[i]!;
    const inner = nodes(o.dependency);
    dependencies.push({ ref: attr(o, 'ref'), dependsOn: inner.map((x) => attr(x, 'ref')), provides: nodes(o.provides).map((p) => attr(p, 'ref')), at });
    inner.forEach((x, j) => {
      if (x.dependency !== undefined || x.provides !== undefined) queue.push({ o: x, at: `${at}/dependency[${j + 1}]` });
    });
  }

  const versionAttr = attr(root, 'version');
  const bom: CdxBom = {
    format: 'cyclonedx-xml',
    specVersion: version,
    specVersionAt: '/bom/@xmlns',
    serialNumber: attr(root, 'serialNumber'),
    version: versionAttr !== null && /^\d{1,15}$/.test(versionAttr) ? Number(versionAttr) : null,
    timestamp: metadata ? text1(metadata.timestamp) : null,
    subject,
    components,
    dependencies,
    locate: LOCATE,
  };
  return { bom, vulnerabilities: readXmlVulnerabilities(root) };
}

function readComponent(raw: XmlNode, at: string, path: string): CdxComponent {
  const c = emptyComponent(at, path);
  c.type = attr(raw, 'type');
  c.bomRef = attr(raw, 'bom-ref');
  c.name = text1(raw.name);
  c.group = text1(raw.group);
  c.version = text1(raw.version);
  c.purl = text1(raw.purl);
  c.cpe = text1(raw.cpe);
  c.scope = text1(raw.scope);
  c.hashes = nodes(node(raw.hashes)?.hash).map((h) => ({ alg: attr(h, 'alg'), content: text1(h) }));
  const licenses = node(raw.licenses);
  if (licenses) {
    for (const l of nodes(licenses.license)) {
      c.licenses.push({ id: text1(l.id), name: text1(l.name), expression: null, acknowledgement: attr(l, 'acknowledgement') });
    }
    for (const e of nodes(licenses.expression)) {
      const expression = text1(e);
      if (expression) c.licenses.push({ id: null, name: null, expression, acknowledgement: attr(e, 'acknowledgement') });
    }
  }
  c.externalReferences = nodes(node(raw.externalReferences)?.reference).map((r) => ({ type: attr(r, 'type'), url: text1(r.url) }));
  const card = node(raw.modelCard);
  if (card) {
    const datasets = node(node(card.modelParameters)?.datasets);
    const base = `${at}/modelCard/modelParameters/datasets`;
    const refs = list(datasets?.ref).map((r, i): CdxDataset => ({ ref: text1(r), bomRef: null, name: null, version: null, purl: null, at: `${base}/ref[${i + 1}]` }));
    const inline = nodes(datasets?.dataset).map((d, i): CdxDataset => ({
      ref: null, bomRef: attr(d, 'bom-ref'), name: text1(d.name), version: text1(d.version), purl: text1(d.purl), at: `${base}/dataset[${i + 1}]`,
    }));
    c.datasets = [...refs, ...inline];
  }
  return c;
}

/**
 * The CycloneDX version named by the root element's namespace, or null when the
 * text does not start with a CycloneDX <bom>. Looks only at the prolog and the
 * root start tag.
 */
export function cycloneDxXmlVersion(head: string): string | null {
  let i = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < head.length && /\s/.test(head[i]!)) i++;
    if (head.startsWith('<?', i)) {
      const end = head.indexOf('?>', i + 2);
      if (end < 0) return null;
      i = end + 2;
    } else if (head.startsWith('<!--', i)) {
      const end = head.indexOf('-->', i + 4);
      if (end < 0) return null;
      i = end + 3;
    } else if (head.startsWith('<!DOCTYPE', i)) {
      // Skipped here so that such a document is recognised and then refused with a clear reason.
      const bracket = head.indexOf('[', i);
      const close = head.indexOf('>', i);
      if (close < 0) return null;
      if (bracket >= 0 && bracket < close) {
        const end = head.indexOf(']', bracket);
        if (end < 0) return null;
        i = head.indexOf('>', end) + 1;
        if (i === 0) return null;
      } else {
        i = close + 1;
      }
    } else {
      break;
    }
  }
  const m = /^<(?:([A-Za-z_][\w.-]*):)?bom(?=[\s/>])([^>]*)>/.exec(head.slice(i, i + 4096));
  if (!m) return null;
  const prefix = m[1] ?? null;
  const attrs = m[2] ?? '';
  const decl = /xmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let d = decl.exec(attrs); d !== null; d = decl.exec(attrs)) {
    if ((d[1] ?? null) !== prefix) continue;
    const ns = NAMESPACE.exec((d[2] ?? d[3] ?? '').trim());
    return ns ? ns[1]! : null;
  }
  return null;
}

/**
 * Refuses any markup declaration (`<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT` …) outside
 * comments and CDATA sections. One linear pass over the `<!` occurrences.
 */
function refuseDtd(text: string): void {
  let i = text.indexOf('<!');
  while (i >= 0) {
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) return; // unterminated: the well-formedness check reports it
      i = text.indexOf('<!', end + 3);
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return;
      i = text.indexOf('<!', end + 3);
    } else {
      const what = /^<!([A-Za-z]+)/.exec(text.slice(i, i + 16))?.[1];
      // Anything else after `<!` (a cut-off `<![CD`) is for the well-formedness check to report.
      if (what === undefined) {
        i = text.indexOf('<!', i + 2);
        continue;
      }
      throw new IngestError('INVALID_DOCUMENT',
        `the XML contains a <!${what}> declaration; DTDs and entity declarations are refused (entity expansion and external entities are attack vectors, and CycloneDX XML needs none)`,
        describeOffset(text, i));
    }
  }
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
