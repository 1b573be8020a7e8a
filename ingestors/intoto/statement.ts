/**
 * in-toto attestations (Statement v0.1 / v1; bare, in a DSSE envelope, or in a
 * Sigstore bundle) → one OntologyBatch. docs/provenance.md has the full table.
 *
 *   subject[] {name, digest}      → Artifact per digest (sha256 primary); purl name → PackageVersion
 *                                   HAS_DIGEST each; Document DESCRIBES the primary (and the package)
 *   SLSA builder id               → Builder; primary subject BUILT_BY {buildType, invocationId}
 *   SLSA materials / resolvedDeps → git URI: SourceRepository; else Artifact (+ PackageVersion for
 *                                   purls); primary subject BUILT_FROM {uri, revision}
 *   SLSA configSource / workflow  → primary subject HAS_SOURCE {revision}
 *   other predicate types         → subjects only, warning UNSUPPORTED_PREDICATE
 *
 * Envelope signatures are never verified here (warning SIGNATURE_NOT_VERIFIED); OMS
 * model-signing statements (`https://model_signing/…`) belong to the OMS parser.
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import { builderKey, documentKey } from '../../schema/identity/keys.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { isObject, str, type JsonObject } from '../common/json.js';
import { detectInToto, unwrapStatement } from './envelope.js';
import { isOmsPredicate, isStatementType, STATEMENT_V01, STATEMENT_V1 } from '../../verify/envelope.js';
import { isSlsaProvenance, readProvenance, type BuildFacts } from './slsa.js';
import { addDigestSet, addGitSource, addPurl, isGitUri, truncate } from './resources.js';

export const IN_TOTO_FORMAT = 'in-toto';

export const inTotoParser: DocumentParser = {
  format: IN_TOTO_FORMAT,
  kind: 'attestation',
  detect: (input) => detectInToto(input.json),
  parse: parseInToto,
};

interface Subject {
  /** The node BUILT_BY / BUILT_FROM / HAS_SOURCE start from: the primary digest's Artifact, else the package. */
  anchor: NodeRef;
}

export function parseInToto(input: DocumentInput): OntologyBatch {
  const unwrapped = unwrapStatement(input.json);
  const s = unwrapped.statement;
  const at = (p: string): string => `${unwrapped.base}${p}`;
  if (!isStatementType(s._type)) {
    throw new IngestError('INVALID_DOCUMENT', `"_type" must be ${STATEMENT_V01} or ${STATEMENT_V1}, not ${JSON.stringify(s._type ?? null)}`, at('/_type'));
  }
  const predicateType = str(s.predicateType);
  if (predicateType === null) throw new IngestError('INVALID_DOCUMENT', 'missing "predicateType"', at('/predicateType'));
  if (isOmsPredicate(predicateType)) {
    throw new IngestError('UNSUPPORTED_FORMAT', `${predicateType} is an OpenSSF Model Signing signature; it is read (and verified) by the OMS parser, not as a generic in-toto attestation`, at('/predicateType'));
  }
  if (!Array.isArray(s.subject) || s.subject.length === 0) {
    throw new IngestError('INVALID_DOCUMENT', 'an in-toto Statement needs a non-empty "subject" array', at('/subject'));
  }

  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };

  if (unwrapped.signatureCount > 0) {
    const where = unwrapped.wrapping === 'sigstore-bundle' ? '/dsseEnvelope/signatures' : '/signatures';
    b.warn('SIGNATURE_NOT_VERIFIED',
      `the ${unwrapped.wrapping === 'sigstore-bundle' ? 'Sigstore bundle' : 'DSSE envelope'} carries ${unwrapped.signatureCount} signature(s); ` +
      'they were not verified, so nothing in this document is recorded as signed', where);
  }

  let componentCount = 0;
  const subjects: Subject[] = [];
  s.subject.forEach((entry, i) => {
    const where = at(`/subject/${i}`);
    if (!isObject(entry)) throw new IngestError('INVALID_DOCUMENT', 'a subject must be an object with "name" and "digest"', where);
    const subject = addSubject(b, doc, entry, where);
    if (subject) {
      subjects.push(subject);
      componentCount += 1;
    }
  });

  let createdAt: string | null = null;
  if (isSlsaProvenance(predicateType)) {
    const facts = readProvenance(predicateType, s.predicate, at);
    createdAt = facts.createdAt;
    componentCount += addProvenance(b, doc, subjects.map((x) => x.anchor), facts);
  } else {
    b.warn('UNSUPPORTED_PREDICATE', `predicate type ${truncate(predicateType)} is not mapped; only the statement's subjects were recorded`, at('/predicateType'));
  }

  const first = s.subject[0] as JsonObject;
  return b.build({
    key: docKey,
    sha256: input.sha256,
    kind: 'attestation',
    format: IN_TOTO_FORMAT,
    specVersion: predicateType,
    name: str(first.name) ?? str(first.uri),
    serialNumber: null,
    bomVersion: null,
    createdAt,
    ingestedAt: input.ingestedAt,
    byteSize: input.bytes.byteLength,
    componentCount,
    warningCount: 0,
    state: 'complete',
  });
}

