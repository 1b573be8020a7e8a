/**
 * Validation of a CycloneDX document against the official schema for its
 * specVersion, with the schemas and spec facts shipped by
 * @cyclonedx/cyclonedx-library.
 *
 *   options.validate === 'strict'  → any violation fails the document with
 *                                    IngestError('SCHEMA_VIOLATION'), naming the
 *                                    JSON pointer / XPath of the first errors.
 *   default (lenient)              → violations become SCHEMA_VIOLATION warnings
 *                                    (at most MAX_SCHEMA_WARNINGS) and the document
 *                                    is read anyway. Validation costs about 20 ms
 *                                    per MB of JSON (docs/formats.md), a fraction of
 *                                    parsing and mapping, so it runs at every size.
 *
 * JSON: the library's official JSON schemas (the strict variants for 1.2/1.3,
 * as its JsonStrictValidator) compiled with the library's ajv options, except
 * that `uniqueItems` is checked in linear time (see jsonValidator), and run on
 * the already-parsed document rather than re-parsing the text.
 * XML: the library's XmlValidator needs the optional native module libxmljs2,
 * which this project does not install (no native builds). Without it, XML is
 * checked against the spec facts the library exposes per version (component
 * types, hash algorithms and values, external reference types) plus the
 * schema's required fields, and strict results carry a SCHEMA_VALIDATION_PARTIAL
 * warning saying so.
 */
import { Spec1dot2, Spec1dot3, Spec1dot4, Spec1dot5, Spec1dot6, Spec1dot7, Version } from '@cyclonedx/cyclonedx-library/Spec';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv, AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import type { IngestWarning } from '../../schema/ontology/batch.js';
import { IngestError, type DocumentInput } from '../parser.js';
import type { CdxBom, CdxComponent } from './model.js';

/** How many violations a lenient run keeps as warnings, and a strict failure names. */
export const MAX_SCHEMA_WARNINGS = 20;
const NAMED_IN_ERROR = 5;

export interface SchemaIssue {
  at: string;
  message: string;
}

/** The library's per-version spec facts (its `_SpecProtocol`, which is not exported by name). */
type SpecFacts = typeof Spec1dot6;

const SPECS: Readonly<Record<string, { version: Version; spec: SpecFacts }>> = {
  '1.2': { version: Version.v1dot2, spec: Spec1dot2 },
  '1.3': { version: Version.v1dot3, spec: Spec1dot3 },
  '1.4': { version: Version.v1dot4, spec: Spec1dot4 },
  '1.5': { version: Version.v1dot5, spec: Spec1dot5 },
  '1.6': { version: Version.v1dot6, spec: Spec1dot6 },
  '1.7': { version: Version.v1dot7, spec: Spec1dot7 },
};

/**
 * Runs the validation `input.options.validate` asks for. Returns the warnings to
 * add to the batch; throws IngestError('SCHEMA_VIOLATION') under strict.
 */
export async function schemaCheck(input: DocumentInput, bom: CdxBom): Promise<IngestWarning[]> {
  const strict = input.options.validate === 'strict';
  const known = Object.prototype.hasOwnProperty.call(SPECS, bom.specVersion) ? SPECS[bom.specVersion] : undefined;
  if (!known) {
    if (!strict) return [];
    throw new IngestError('SCHEMA_VIOLATION',
      `strict validation needs the official schema for CycloneDX ${bom.specVersion}, and there is none (known: ${Object.keys(SPECS).join(', ')})`, bom.specVersionAt);
  }
  const warnings: IngestWarning[] = [];
  let issues: SchemaIssue[];
  if (bom.format === 'cyclonedx-json') {
    issues = validateJson(input.json, bom.specVersion);
  } else {
    const xsd = await validateXmlText(input.text ?? input.bytes.toString('utf8'), known.version);
    if (xsd.available) {
      issues = xsd.issues;
    } else {
      issues = specIssues(bom, known.spec);
      if (strict) {
        warnings.push({
          code: 'SCHEMA_VALIDATION_PARTIAL',
          message: `the CycloneDX ${bom.specVersion} XSD was not applied (${xsd.reason}); the document was checked against the spec's required fields, component types, hash algorithms and values, and external reference types instead`,
        });
      }
    }
  }
  if (issues.length === 0) return warnings;
  const schemaName = `CycloneDX ${bom.specVersion} ${bom.format === 'cyclonedx-json' ? 'JSON schema' : 'XML schema'}`;
  if (strict) {
    const shown = issues.slice(0, NAMED_IN_ERROR).map((i) => `${i.at}: ${i.message}`).join('; ');
    const more = issues.length > NAMED_IN_ERROR ? `; and ${issues.length - NAMED_IN_ERROR} more` : '';
    throw new IngestError('SCHEMA_VIOLATION', `the document does not validate against the ${schemaName} (validate=strict): ${shown}${more}`, issues[0]!.at);
  }
  for (const i of issues.slice(0, MAX_SCHEMA_WARNINGS)) {
    warnings.push({ code: 'SCHEMA_VIOLATION', message: `${i.message} (${schemaName}; the document was read leniently)`, at: i.at });
  }
  if (issues.length > MAX_SCHEMA_WARNINGS) {
    warnings.push({ code: 'SCHEMA_VIOLATION', message: `${issues.length - MAX_SCHEMA_WARNINGS} more schema violations not shown` });
  }
  return warnings;
}

