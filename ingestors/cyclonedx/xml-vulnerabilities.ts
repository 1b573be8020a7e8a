/**
 * The `<vulnerabilities>` of a CycloneDX XML BOM (1.4+: VEX and VDR), read into
 * the shape the CycloneDX JSON specification gives them, so the one VEX
 * reading (../cyclonedx-vex/vex.ts) serves both syntaxes and the same BOM in
 * XML and in JSON yields the same facts. The two schemas are isomorphic; XML
 * only wraps repeated items in a container (`<ratings><rating>`,
 * `<affects><target>`, `<analysis><responses><response>`) and writes numbers
 * as text, which is what is undone here.
 *
 * What cannot be said in JSON is checked here, following vex.ts for its JSON
 * equivalent: text where elements belong fails the document (as a
 * vulnerability that is not an object does), misplaced elements and scores
 * that are not numbers are warnings. Everything else (a missing id, an
 * unknown analysis state, a dangling ref…) is judged by vex.ts, and its
 * JSON-pointer positions are turned back into XPaths by `xmlPosition`.
 */
import { MAX_WARNINGS, type IngestWarning } from '../../schema/ontology/batch.js';
import type { JsonObject } from '../common/json.js';
import { truncate } from '../common/advisory.js';
import { IngestError } from '../parser.js';
import type { CdxBom, CdxComponent } from './model.js';
import { attr, hasChildElements, list, node, nodes, text1, type XmlNode } from './xml-nodes.js';

export interface XmlVulnerabilities {
  /** `vulnerabilities[]` in the JSON shape, one entry per `<vulnerability>`, in document order. */
  vulnerabilities: JsonObject[];
  warnings: IngestWarning[];
}

const AT = '/bom/vulnerabilities';
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Null when the BOM has no `<vulnerabilities>`. */
export function readXmlVulnerabilities(root: XmlNode): XmlVulnerabilities | null {
  const containers = list(root.vulnerabilities);
  if (containers.length === 0) return null;
  if (containers.length > 1) {
    throw new IngestError('INVALID_DOCUMENT', 'the BOM has more than one <vulnerabilities> element; CycloneDX allows one', `${AT}[2]`);
  }
  const container = node(containers[0]) ?? {};
  const items = nodes(container.vulnerability);
  if (items.length === 0 && text1(container) !== null) {
    throw new IngestError('INVALID_DOCUMENT', '<vulnerabilities> must hold <vulnerability> elements, not text', AT);
  }
  const warnings: IngestWarning[] = [];
  const warn = (code: string, message: string, at: string): void => {
    if (warnings.length < MAX_WARNINGS) warnings.push({ code, message, at });
  };
  for (const name of childElements(container)) {
    if (name !== 'vulnerability') warn('INVALID_VULNERABILITY', `<${truncate(name)}> is not a <vulnerability>; ignored`, `${AT}/${truncate(name)}[1]`);
  }
  const vulnerabilities = items.map((v, i) => readVulnerability(v, `${AT}/vulnerability[${i + 1}]`, warn));
  return { vulnerabilities, warnings };
}

type Warn = (code: string, message: string, at: string) => void;

function readVulnerability(v: XmlNode, at: string, warn: Warn): JsonObject {
  if (!hasChildElements(v) && text1(v) !== null) {
    throw new IngestError('INVALID_DOCUMENT', 'a <vulnerability> must hold elements (id, analysis, affects…), not text', at);
  }
  const out: JsonObject = {};
  put(out, 'bom-ref', attr(v, 'bom-ref'));
  put(out, 'id', text1(v.id));
  put(out, 'source', source(v.source));
  put(out, 'references', listOf(v.references, 'reference', (r) => {
    const ref: JsonObject = {};
    put(ref, 'id', text1(r.id));
    put(ref, 'source', source(r.source));
    return ref;
  }));
  put(out, 'ratings', listOf(v.ratings, 'rating', (r, k) => {
    const rating: JsonObject = {};
    put(rating, 'source', source(r.source));
    const score = text1(r.score);
    if (score !== null && !DECIMAL.test(score)) {
      warn('INVALID_SCORE', `rating score "${truncate(score)}" is not a number; the rating is kept without it`, `${at}/ratings/rating[${k + 1}]/score`);
    }
    put(rating, 'score', score !== null && DECIMAL.test(score) ? Number(score) : score);
    for (const f of ['severity', 'method', 'vector', 'justification']) put(rating, f, text1(r[f]));
    return rating;
  }));
  put(out, 'cwes', listOf(v.cwes, 'cwe', (c) => {
    const cwe = text1(c);
    return cwe !== null && /^\d{1,9}$/.test(cwe) ? Number(cwe) : cwe;
  }));
  for (const f of ['description', 'detail', 'recommendation', 'workaround', 'created', 'published', 'updated', 'rejected']) put(out, f, text1(v[f]));
  put(out, 'advisories', listOf(v.advisories, 'advisory', (a) => {
    const advisory: JsonObject = {};
    put(advisory, 'title', text1(a.title));
    put(advisory, 'url', text1(a.url));
    return advisory;
  }));
  const analysis = node(v.analysis);
  if (analysis) {
    const a: JsonObject = {};
    for (const f of ['state', 'justification', 'detail', 'firstIssued', 'lastUpdated']) put(a, f, text1(analysis[f]));
    put(a, 'response', listOf(analysis.responses, 'response', (r) => text1(r)));
    out.analysis = a;
  }
  const affects = node(v.affects);
  if (affects) {
    for (const name of childElements(affects)) {
      if (name !== 'target') warn('INVALID_AFFECTS', `<${truncate(name)}> directly under <affects>; each product is an <affects><target><ref>; ignored`, `${at}/affects/${truncate(name)}[1]`);
    }
    out.affects = nodes(affects.target).map((t) => {
      const target: JsonObject = {};
      put(target, 'ref', text1(t.ref));
      put(target, 'versions', listOf(t.versions, 'version', (x) => {
        const version: JsonObject = {};
        for (const f of ['version', 'range', 'status']) put(version, f, text1(x[f]));
        return version;
      }));
      return target;
    });
  }
  return out;
}

