/**
 * An OMS model signature (`model.sig`) → the model, its files, the signature
 * with its verification outcome, and the signer.
 *
 * The signature is verified here against the trust policy in the parse
 * context (offline); all three outcomes are stored — TRUSTED, UNTRUSTED
 * (valid signature, signer not trusted) and INVALID — and only TRUSTED counts
 * as "signed" in queries. Facts from an INVALID signature (its manifest) are
 * not asserted about the model: a forged bundle must not be able to attach
 * files to a model; only the Signature node and its SIGNS edge to the claimed
 * root digest are kept, as evidence.
 *
 * Model identity: the producer's metadata (`meta.purl` / `meta.name` on upload)
 * wins, then the signature's subject name; the root digest is always linked so
 * an SBOM that lists the same files meets the same model (services/worker).
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import { artifactKey, documentKey, modelKey, signerIdentityKey } from '../../schema/identity/keys.js';
import { tryParsePurl, formatPurl } from '../../schema/identity/purl.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { emptyTrustPolicy, trustPolicyDigest, verifyModelSignature, type SignatureVerification } from '../../verify/index.js';
import { isOmsSignature } from '../../verify/envelope.js';

export const omsSignatureParser: DocumentParser = {
  format: 'oms-signature',
  kind: 'signature',
  detect: (input) => isOmsSignature(input.json),
  parse: parseOmsSignature,
};

export async function parseOmsSignature(input: DocumentInput): Promise<OntologyBatch> {
  const policy = input.context?.trustPolicy ?? emptyTrustPolicy();
  const verification = await verifyModelSignature(input.bytes, policy);
  const sig = verification.signature;
  if (!sig) throw new IngestError('INVALID_DOCUMENT', `not a readable model signature: ${verification.reason}`);
  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };

  const rootKey = artifactKey(sig.rootDigest.algorithm, sig.rootDigest.digest);
  const root = rootKey ? b.node('Artifact', { key: rootKey, algorithm: rootKey.split(':')[0]!, digest: rootKey.split(':')[1]! }) : null;

  const signature = b.node('Signature', {
    key: `sig:${input.sha256}`,
    method: sig.method,
    predicateType: sig.predicateType,
    formatVersion: sig.formatVersion,
    trust: verification.trust,
    reasonCode: verification.reasonCode,
    reason: verification.reason,
    signedAt: sig.signedAt ?? null,
    verifiedAt: verification.verifiedAt,
    rootDigest: rootKey,
    trustDigest: trustPolicyDigest(policy),
  });
  b.edge('LISTS', doc, signature, { ref: null, componentType: 'signature', scope: null });
  if (root) b.edge('SIGNS', signature, root);

  let model: NodeRef | null = null;
  if (verification.trust !== 'INVALID') {
    model = addModel(b, input, verification);
    b.edge('LISTS', doc, model, { ref: null, componentType: 'machine-learning-model', scope: null });
    b.edge('DESCRIBES', doc, model);
    b.edge('SIGNS', signature, model);
    if (root) b.edge('HAS_DIGEST', model, root);
    sig.resources.forEach((r, i) => {
      const key = artifactKey(r.algorithm === 'blake2b' ? 'blake2b-512' : r.algorithm, r.digest);
      if (!key) {
        b.warn('INVALID_HASH', `manifest entry "${r.name}" has an unusable digest ${r.algorithm}:${r.digest.slice(0, 16)}…`, `/resources/${i}`);
        return;
      }
      const file = b.node('Artifact', { key, algorithm: key.split(':')[0]!, digest: key.split(':')[1]! });
      b.edge('HAS_FILE', model!, file, { path: r.name });
    });
    if (verification.signer) {
      const s = verification.signer;
      const identity = b.node('SignerIdentity', {
        key: signerIdentityKey({ kind: s.kind, keyFingerprint: s.keyFingerprint, subject: s.subject, san: s.san, issuer: s.issuer }),
        kind: s.kind,
        keyFingerprint: s.keyFingerprint ?? null,
        subject: s.subject ?? null,
        san: s.san ?? null,
        issuer: s.issuer ?? null,
      });
      b.edge('SIGNED_BY', signature, identity);
    }
  } else {
    b.warn('SIGNATURE_INVALID', `the signature is invalid (${verification.reasonCode}): ${verification.reason}; its manifest is not recorded`);
  }

  return b.build({
    key: docKey,
    sha256: input.sha256,
    kind: 'signature',
    format: 'oms-signature',
    specVersion: sig.predicateType,
    name: model ? (b.getNode('Model', model.key)?.name ?? null) : (sig.modelName ?? null),
    serialNumber: null,
    bomVersion: null,
    createdAt: sig.signedAt ?? null,
    ingestedAt: input.ingestedAt,
    byteSize: input.bytes.byteLength,
    componentCount: verification.trust === 'INVALID' ? 0 : sig.resources.length,
    warningCount: 0,
    state: 'complete',
  });
}

function addModel(b: BatchBuilder, input: DocumentInput, v: SignatureVerification): NodeRef {
  const meta = input.options.metadata ?? {};
  let purl: string | null = null;
  if (meta.purl) {
    const r = tryParsePurl(meta.purl, { lenient: true });
    if (r.ok) purl = formatPurl({ ...r.purl, subpath: null });
    else b.warn('INVALID_PURL', `job metadata purl "${meta.purl}" is invalid: ${r.error.message}; the model is identified by name`);
  }
  const subjectName = v.signature?.modelName && v.signature.modelName !== '.' ? v.signature.modelName : null;
  const name = meta.name ?? subjectName ?? (purl ? purl : `sha256:${v.signature!.rootDigest.digest}`);
  const key = purl ?? (meta.name || subjectName ? modelKey({ name }) : `model:digest:${v.signature!.rootDigest.algorithm}:${v.signature!.rootDigest.digest}`);
  return b.node('Model', { key, name, purl, version: purl ? (tryParsePurl(purl, { lenient: true }).ok ? null : null) : null, synthetic: purl === null });
}