interface Validator {
  validate(data: string): Promise<unknown>;
}

const jsonValidators = new Map<string, ValidateFunction>();
const xmlValidators = new Map<Version, Validator>();
const require = createRequire(import.meta.url);

/**
 * The official JSON schema for `version` (the strict variants for 1.2/1.3, as
 * the library's JsonStrictValidator uses), compiled once per version with the
 * library's own ajv setup. One difference: ajv's `uniqueItems` compares every
 * pair of items (fast-deep-equal), which is quadratic and took minutes on a
 * 4 MB SBOM's `components`; it is replaced by a linear check with the same
 * meaning (items equal as JSON values, key order ignored).
 */
function jsonValidator(version: string): ValidateFunction {
  const cached = jsonValidators.get(version);
  if (cached) return cached;
  const dir = path.join(path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
  const load = (file: string): AnySchemaObject => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as AnySchemaObject;
  const AjvClass = require('ajv') as typeof import('ajv').default;
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  const addFormats2019 = require('ajv-formats-draft2019') as (ajv: Ajv, options: { formats: string[] }) => Ajv;
  const ajv = new AjvClass({
    useDefaults: false,
    strict: false,
    strictSchema: false,
    addUsedSchema: false,
    allErrors: true,
    schemas: {
      'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': load('spdx.SNAPSHOT.schema.json'),
      'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': load('cryptography-defs.SNAPSHOT.schema.json'),
      'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': load('jsf-0.82.SNAPSHOT.schema.json'),
    },
  });
  addFormats(ajv);
  addFormats2019(ajv, { formats: ['idn-email'] });
  // As the library does: there is no working implementation of iri-reference.
  ajv.addFormat('iri-reference', true);
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword({ keyword: 'uniqueItems', type: 'array', schemaType: 'boolean', errors: true, validate: uniqueItems });
  const file = version === '1.2' || version === '1.3' ? `bom-${version}-strict.SNAPSHOT.schema.json` : `bom-${version}.SNAPSHOT.schema.json`;
  const validate = ajv.compile(load(file));
  jsonValidators.set(version, validate);
  return validate;
}

interface KeywordFunction {
  (schemaValue: unknown, data: unknown): boolean;
  errors?: Array<Partial<ErrorObject>>;
}

const uniqueItems: KeywordFunction = (unique, data) => {
  if (unique !== true || !Array.isArray(data)) return true;
  const seen = new Map<string, number>();
  for (let i = 0; i < data.length; i++) {
    const key = canonicalJson(data[i]);
    const j = seen.get(key);
    if (j !== undefined) {
      uniqueItems.errors = [{ keyword: 'uniqueItems', message: `must NOT have duplicate items (items ## ${j} and ${i} are identical)`, params: { i: j, j: i } }];
      return false;
    }
    seen.set(key, i);
  }
  return true;
};

/** JSON text with object keys sorted, so equal values give equal strings. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Validates a parsed CycloneDX JSON document against the official schema for `version`. */
export function validateJson(json: unknown, version: string): SchemaIssue[] {
  const validate = jsonValidator(version);
  try {
    return validate(json) ? [] : ajvIssues(validate.errors ?? []);
  } catch (err) {
    if (err instanceof RangeError) return [{ at: '/', message: `could not be validated: ${err.message} (nested too deeply?)` }];
    throw err;
  }
}

/** Validates XML text with the library's XmlValidator, when its optional dependency is installed. */
export async function validateXmlText(text: string, version: Version): Promise<{ available: true; issues: SchemaIssue[] } | { available: false; reason: string }> {
  const lib = await import('@cyclonedx/cyclonedx-library/Validation');
  let v = xmlValidators.get(version);
  if (!v) {
    v = new lib.XmlValidator(version);
    xmlValidators.set(version, v);
  }
  try {
    const result = await v.validate(text);
    return { available: true, issues: result === null ? [] : libxmlIssues(result) };
  } catch (err) {
    if (err instanceof lib.MissingOptionalDependencyError) {
      return { available: false, reason: "@cyclonedx/cyclonedx-library's XML validator needs the optional native module libxmljs2, which is not installed" };
    }
    throw err;
  }
}

/** ajv errors → issues; with allErrors, oneOf/anyOf branches repeat the same message, so duplicates are dropped. */
function ajvIssues(result: unknown): SchemaIssue[] {
  const list = Array.isArray(result) ? result : [result];
  const seen = new Set<string>();
  return list.map((e): SchemaIssue => {
    if (typeof e !== 'object' || e === null) return { at: '/', message: String(e) };
    const o = e as Record<string, unknown>;
    const at = typeof o.instancePath === 'string' && o.instancePath !== '' ? o.instancePath : '/';
    let message = typeof o.message === 'string' ? o.message : 'is invalid';
    const params = typeof o.params === 'object' && o.params !== null ? (o.params as Record<string, unknown>) : {};
    if (Array.isArray(params.allowedValues)) message += ` (${params.allowedValues.slice(0, 12).map(String).join(', ')}${params.allowedValues.length > 12 ? ', …' : ''})`;
    else if (typeof params.additionalProperty === 'string') message += `: "${params.additionalProperty}"`;
    return { at, message };
  }).filter((i) => {
    const k = `${i.at}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function libxmlIssues(result: unknown): SchemaIssue[] {
  const list = Array.isArray(result) ? result : [result];
  return list.map((e): SchemaIssue => {
    const o = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
    const line = typeof o.line === 'number' ? `line ${o.line}` : '/';
    return { at: line, message: typeof o.message === 'string' ? o.message.trim() : String(e) };
  });
}

const SERIAL = /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * What can be checked without the XSD, from what the reader kept: the fields
 * the schema requires and the enumerations the library knows per version.
 * Linear in the number of components.
 */
export function specIssues(bom: CdxBom, spec: SpecFacts): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const add = (at: string, message: string): void => {
    if (issues.length <= MAX_SCHEMA_WARNINGS) issues.push({ at, message });
  };
  const root = bom.format === 'cyclonedx-xml' ? '/bom' : '';
  if (bom.serialNumber !== null && !SERIAL.test(bom.serialNumber)) add(`${root}/@serialNumber`, `serialNumber "${bom.serialNumber}" is not a urn:uuid`);
  if (bom.version !== null && bom.version < 1) add(`${root}/@version`, 'version must be 1 or more');
  const stack: CdxComponent[] = [];
  if (bom.subject) stack.push(bom.subject);
  for (const c of bom.components) stack.push(c);
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c.type === null) add(c.at, 'component has no type');
    else if (!spec.supportsComponentType(c.type)) add(c.at, `component type "${c.type}" is not a CycloneDX ${spec.version} component type`);
    if (c.name === null) add(c.at, 'component has no name');
    c.hashes.forEach((h, i) => {
      const at = bom.locate.hash(c.at, i);
      if (h.alg === null || !spec.supportsHashAlgorithm(h.alg)) add(at, `hash algorithm "${h.alg ?? ''}" is not a CycloneDX ${spec.version} algorithm`);
      else if (h.content === null || !spec.supportsHashValue(h.content)) add(at, `hash value "${h.content ?? ''}" is not a valid ${h.alg} value`);
    });
    for (const e of c.externalReferences) {
      if (e.type === null || !spec.supportsExternalReferenceType(e.type)) add(c.at, `external reference type "${e.type ?? ''}" is not a CycloneDX ${spec.version} type`);
      if (e.url === null) add(c.at, 'external reference has no url');
    }
    for (const l of c.licenses) {
      if (!l.expression && !l.id && !l.name) add(c.at, 'license has neither id nor name');
    }
    for (const list of [c.components, c.ancestors, c.descendants, c.variants]) for (const x of list) stack.push(x);
  }
  for (const d of bom.dependencies) if (d.ref === null) add(d.at, 'dependency has no ref');
  return issues;
}
