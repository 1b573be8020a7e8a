/**
 * Test-only OMS signer and PKI builders. Independent of the verifier under test:
 * it walks and hashes model files itself and assembles OMS v1.0/v1.1 bundles
 * (key, certificate and — through @sigstore/mock — Sigstore keyless).
 */
import crypto, { webcrypto } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { blake3 } from '@noble/hashes/blake3.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export type Curve = 'P-256' | 'P-384' | 'P-521';
export type HashType = 'sha256' | 'blake2b' | 'blake3';
export const PREDICATE = 'https://model_signing/signature/v1.0';
export const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const HASH_BY_CURVE: Record<Curve, string> = { 'P-256': 'sha256', 'P-384': 'sha384', 'P-521': 'sha512' };

// ---------------------------------------------------------------- model dirs

const tmpRoots: string[] = [];

/** Create a temporary model directory with the given files (relative path → content). */
export function makeModelDir(files: Record<string, string | Buffer>, prefix = 'oms-model-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpRoots.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

export function cleanupTmp(): void {
  for (const d of tmpRoots.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

function digest(hashType: HashType, data: Buffer): string {
  if (hashType === 'blake3') return Buffer.from(blake3(data)).toString('hex');
  return crypto.createHash(hashType === 'blake2b' ? 'blake2b512' : 'sha256').update(data).digest('hex');
}

export interface Resource {
  name: string;
  algorithm: string;
  digest: string;
}

export interface ManifestOptions {
  hashType?: HashType;
  shardSize?: number;
  ignore?: string[];
}

/** List and hash the model like a signer would (files or shards), sorted by name. */
export function buildResources(modelPath: string, opts: ManifestOptions = {}): Resource[] {
  const hashType = opts.hashType ?? 'sha256';
  const ignore = new Set(['.git', '.gitattributes', '.github', '.gitignore', 'model.sig', ...(opts.ignore ?? [])]);
  const files: Array<{ rel: string; abs: string }> = [];
  if (fs.statSync(modelPath).isFile()) {
    files.push({ rel: '.', abs: modelPath });
  } else {
    const walk = (relDir: string) => {
      for (const d of fs.readdirSync(path.join(modelPath, relDir), { withFileTypes: true })) {
        const rel = relDir ? `${relDir}/${d.name}` : d.name;
        if ([...ignore].some((i) => rel === i || rel.startsWith(i + '/'))) continue;
        if (d.isDirectory()) walk(rel);
        else if (d.isFile()) files.push({ rel, abs: path.join(modelPath, rel) });
      }
    };
    walk('');
  }
  const out: Resource[] = [];
  for (const f of files) {
    const data = fs.readFileSync(f.abs);
    if (opts.shardSize) {
      for (let start = 0; start < data.length; start += opts.shardSize) {
        const end = Math.min(start + opts.shardSize, data.length);
        out.push({ name: `${f.rel}:${start}:${end}`, algorithm: hashType, digest: digest(hashType, data.subarray(start, end)) });
      }
    } else {
      out.push({ name: f.rel, algorithm: hashType, digest: digest(hashType, data) });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface StatementOptions extends ManifestOptions {
  modelName?: string;
  /** v1.1 records ignore_paths; v1.0 does not. */
  format?: 'v1.0' | 'v1.1';
  predicateType?: string;
}

export function rootDigest(resources: Resource[]): string {
  const h = crypto.createHash('sha256');
  for (const r of resources) h.update(Buffer.from(r.digest, 'hex'));
  return h.digest('hex');
}

/** The in-toto statement (payload bytes) for a model. */
export function buildStatement(modelPath: string, opts: StatementOptions = {}): Buffer {
  const resources = buildResources(modelPath, opts);
  const serialization: Record<string, unknown> = {
    method: opts.shardSize ? 'shards' : 'files',
    hash_type: opts.hashType ?? 'sha256',
    allow_symlinks: false,
  };
  if (opts.shardSize) serialization.shard_size = opts.shardSize;
  if (opts.format === 'v1.1') serialization.ignore_paths = ['.git', '.gitattributes', '.github', '.gitignore', 'model.sig', ...(opts.ignore ?? [])];
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: opts.modelName ?? path.basename(modelPath), digest: { sha256: rootDigest(resources) } }],
    predicateType: opts.predicateType ?? PREDICATE,
    predicate: { serialization, resources },
  };
  return Buffer.from(JSON.stringify(statement, null, 2));
}

export function pae(payload: Buffer, type = PAYLOAD_TYPE): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${payload.length} `), payload]);
}

// ---------------------------------------------------------------- keys

export interface EcKey {
  curve: Curve;
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  publicPem: string;
}

export function genEcKey(curve: Curve = 'P-256'): EcKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: curve });
  return { curve, privateKey, publicKey, publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

export function signPae(key: EcKey, payload: Buffer, type = PAYLOAD_TYPE): Buffer {
  return crypto.sign(HASH_BY_CURVE[key.curve], pae(payload, type), key.privateKey);
}

export function keyHint(key: EcKey): string {
  return crypto.createHash('sha256').update(key.publicPem).digest('hex');
}

function envelope(payload: Buffer, sig: Buffer, keyid: string | null | undefined, type = PAYLOAD_TYPE) {
  const s: Record<string, unknown> = { sig: sig.toString('base64') };
  if (keyid !== undefined) s.keyid = keyid;
  return { payload: payload.toString('base64'), payloadType: type, signatures: [s] };
}

/** OMS key-method bundle: v1.0 embeds the PEM (rawBytes), v1.1 writes the hint. */
export function keyBundle(payload: Buffer, key: EcKey, format: 'v1.0' | 'v1.1' = 'v1.0'): Record<string, unknown> {
  const sig = signPae(key, payload);
  const publicKey =
    format === 'v1.1'
      ? { hint: keyHint(key) }
      : { rawBytes: Buffer.from(key.publicPem).toString('base64'), keyDetails: `PKIX_ECDSA_${key.curve.replace('-', '')}_SHA_${HASH_BY_CURVE[key.curve].slice(3)}` };
  return {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: format === 'v1.1' ? { publicKey, tlogEntries: [] } : { publicKey },
    dsseEnvelope: envelope(payload, sig, format === 'v1.1' ? '' : null),
  };
}

export function certBundle(payload: Buffer, key: EcKey, chain: Buffer[]): Record<string, unknown> {
  return {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { x509CertificateChain: { certificates: chain.map((c) => ({ rawBytes: c.toString('base64') })) }, tlogEntries: [] },
    dsseEnvelope: envelope(payload, signPae(key, payload), ''),
  };
}

export const toBytes = (bundle: unknown): Buffer => Buffer.from(JSON.stringify(bundle, null, 2));

// ---------------------------------------------------------------- PKI

type KeyAlg = 'EC' | 'RSA';

async function webKeys(alg: KeyAlg): Promise<webcrypto.CryptoKeyPair> {
  const params = alg === 'EC'
    ? { name: 'ECDSA', namedCurve: 'P-384' }
    : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  return (await webcrypto.subtle.generateKey(params, true, ['sign', 'verify'])) as unknown as webcrypto.CryptoKeyPair;
}

function signingAlg(alg: KeyAlg) {
  return alg === 'EC' ? { name: 'ECDSA', hash: 'SHA-384' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
}

export interface CertAuthority {
  cert: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
  alg: KeyAlg;
  pem: string;
  der: Buffer;
}

const DAY = 86_400_000;

export async function makeRootCA(opts: { alg?: KeyAlg; name?: string; notBefore?: Date; notAfter?: Date } = {}): Promise<CertAuthority> {
  const alg = opts.alg ?? 'RSA';
  const keys = await webKeys(alg);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: opts.name ?? `CN=Test Root ${alg}`,
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 365 * DAY),
    keys,
    signingAlgorithm: signingAlg(alg),
    extensions: [
      new x509.BasicConstraintsExtension(true, 2, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys, alg, pem: cert.toString('pem'), der: Buffer.from(cert.rawData) };
}

export async function makeIntermediateCA(
  issuer: CertAuthority,
  opts: { alg?: KeyAlg; name?: string; notBefore?: Date; notAfter?: Date; isCA?: boolean; keyCertSign?: boolean; pathLength?: number } = {},
): Promise<CertAuthority> {
  const alg = opts.alg ?? 'EC';
  const keys = await webKeys(alg);
  const usages = opts.keyCertSign === false ? x509.KeyUsageFlags.digitalSignature : x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;
  const cert = await x509.X509CertificateGenerator.create({
    subject: opts.name ?? `CN=Test Intermediate ${alg}`,
    issuer: issuer.cert.subject,
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 365 * DAY),
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: signingAlg(issuer.alg),
    extensions: [
      new x509.BasicConstraintsExtension(opts.isCA ?? true, opts.pathLength ?? 0, true),
      new x509.KeyUsagesExtension(usages, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
    ],
  });
  return { cert, keys, alg, pem: cert.toString('pem'), der: Buffer.from(cert.rawData) };
}

export interface LeafOptions {
  name?: string;
  email?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Defaults: digitalSignature keyUsage + codeSigning EKU. */
  keyUsage?: 'digitalSignature' | 'keyEncipherment' | 'none';
  eku?: 'codeSigning' | 'serverAuth' | 'none';
}

/** Issue a leaf certificate for an EC signing key. Returns its DER. */
export async function issueLeaf(issuer: CertAuthority, key: EcKey, opts: LeafOptions = {}): Promise<Buffer> {
  const publicKey = await webcrypto.subtle.importKey('spki', key.publicKey.export({ format: 'der', type: 'spki' }), { name: 'ECDSA', namedCurve: key.curve }, true, ['verify']);
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(false, undefined, true)];
  const ku = opts.keyUsage ?? 'digitalSignature';
  if (ku !== 'none') extensions.push(new x509.KeyUsagesExtension(ku === 'digitalSignature' ? x509.KeyUsageFlags.digitalSignature : x509.KeyUsageFlags.keyEncipherment, true));
  const eku = opts.eku ?? 'codeSigning';
  if (eku !== 'none') extensions.push(new x509.ExtendedKeyUsageExtension([eku === 'codeSigning' ? x509.ExtendedKeyUsage.codeSigning : x509.ExtendedKeyUsage.serverAuth]));
  if (opts.email) extensions.push(new x509.SubjectAlternativeNameExtension([{ type: 'email', value: opts.email }]));
  extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey));
  const cert = await x509.X509CertificateGenerator.create({
    subject: opts.name ?? 'CN=Model Signer',
    issuer: issuer.cert.subject,
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 30 * DAY),
    publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: signingAlg(issuer.alg),
    extensions,
  });
  return Buffer.from(cert.rawData);
}

export interface Pki {
  root: CertAuthority;
  intermediate: CertAuthority;
  leafKey: EcKey;
  leafDer: Buffer;
}

/** Root (RSA by default) → intermediate (EC) → leaf (EC signing key). */
export async function makePki(opts: { rootAlg?: KeyAlg; leafCurve?: Curve; leaf?: LeafOptions } = {}): Promise<Pki> {
  const root = await makeRootCA({ alg: opts.rootAlg ?? 'RSA' });
  const intermediate = await makeIntermediateCA(root, { alg: 'EC' });
  const leafKey = genEcKey(opts.leafCurve ?? 'P-384');
  const leafDer = await issueLeaf(intermediate, leafKey, { email: 'signer@example.com', ...opts.leaf });
  return { root, intermediate, leafKey, leafDer };
}

// ---------------------------------------------------------------- Sigstore (mock)

interface MockCA {
  rootCertificate: ArrayBufferView;
  issueCertificate(o: { publicKey: ArrayBufferView; subjectAltName: string; extensions?: Array<{ oid: string; value: string; legacy?: boolean }> }): Promise<ArrayBufferView>;
}
interface MockCTLog {
  publicKey: Buffer;
  logID: ArrayBufferView;
}
interface MockTLog {
  publicKey: Buffer;
  log(entry: object): Promise<Record<string, { body: string; integratedTime: number; logID: string; logIndex: number; verification: { signedEntryTimestamp: string; inclusionProof: { logIndex: number; treeSize: number; rootHash: string; hashes: string[]; checkpoint: string } } }>>;
}
interface MockModule {
  initializeCA(kp: { publicKey: crypto.KeyObject; privateKey: crypto.KeyObject }, ct?: MockCTLog): Promise<MockCA>;
  initializeCTLog(kp: { publicKey: crypto.KeyObject; privateKey: crypto.KeyObject }): Promise<MockCTLog>;
  initializeTLog(url: string, kp: { publicKey: crypto.KeyObject; privateKey: crypto.KeyObject }): Promise<MockTLog>;
}

export interface SigstoreInstance {
  trustedRoot: Record<string, unknown>;
  /** Keyless-sign a payload as `san` from OIDC issuer `issuer`; returns the bundle JSON. */
  sign(payload: Buffer, identity: { san: string; issuer: string }): Promise<Record<string, unknown>>;
}

const b64 = (v: ArrayBufferView | Buffer) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');

/** A private Sigstore instance (Fulcio + CT log + Rekor) made with @sigstore/mock, and its trusted root. */
export async function makeSigstoreInstance(): Promise<SigstoreInstance> {
  const require = createRequire(import.meta.url);
  const mock = require('@sigstore/mock') as MockModule;
  const kp = () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ctlog = await mock.initializeCTLog(kp());
  const ca = await mock.initializeCA(kp(), ctlog);
  const tlogKeys = kp();
  const tlog = await mock.initializeTLog('https://rekor.test.example', tlogKeys);
  const tlogDer = tlogKeys.publicKey.export({ format: 'der', type: 'spki' });
  const since = '2000-01-01T00:00:00Z';
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [{ baseUrl: 'https://rekor.test.example', hashAlgorithm: 'SHA2_256', publicKey: { rawBytes: tlogDer.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: since } }, logId: { keyId: crypto.createHash('sha256').update(tlogDer).digest('base64') } }],
    certificateAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'sigstore' }, uri: 'https://fulcio.test.example', certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] }, validFor: { start: since } }],
    ctlogs: [{ baseUrl: 'https://ctfe.test.example', hashAlgorithm: 'SHA2_256', publicKey: { rawBytes: ctlog.publicKey.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: since } }, logId: { keyId: b64(ctlog.logID) } }],
    timestampAuthorities: [],
  };

  const sign = async (payload: Buffer, identity: { san: string; issuer: string }) => {
    const key = genEcKey('P-256');
    const certDer = Buffer.from(
      b64(
        await ca.issueCertificate({
          publicKey: key.publicKey.export({ format: 'der', type: 'spki' }),
          subjectAltName: identity.san,
          extensions: [
            { oid: '1.3.6.1.4.1.57264.1.1', value: identity.issuer, legacy: true },
            { oid: '1.3.6.1.4.1.57264.1.8', value: identity.issuer },
          ],
        }),
      ),
      'base64',
    );
    const sig = signPae(key, payload);
    const certPem = new crypto.X509Certificate(certDer).toString();
    const entries = await tlog.log({
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: { algorithm: 'sha256', value: crypto.createHash('sha256').update(JSON.stringify(envelope(payload, sig, undefined))).digest('hex') },
        payloadHash: { algorithm: 'sha256', value: crypto.createHash('sha256').update(payload).digest('hex') },
        signatures: [{ signature: sig.toString('base64'), verifier: Buffer.from(certPem).toString('base64') }],
      },
    });
    const e = Object.values(entries)[0];
    const proof = e.verification.inclusionProof;
    return {
      mediaType: BUNDLE_MEDIA_TYPE,
      verificationMaterial: {
        certificate: { rawBytes: certDer.toString('base64') },
        tlogEntries: [
          {
            logIndex: String(e.logIndex),
            logId: { keyId: Buffer.from(e.logID, 'hex').toString('base64') },
            kindVersion: { kind: 'dsse', version: '0.0.1' },
            integratedTime: String(e.integratedTime),
            inclusionPromise: { signedEntryTimestamp: e.verification.signedEntryTimestamp },
            inclusionProof: {
              logIndex: String(proof.logIndex),
              rootHash: Buffer.from(proof.rootHash, 'hex').toString('base64'),
              treeSize: String(proof.treeSize),
              hashes: proof.hashes,
              checkpoint: { envelope: proof.checkpoint },
            },
            canonicalizedBody: e.body,
          },
        ],
        timestampVerificationData: {},
      },
      dsseEnvelope: envelope(payload, sig, undefined),
    };
  };
  return { trustedRoot, sign };
}

// ---------------------------------------------------------------- policies

export function keyPolicy(...keys: EcKey[]) {
  return {
    keys: keys.map((k, i) => ({ name: `key-${i}`, pem: k.publicPem })),
    certificateAuthorities: [],
    sigstore: { trustedRoots: [], usePublicGood: false, identities: [] },
  };
}

export function caPolicy(...cas: string[]) {
  return {
    keys: [],
    certificateAuthorities: cas.map((pem, i) => ({ name: `ca-${i}`, pem })),
    sigstore: { trustedRoots: [], usePublicGood: false, identities: [] },
  };
}

export function sigstorePolicy(trustedRoot: unknown, identities: Array<{ issuer: string; san?: string; sanPattern?: string }>) {
  return { keys: [], certificateAuthorities: [], sigstore: { trustedRoots: [trustedRoot], usePublicGood: false, identities } };
}