/**
 * `<name><item/>…</name>` as a JSON array; undefined when `<name>` is absent, so
 * "absent" and "empty" stay apart as they are in JSON (vex.ts tells them apart).
 */
function listOf(v: unknown, item: string, read: (o: XmlNode, index: number) => unknown): unknown[] | undefined {
  const c = node(v);
  return c ? nodes(c[item]).map(read) : undefined;
}

function source(v: unknown): JsonObject | undefined {
  const s = node(v);
  if (!s) return undefined;
  const out: JsonObject = {};
  put(out, 'name', text1(s.name));
  put(out, 'url', text1(s.url));
  return out;
}

function put(o: JsonObject, key: string, value: unknown): void {
  if (value !== undefined && value !== null) o[key] = value;
}

function childElements(o: XmlNode): string[] {
  return Object.keys(o).filter((k) => k !== '#text' && !k.startsWith('@_'));
}

/**
 * The XML BOM as the VEX reading sees a JSON one: its identity, the components
 * a `ref` can name (bom-ref, identity fields, nesting) and the vulnerabilities.
 */
export function vexView(bom: CdxBom, vulnerabilities: JsonObject[]): JsonObject {
  const metadata: JsonObject = {};
  put(metadata, 'timestamp', bom.timestamp);
  if (bom.subject) metadata.component = componentViews([bom.subject])[0];
  return {
    bomFormat: 'CycloneDX',
    specVersion: bom.specVersion,
    ...(bom.serialNumber !== null ? { serialNumber: bom.serialNumber } : {}),
    ...(bom.version !== null ? { version: bom.version } : {}),
    metadata,
    components: componentViews(bom.components),
    vulnerabilities,
  };
}

/** Breadth-first, like the readers: nesting depth never becomes recursion depth. */
function componentViews(top: CdxComponent[]): JsonObject[] {
  const queue: Array<{ c: CdxComponent; o: JsonObject }> = [];
  const shallow = (c: CdxComponent): JsonObject => {
    const o: JsonObject = {};
    put(o, 'type', c.type);
    put(o, 'bom-ref', c.bomRef);
    for (const [k, v] of [['group', c.group], ['name', c.name], ['version', c.version], ['purl', c.purl]] as const) put(o, k, v);
    queue.push({ c, o });
    return o;
  };
  const out = top.map(shallow);
  for (let i = 0; i < queue.length; i++) {
    const { c, o } = queue[i]!;
    if (c.components.length > 0) o.components = c.components.map(shallow);
  }
  return out;
}

/** JSON array name → the XML container and item elements holding it. */
const XML_LISTS: Readonly<Record<string, readonly [string, string]>> = {
  vulnerabilities: ['vulnerabilities', 'vulnerability'],
  components: ['components', 'component'],
  affects: ['affects', 'target'],
  versions: ['versions', 'version'],
  references: ['references', 'reference'],
  ratings: ['ratings', 'rating'],
  cwes: ['cwes', 'cwe'],
  advisories: ['advisories', 'advisory'],
  response: ['responses', 'response'],
};

/**
 * A JSON pointer into `vexView`'s shape → the XPath of the same place in the
 * XML (`/vulnerabilities/0/affects/1/versions/2/range` →
 * `/bom/vulnerabilities/vulnerability[1]/affects/target[2]/versions/version[3]/range`).
 * Positions line up because every item element is kept, in document order.
 */
export function xmlPosition(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  let out = '/bom';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const index = parts[i + 1];
    const xml = Object.prototype.hasOwnProperty.call(XML_LISTS, part) ? XML_LISTS[part] : undefined;
    if (xml && index !== undefined && /^\d+$/.test(index)) {
      out += `/${xml[0]}/${xml[1]}[${Number(index) + 1}]`;
      i++;
    } else {
      out += part === '' ? '' : `/${part}`;
    }
  }
  return out;
}
