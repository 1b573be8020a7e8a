/** Public data types of the OMS verifier. See index.ts for the API overview. */
import type { ManifestReasonCode, SignatureReasonCode } from './error.js';

export type SignatureTrust = 'TRUSTED' | 'UNTRUSTED' | 'INVALID';
export type SigningMethod = 'key' | 'certificate' | 'sigstore';

export interface SignerIdentity {
  kind: 'key' | 'certificate' | 'oidc';
  /** sha256 hex of the signer's SubjectPublicKeyInfo DER. */
  keyFingerprint?: string;
  /** Certificate subject DN (certificate / oidc), or the configured key's name (key). */
  subject?: string;
  /** Certificate subject alternative name (email, URI, ...). */
  san?: string;
  /** OIDC issuer (oidc) or certificate issuer DN (certificate). */
  issuer?: string;
  /** sha256 hex of the leaf certificate DER. */
  certificateFingerprint?: string;
}

export interface ManifestEntry {
  /** Relative POSIX path, `path:start:end` for shards, or `.` for a single-file model (v0.3–v1.0). */
  name: string;
  /** 'sha256' | 'blake2b' | 'blake3' | ... */
  algorithm: string;
  /** lowercase hex */
  digest: string;
}

export interface SerializationInfo {
  /** 'files' | 'shards' */
  method: string;
  hashType?: string;
  shardSize?: number;
  allowSymlinks?: boolean;
  ignorePaths?: string[];
}

/** What the bundle says, parsed and self-consistent, before any trust decision. */
export interface ModelSignature {
  /** 'v0.2' | 'v1.0' (v0.3.x–v1.0.x, indistinguishable) | 'v1.1' */
  formatVersion: string;
  bundleMediaType?: string;
  predicateType: string;
  method: SigningMethod;
  /** subject[0].name (informational only). Absent for v0.2. */
  modelName?: string;
  /** subject[0].digest.sha256; for v0.2 (no root) it is derived: sha256 over the digests sorted by name. */
  rootDigest: { algorithm: string; digest: string };
  serialization?: SerializationInfo;
  resources: ManifestEntry[];
  /**
   * ISO time of signing. In `parseModelSignature` output this is what the bundle claims
   * (tlog integratedTime / RFC 3161 time); in `verifyModelSignature` output it is only set
   * when that time was verified (Sigstore path), otherwise removed.
   */
  signedAt?: string;
}

export interface SignatureVerification {
  /** The parsed bundle; null when it could not be parsed. Only rely on it when trust === 'TRUSTED'. */
  signature: ModelSignature | null;
  trust: SignatureTrust;
  reasonCode: SignatureReasonCode;
  /** One human sentence (or two) saying what happened and what to do. */
  reason: string;
  /** Who signed; null when the signature itself is INVALID. */
  signer: SignerIdentity | null;
  verifiedAt: string;
}

export interface TrustPolicy {
  keys: Array<{ name?: string; pem: string }>;
  certificateAuthorities: Array<{ name?: string; pem: string }>;
  sigstore: {
    /** Sigstore TrustedRoot JSON documents (private instances). */
    trustedRoots: Array<unknown>;
    /** Add the public-good trusted root shipped in @sigstore/tuf (seeds.json). */
    usePublicGood: boolean;
    identities: Array<{ issuer: string; san?: string; sanPattern?: string }>;
  };
}

export interface VerifyModelSignatureOptions {
  /** Clock used for certificate validity (certificate method) and `verifiedAt`. */
  now?: Date;
}

export interface VerifyModelFilesOptions {
  /** Extra paths (relative to the model root) to exclude from the unsigned-file check. */
  ignorePaths?: string[];
  /** Do not fail for files on disk that the manifest does not list. */
  ignoreUnsignedFiles?: boolean;
  /** Path of the signature file; excluded when it lies inside the model directory. */
  signaturePath?: string;
  /** Parallel hashing jobs (default: min(4, available cores)). */
  concurrency?: number;
}

export interface ModifiedEntry {
  name: string;
  algorithm: string;
  expected: string;
  /** Recomputed digest, or a short note such as 'shard out of range'. */
  actual: string;
}

export interface ManifestProblem {
  path: string;
  code: ManifestReasonCode;
  message: string;
}

export interface ManifestVerification {
  ok: boolean;
  reasonCode: ManifestReasonCode;
  reason: string;
  /** Manifest entries whose recomputed digest matched. */
  matched: number;
  /** Manifest entries (names) with no file on disk. */
  missing: string[];
  /** Files on disk (relative paths) that the manifest does not cover. */
  extra: string[];
  modified: ModifiedEntry[];
  /** Files on disk skipped by ignore rules (defaults, signature, ignore_paths, caller's). */
  ignored: string[];
  /** Unreadable files, disallowed symlinks, special files... */
  problems: ManifestProblem[];
  /** The effective ignore list that was applied (relative paths). */
  ignorePaths: string[];
}
