/**
 * CycloneDX JSON (1.2–1.6; later versions read leniently): reads the parsed
 * JSON into the format-neutral CdxBom, which mapper.ts turns into ontology.
 * Nesting is walked with an explicit queue: hostile documents nest thousands deep.
 */
import type { OntologyBatch } from '../../schema/ontology/batch.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { int, isObject, objects, str, arr, type JsonObject } from '../common/json.js';
import { mapCycloneDx } from './mapper.js';
import { emptyComponent, type CdxBom, type CdxComponent, type CdxDataset, type CdxDependency, type CdxLocator } from './model.js';
import { schemaCheck } from './validate.js';
import { withVex } from './with-vex.js';

export const cycloneDxJsonParser: DocumentParser = {
  format: 'cyclonedx-json',
  kind: 'sbom',
  detect: (input) => isObject(input.json) && input.json.bomFormat === 'CycloneDX',
  parse: parseCycloneDxJsonDocument,
};

/** The full parse the worker runs: schema validation per `options.validate`, then inventory and VEX. */
export async function parseCycloneDxJsonDocument(input: DocumentInput): Promise<OntologyBatch> {
  const bom = readCycloneDxJson(input.json);
  const warnings = await schemaCheck(input, bom);
  return withVex(mapCycloneDx(bom, input, warnings), input);
}

/** Inventory and VEX, no schema validation (synchronous; what tests and tools use). */
export function parseCycloneDxJson(input: DocumentInput): OntologyBatch {
  return withVex(mapCycloneDx(readCycloneDxJson(input.json), input), input);
}

const LOCATE: CdxLocator = {
  hash: (at, i) => `${at}/hashes/${i}`,
  dependsOn: (at, i) => `${at}/dependsOn/${i}`,
  provides: (at, i) => `${at}/provides/${i}`,
};

export function readCycloneDxJson(json: unknown): CdxBom {
  if (!isObject(json)) throw new IngestError('INVALID_DOCUMENT', 'a CycloneDX document must be a JSON object');
  const specVersion = str(json.specVersion);
  if (specVersion === null) throw new IngestError('INVALID_DOCUMENT', 'missing "specVersion"', '/specVersion');
  if (json.components !== undefined && !Array.isArray(json.components)) {
    throw new IngestError('INVALID_DOCUMENT', '"components" must be an array', '/components');
  }
  if (json.dependencies !== undefined && !Array.isArray(json.dependencies)) {
    throw new IngestError('INVALID_DOCUMENT', '"dependencies" must be an array', '/dependencies');
  }
  const metadata = isObject(json.metadata) ? json.metadata : {};

  // Each component is read shallowly when first seen; its sub-components are
  // read when its turn in the queue comes, so no recursion at any depth.
  const work: Array<{ raw: JsonObject; c: CdxComponent } | undefined> = [];
  const read = (raw: JsonObject, at: string): CdxComponent => {
    const c = readComponent(raw, at);
    work.push({ raw, c });
    return c;
  };
  const subject = isObject(metadata.component) ? read(metadata.component, '/metadata/component') : null;
  const components = objects(json.components).map((raw, i) => read(raw, `/components/${i}`));
  for (let i = 0; i < work.length; i++) {
    const { raw, c } = work[i]!;
    work[i] = undefined;
    c.components = objects(raw.components).map((child, j) => read(child, `${c.at}/components/${j}`));
    if (isObject(raw.pedigree)) {
      const p = raw.pedigree;
      c.ancestors = objects(p.ancestors).map((a, j) => read(a, `${c.at}/pedigree/ancestors/${j}`));
      c.descendants = objects(p.descendants).map((d, j) => read(d, `${c.at}/pedigree/descendants/${j}`));
      c.variants = objects(p.variants).map((v, j) => read(v, `${c.at}/pedigree/variants/${j}`));
    }
  }

  const dependencies: CdxDependency[] = objects(json.dependencies).map((d, i) => ({
    ref: str(d.ref),
    dependsOn: refList(d.dependsOn),
    provides: refList(d.provides),
    at: `/dependencies/${i}`,
  }));

  return {
    format: 'cyclonedx-json',
    specVersion,
    specVersionAt: '/specVersion',
    serialNumber: str(json.serialNumber),
    version: int(json.version),
    timestamp: str(metadata.timestamp),
    subject,
    components,
    dependencies,
    locate: LOCATE,
  };
}

function readComponent(raw: JsonObject, at: string): CdxComponent {
  const c = emptyComponent(at, at);
  c.type = str(raw.type);
  c.bomRef = str(raw['bom-ref']);
  c.name = str(raw.name);
  c.group = str(raw.group);
  c.version = str(raw.version);
  c.purl = str(raw.purl);
  c.cpe = str(raw.cpe);
  c.scope = str(raw.scope);
  c.hashes = arr(raw.hashes).map((h) => (isObject(h) ? { alg: str(h.alg), content: str(h.content) } : { alg: null, content: null }));
  for (const l of objects(raw.licenses)) {
    if (isObject(l.license)) {
      c.licenses.push({ id: str(l.license.id), name: str(l.license.name), expression: null, acknowledgement: str(l.license.acknowledgement) });
    } else if (str(l.expression)) {
      c.licenses.push({ id: null, name: null, expression: str(l.expression), acknowledgement: str(l.acknowledgement) });
    }
  }
  c.externalReferences = objects(raw.externalReferences).map((e) => ({ type: str(e.type), url: str(e.url) }));
  if (isObject(raw.modelCard)) {
    const params = isObject(raw.modelCard.modelParameters) ? raw.modelCard.modelParameters : {};
    c.datasets = objects(params.datasets).map((ds, i): CdxDataset => ({
      ref: str(ds.ref),
      bomRef: str(ds['bom-ref']),
      name: str(ds.name),
      version: str(ds.version),
      purl: str(ds.purl),
      at: `${at}/modelCard/modelParameters/datasets/${i}`,
    }));
  }
  return c;
}

/** dependsOn / provides: strings in every version; objects with `ref` tolerated. */
function refList(v: unknown): Array<string | null> {
  return arr(v).map((t) => (typeof t === 'string' ? str(t) : isObject(t) ? str(t.ref) : null));
}
