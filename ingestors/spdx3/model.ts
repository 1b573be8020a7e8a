/**
 * Reading an SPDX 3 JSON-LD document (compact form, the serialisation the
 * SPDX 3.0 JSON schema defines) into an index of elements and relationships.
 * Type names are normalised to the compact spelling (`software_Package`) so
 * a document that writes full IRIs (`https://spdx.org/rdf/3.0.1/terms/Software/Package`)
 * reads the same. Duplicate `spdxId`s (real documents have them) keep the first
 * element and warn.
 */
import type { IngestWarning } from '../../schema/ontology/batch.js';
import { IngestError } from '../parser.js';
import { isObject, str, type JsonObject } from '../common/json.js';

export interface Spdx3Element {
  /** `spdxId` (or `@id`); null for anonymous nodes. */
  id: string | null;
  /** Compact type name: `software_Package`, `ai_AIPackage`, `Relationship`, … */
  type: string;
  obj: JsonObject;
  /** JSON pointer: `/@graph/<i>`. */
  at: string;
}

export interface Spdx3Relationship {
  /** `dependsOn`, `contains`, … (last segment when written as an IRI). */
  type: string;
  from: string;
  to: Array<{ ref: string; at: string }>;
  /** LifecycleScopedRelationship `scope` (build, development, runtime, test, design, other). */
  scope: string | null;
  at: string;
}

export interface Spdx3Graph {
  elements: Spdx3Element[];
  /** First element per id. */
  byId: Map<string, Spdx3Element>;
  relationships: Spdx3Relationship[];
  warnings: IngestWarning[];
}

const IRI_TYPE = /^https?:\/\/spdx\.org\/rdf\/3\.[0-9.]+\/terms\/([A-Za-z]+)\/([A-Za-z0-9_]+)$/;

export function compactType(t: string): string {
  const m = IRI_TYPE.exec(t);
  if (!m) return t;
  return m[1] === 'Core' ? m[2]! : `${m[1]!.toLowerCase()}_${m[2]!}`;
}

/** An element reference: an id string, or an embedded object's `spdxId`/`@id`. */
export function refOf(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (isObject(v)) return str(v.spdxId) ?? str(v['@id']);
  return null;
}

/** Relationship element types: Relationship, LifecycleScopedRelationship and the security assessment ones. */
export function isRelationshipType(type: string): boolean {
  return type === 'Relationship' || type.endsWith('Relationship');
}

export function contextMentionsSpdx3(context: unknown): boolean {
  if (typeof context === 'string') return context.includes('spdx.org/rdf/3');
  if (Array.isArray(context)) return context.some(contextMentionsSpdx3);
  if (isObject(context)) return JSON.stringify(context).includes('spdx.org/rdf/3');
  return false;
}

export function readSpdx3Graph(json: unknown): Spdx3Graph {
  if (!isObject(json)) throw new IngestError('INVALID_DOCUMENT', 'an SPDX 3 JSON-LD document must be a JSON object');
  if (!Array.isArray(json['@graph'])) throw new IngestError('INVALID_DOCUMENT', '"@graph" must be an array', '/@graph');
  const graph = json['@graph'] as unknown[];
  const warnings: IngestWarning[] = [];
  const elements: Spdx3Element[] = [];
  const byId = new Map<string, Spdx3Element>();
  const relationships: Spdx3Relationship[] = [];
  for (let i = 0; i < graph.length; i++) {
    const obj = graph[i];
    const at = `/@graph/${i}`;
    if (!isObject(obj)) throw new IngestError('INVALID_DOCUMENT', 'every "@graph" entry must be an object', at);
    const rawType = str(obj.type) ?? str(obj['@type']);
    if (rawType === null) {
      warnings.push({ code: 'UNTYPED_ELEMENT', message: 'element without "type"; ignored', at });
      continue;
    }
    const type = compactType(rawType);
    const id = str(obj.spdxId) ?? str(obj['@id']);
    if (id !== null) {
      if (byId.has(id)) {
        warnings.push({ code: 'DUPLICATE_SPDXID', message: `spdxId "${id}" is declared more than once (${byId.get(id)!.type} at ${byId.get(id)!.at}, ${type} here); the first is kept`, at });
        continue;
      }
    }
    const el: Spdx3Element = { id, type, obj, at };
    elements.push(el);
    if (id !== null) byId.set(id, el);
    if (isRelationshipType(type)) relationships.push(readRelationship(obj, at));
  }
  return { elements, byId, relationships, warnings };
}

function readRelationship(obj: JsonObject, at: string): Spdx3Relationship {
  const rawType = str(obj.relationshipType);
  if (rawType === null) throw new IngestError('INVALID_DOCUMENT', 'relationship is missing "relationshipType"', `${at}/relationshipType`);
  const from = refOf(obj.from);
  if (from === null) throw new IngestError('INVALID_DOCUMENT', 'relationship is missing "from"', `${at}/from`);
  if (obj.to === undefined) throw new IngestError('INVALID_DOCUMENT', 'relationship is missing "to"', `${at}/to`);
  const toList = Array.isArray(obj.to) ? obj.to : [obj.to];
  const to = toList.map((t, j) => {
    const ref = refOf(t);
    const where = Array.isArray(obj.to) ? `${at}/to/${j}` : `${at}/to`;
    if (ref === null) throw new IngestError('INVALID_DOCUMENT', 'relationship "to" entries must be element ids', where);
    return { ref, at: where };
  });
  const slash = rawType.lastIndexOf('/');
  const type = slash >= 0 ? rawType.slice(slash + 1) : rawType;
  const scope = str(obj.scope);
  return { type, from, to, scope: scope === null ? null : scope.slice(scope.lastIndexOf('/') + 1), at };
}