function addSubject(b: BatchBuilder, doc: NodeRef, entry: JsonObject, at: string): Subject | null {
  const name = str(entry.name);
  const uri = str(entry.uri);
  const ref = name ?? uri ?? at;
  const digests = addDigestSet(b, entry.digest, `${at}/digest`);
  const pkg = addPurl(b, name, `${at}/name`) ?? addPurl(b, uri, `${at}/uri`);
  for (const a of digests.all) b.edge('LISTS', doc, a, { ref, componentType: 'subject' });
  if (digests.primary) b.edge('DESCRIBES', doc, digests.primary);
  if (pkg) {
    b.edge('LISTS', doc, pkg, { ref, componentType: 'subject' });
    b.edge('DESCRIBES', doc, pkg);
    for (const a of digests.all) b.edge('HAS_DIGEST', pkg, a);
  }
  const anchor = digests.primary ?? pkg;
  if (anchor === null) {
    b.warn('SUBJECT_WITHOUT_DIGEST', `subject "${truncate(ref)}" has no usable digest and is not a purl; skipped`, at);
    return null;
  }
  if (digests.primary === null) b.warn('SUBJECT_WITHOUT_DIGEST', `subject "${truncate(ref)}" has no usable digest; recorded as its package only`, at);
  return { anchor };
}

/** Builder, sources and materials; returns how many materials became nodes. */
function addProvenance(b: BatchBuilder, doc: NodeRef, anchors: NodeRef[], facts: BuildFacts): number {
  if (facts.builderId) {
    const builder = b.node('Builder', { key: builderKey(facts.builderId), builderId: facts.builderId });
    b.edge('LISTS', doc, builder, { ref: facts.builderId, componentType: 'builder' });
    for (const a of anchors) b.edge('BUILT_BY', a, builder, { buildType: facts.buildType, invocationId: facts.invocationId });
  } else {
    b.warn('MISSING_BUILDER', 'the provenance names no builder id; no BUILT_BY edges were recorded', facts.builderAt);
  }

  // Commits the materials pin, so a configSource / workflow naming the same repository by ref gets the commit.
  const commits = new Map<string, string>();
  let count = 0;
  for (const m of facts.materials) {
    const d = m.descriptor;
    const uri = str(d.uri);
    const name = str(d.name);
    const ref = uri ?? name ?? m.at;
    if (uri && isGitUri(uri, d.digest)) {
      const { repo, commit, ref: gitRef } = addGitSource(b, uri, d.digest, m.at);
      const revision = commit ?? gitRef;
      if (commit) commits.set(repo.key, commit);
      b.edge('LISTS', doc, repo, { ref, componentType: 'material' });
      for (const a of anchors) b.edge('BUILT_FROM', a, repo, { uri, revision });
      count += 1;
      continue;
    }
    const digests = addDigestSet(b, d.digest, `${m.at}/digest`);
    const pkg = addPurl(b, uri, `${m.at}/uri`) ?? addPurl(b, name, `${m.at}/name`);
    for (const a of digests.all) b.edge('LISTS', doc, a, { ref, componentType: 'material' });
    if (pkg) {
      b.edge('LISTS', doc, pkg, { ref, componentType: 'material' });
      for (const a of digests.all) b.edge('HAS_DIGEST', pkg, a);
    }
    if (digests.primary) {
      for (const a of anchors) b.edge('BUILT_FROM', a, digests.primary, { uri: uri ?? name, revision: null });
    } else {
      b.warn('MATERIAL_WITHOUT_DIGEST', `material "${truncate(ref)}" has no usable digest${pkg ? '; recorded as a listed package only' : ''}; no BUILT_FROM edge`, m.at);
    }
    if (digests.primary || pkg) count += 1;
  }
  for (const at of facts.badMaterials) b.warn('INVALID_MATERIAL', 'a material must be an object with "uri" and "digest"; skipped', at);

  for (const src of facts.sources) {
    const { repo, commit, ref: gitRef } = addGitSource(b, src.uri, src.digest, src.at);
    b.edge('LISTS', doc, repo, { ref: src.uri, componentType: 'source' });
    const revision = commit ?? commits.get(repo.key) ?? gitRef ?? src.ref;
    for (const a of anchors) b.edge('HAS_SOURCE', a, repo, { revision });
  }
  return count;
}
