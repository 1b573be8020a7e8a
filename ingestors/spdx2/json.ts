/**
 * SPDX 2.2 / 2.3 JSON → the SPDX 2 model (./model.ts) → OntologyBatch (./map.ts).
 *
 * Structure is checked where a mistake would change meaning: the element
 * arrays must be arrays of objects, every package/file needs its SPDXID and
 * every relationship its three fields (IngestError INVALID_DOCUMENT with a JSON
 * pointer). Anything else that is malformed is skipped with a warning, and
 * unknown fields are ignored.
 */
import type { IngestWarning, OntologyBatch } from '../../schema/ontology/batch.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { arr, isObject, str, type JsonObject } from '../common/json.js';
import type { SpdxChecksum } from '../common/spdx.js';
import { mapSpdx2, type Spdx2MapResult } from './map.js';
import type { Spdx2Document, Spdx2ExternalRef, Spdx2File, Spdx2Package, Spdx2Relationship } from './model.js';

export const spdx2JsonParser: DocumentParser = {
  format: 'spdx2-json',
  kind: 'sbom',
  detect: (input) => isObject(input.json) && typeof input.json.spdxVersion === 'string' && input.json.spdxVersion.trim().startsWith('SPDX-2.'),
  parse: parseSpdx2Json,
};

export function parseSpdx2Json(input: DocumentInput): OntologyBatch {
  return mapSpdx2Json(input).batch;
}

/** The batch plus the per-relationship-type accounting (interop tests compare it with the document). */
export function mapSpdx2Json(input: DocumentInput): Spdx2MapResult {
  return mapSpdx2(readSpdx2Json(input.json), input, 'spdx2-json');
}

export function readSpdx2Json(json: unknown): Spdx2Document {
  if (!isObject(json)) throw new IngestError('INVALID_DOCUMENT', 'an SPDX 2 JSON document must be a JSON object');
  const spdxVersion = str(json.spdxVersion);
  if (spdxVersion === null) throw new IngestError('INVALID_DOCUMENT', 'missing "spdxVersion"', '/spdxVersion');
  const warnings: IngestWarning[] = [];
  const warn = (code: string, message: string, at: string): void => { warnings.push({ code, message, at }); };
  for (const field of ['packages', 'files', 'relationships', 'snippets', 'documentDescribes', 'externalDocumentRefs'] as const) {
    if (json[field] !== undefined && !Array.isArray(json[field])) throw new IngestError('INVALID_DOCUMENT', `"${field}" must be an array`, `/${field}`);
  }
  const creation = isObject(json.creationInfo) ? json.creationInfo : {};

  const packages: Spdx2Package[] = elements(json.packages, 'packages').map(({ obj, at }) => ({
    spdxId: requiredId(obj, at),
    name: str(obj.name),
    version: str(obj.versionInfo),
    supplier: str(obj.supplier),
    originator: str(obj.originator),
    downloadLocation: str(obj.downloadLocation),
    checksums: checksums(obj.checksums, `${at}/checksums`, warn),
    externalRefs: externalRefs(obj.externalRefs, `${at}/externalRefs`, warn),
    licenseConcluded: str(obj.licenseConcluded),
    licenseDeclared: str(obj.licenseDeclared),
    primaryPackagePurpose: str(obj.primaryPackagePurpose),
    hasFiles: idList(obj.hasFiles, `${at}/hasFiles`, warn),
    at,
  }));
  const files: Spdx2File[] = elements(json.files, 'files').map(({ obj, at }) => ({
    spdxId: requiredId(obj, at),
    fileName: str(obj.fileName),
    checksums: checksums(obj.checksums, `${at}/checksums`, warn),
    licenseConcluded: str(obj.licenseConcluded),
    at,
  }));
  const otherElementIds = elements(json.snippets, 'snippets').map(({ obj, at }) => requiredId(obj, at));
  const relationships: Spdx2Relationship[] = elements(json.relationships, 'relationships').map(({ obj, at }) => {
    const field = (name: string): string => {
      const v = str(obj[name]);
      if (v === null) throw new IngestError('INVALID_DOCUMENT', `relationship is missing "${name}"`, `${at}/${name}`);
      return v;
    };
    return { from: field('spdxElementId'), type: field('relationshipType').toUpperCase(), to: field('relatedSpdxElement'), at };
  });
  const externalDocumentRefs = elements(json.externalDocumentRefs, 'externalDocumentRefs').flatMap(({ obj, at }) => {
    const id = str(obj.externalDocumentId);
    if (id === null) {
      warn('INVALID_EXTERNAL_DOCUMENT_REF', 'external document reference without "externalDocumentId"; ignored', at);
      return [];
    }
    return [{ id, namespace: str(obj.spdxDocument) }];
  });

  return {
    spdxVersion,
    spdxId: str(json.SPDXID) ?? 'SPDXRef-DOCUMENT',
    name: str(json.name),
    namespace: str(json.documentNamespace),
    created: str(creation.created),
    creators: arr(creation.creators).filter((c): c is string => typeof c === 'string'),
    describes: idList(json.documentDescribes, '/documentDescribes', warn),
    externalDocumentRefs,
    packages,
    files,
    otherElementIds,
    relationships,
    warnings,
  };
}

