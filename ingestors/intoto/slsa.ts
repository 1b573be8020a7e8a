/**
 * SLSA provenance predicates → one shape (BuildFacts) the statement parser maps
 * to the ontology. Reads v0.1, v0.2 and v1; fields not listed here are ignored.
 *
 *   v0.2                                   v1                                          BuildFacts
 *   builder.id                             runDetails.builder.id                       builderId
 *   buildType                              buildDefinition.buildType                   buildType
 *   metadata.buildInvocationId             runDetails.metadata.invocationId            invocationId
 *   metadata.buildStartedOn/FinishedOn     runDetails.metadata.startedOn/finishedOn    createdAt
 *   invocation.configSource {uri, digest}  externalParameters.workflow / .source       sources
 *   materials[] {uri, digest}              buildDefinition.resolvedDependencies[]      materials
 * (v0.1: recipe.type is the build type; it has no configSource.)
 */
import { IngestError } from '../parser.js';
import { arr, isObject, str, type JsonObject } from '../common/json.js';

export const SLSA_PROVENANCE_V01 = 'https://slsa.dev/provenance/v0.1';
export const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';

export interface SourceRef {
  uri: string;
  digest: unknown;
  /** A ref given separately from the URI (v1 `externalParameters.workflow.ref`). */
  ref: string | null;
  at: string;
}

export interface MaterialRef {
  descriptor: JsonObject;
  at: string;
}

export interface BuildFacts {
  builderId: string | null;
  builderAt: string;
  buildType: string | null;
  invocationId: string | null;
  createdAt: string | null;
  sources: SourceRef[];
  materials: MaterialRef[];
  /** Entries of the materials list that are not objects (pointer of each). */
  badMaterials: string[];
}

export function isSlsaProvenance(predicateType: string): boolean {
  return predicateType === SLSA_PROVENANCE_V01 || predicateType === SLSA_PROVENANCE_V02 || predicateType === SLSA_PROVENANCE_V1;
}

/** `at(p)` turns a pointer inside the statement into one inside the document. */
export function readProvenance(predicateType: string, predicate: unknown, at: (p: string) => string): BuildFacts {
  if (!isObject(predicate)) throw new IngestError('INVALID_DOCUMENT', `a ${predicateType} statement needs a "predicate" object`, at('/predicate'));
  return predicateType === SLSA_PROVENANCE_V1 ? readV1(predicate, at) : readV0(predicateType, predicate, at);
}

function readV0(predicateType: string, p: JsonObject, at: (p: string) => string): BuildFacts {
  const builder = isObject(p.builder) ? p.builder : {};
  const metadata = isObject(p.metadata) ? p.metadata : {};
  const invocation = isObject(p.invocation) ? p.invocation : {};
  const recipe = isObject(p.recipe) ? p.recipe : {};
  const sources: SourceRef[] = [];
  if (predicateType === SLSA_PROVENANCE_V02 && isObject(invocation.configSource)) {
    const uri = str(invocation.configSource.uri);
    if (uri) sources.push({ uri, digest: invocation.configSource.digest, ref: null, at: at('/predicate/invocation/configSource') });
  }
  const { materials, bad } = list(p.materials, at('/predicate/materials'));
  return {
    builderId: str(builder.id),
    builderAt: at('/predicate/builder/id'),
    buildType: predicateType === SLSA_PROVENANCE_V02 ? str(p.buildType) : str(recipe.type),
    // The spec spells it buildInvocationId; some producers (the Kubernetes release tooling) write buildInvocationID.
    invocationId: str(metadata.buildInvocationId) ?? str(metadata.buildInvocationID),
    createdAt: str(metadata.buildStartedOn) ?? str(metadata.buildFinishedOn),
    sources,
    materials,
    badMaterials: bad,
  };
}

function readV1(p: JsonObject, at: (p: string) => string): BuildFacts {
  const def = isObject(p.buildDefinition) ? p.buildDefinition : {};
  const run = isObject(p.runDetails) ? p.runDetails : {};
  const builder = isObject(run.builder) ? run.builder : {};
  const metadata = isObject(run.metadata) ? run.metadata : {};
  const ext = isObject(def.externalParameters) ? def.externalParameters : {};
  const sources: SourceRef[] = [];
  // GitHub Actions build types: externalParameters.workflow = { repository, ref, path }.
  if (isObject(ext.workflow)) {
    const uri = str(ext.workflow.repository);
    if (uri) sources.push({ uri, digest: undefined, ref: str(ext.workflow.ref), at: at('/predicate/buildDefinition/externalParameters/workflow') });
  }
  // Build types that name their source as a URI or a resource descriptor.
  if (typeof ext.source === 'string' && str(ext.source)) {
    sources.push({ uri: str(ext.source)!, digest: undefined, ref: null, at: at('/predicate/buildDefinition/externalParameters/source') });
  } else if (isObject(ext.source) && str(ext.source.uri)) {
    sources.push({ uri: str(ext.source.uri)!, digest: ext.source.digest, ref: null, at: at('/predicate/buildDefinition/externalParameters/source') });
  }
  const { materials, bad } = list(def.resolvedDependencies, at('/predicate/buildDefinition/resolvedDependencies'));
  return {
    builderId: str(builder.id),
    builderAt: at('/predicate/runDetails/builder/id'),
    buildType: str(def.buildType),
    invocationId: str(metadata.invocationId),
    createdAt: str(metadata.startedOn) ?? str(metadata.finishedOn),
    sources,
    materials,
    badMaterials: bad,
  };
}

function list(v: unknown, at: string): { materials: MaterialRef[]; bad: string[] } {
  if (v !== undefined && v !== null && !Array.isArray(v)) throw new IngestError('INVALID_DOCUMENT', 'must be an array', at);
  const materials: MaterialRef[] = [];
  const bad: string[] = [];
  arr(v).forEach((m, i) => {
    if (isObject(m)) materials.push({ descriptor: m, at: `${at}/${i}` });
    else bad.push(`${at}/${i}`);
  });
  return { materials, bad };
}