function elements(v: unknown, field: string): Array<{ obj: JsonObject; at: string }> {
  const list = arr(v);
  const out: Array<{ obj: JsonObject; at: string }> = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const obj = list[i];
    if (!isObject(obj)) throw new IngestError('INVALID_DOCUMENT', `every entry of "${field}" must be an object`, `/${field}/${i}`);
    out[i] = { obj, at: `/${field}/${i}` };
  }
  return out;
}

function requiredId(obj: JsonObject, at: string): string {
  const id = str(obj.SPDXID);
  if (id === null) throw new IngestError('INVALID_DOCUMENT', 'element is missing "SPDXID"', `${at}/SPDXID`);
  return id;
}

type Warn = (code: string, message: string, at: string) => void;

function checksums(v: unknown, at: string, warn: Warn): SpdxChecksum[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    warn('INVALID_FIELD', '"checksums" is not an array; ignored', at);
    return [];
  }
  const out: SpdxChecksum[] = [];
  v.forEach((c, i) => {
    const algorithm = isObject(c) ? str(c.algorithm) : null;
    const value = isObject(c) ? str(c.checksumValue) : null;
    if (algorithm && value) out.push({ algorithm, value });
    else warn('INVALID_FIELD', 'checksum without "algorithm" and "checksumValue"; ignored', `${at}/${i}`);
  });
  return out;
}

function externalRefs(v: unknown, at: string, warn: Warn): Spdx2ExternalRef[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    warn('INVALID_FIELD', '"externalRefs" is not an array; ignored', at);
    return [];
  }
  const out: Spdx2ExternalRef[] = [];
  v.forEach((r, i) => {
    if (!isObject(r)) return warn('INVALID_FIELD', 'external reference is not an object; ignored', `${at}/${i}`);
    const type = str(r.referenceType);
    const locator = str(r.referenceLocator);
    if (type && locator) out.push({ category: str(r.referenceCategory) ?? '', type, locator });
    else warn('INVALID_FIELD', 'external reference without "referenceType" and "referenceLocator"; ignored', `${at}/${i}`);
  });
  return out;
}

function idList(v: unknown, at: string, warn: Warn): Array<{ ref: string; at: string }> {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    warn('INVALID_FIELD', 'expected an array of SPDXIDs; ignored', at);
    return [];
  }
  const out: Array<{ ref: string; at: string }> = [];
  v.forEach((id, i) => {
    const ref = str(id);
    if (ref) out.push({ ref, at: `${at}/${i}` });
    else warn('INVALID_FIELD', 'expected an SPDXID string; ignored', `${at}/${i}`);
  });
  return out;
}
