/**
 * Sigstore trusted roots, offline: the public-good root embedded in
 * @sigstore/tuf's `seeds.json` (no TUF refresh, no network), and TrustedRoot
 * JSON documents for private instances, merged into one @sigstore/verify
 * TrustMaterial.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';

const PUBLIC_GOOD_TUF_URL = 'https://tuf-repo-cdn.sigstore.dev';
let publicGood: unknown | undefined;

/** The public-good TrustedRoot JSON shipped inside @sigstore/tuf (cached). */
export function publicGoodTrustedRoot(): unknown {
  if (publicGood !== undefined) return publicGood;
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@sigstore/tuf');
  const seedsPath = path.join(path.dirname(entry), '..', 'seeds.json');
  const seeds = JSON.parse(fs.readFileSync(seedsPath, 'utf8')) as Record<string, { targets?: Record<string, string> }>;
  const target = seeds[PUBLIC_GOOD_TUF_URL]?.targets?.['trusted_root.json'];
  if (typeof target !== 'string') throw new Error(`${seedsPath} has no trusted_root.json for ${PUBLIC_GOOD_TUF_URL}`);
  publicGood = JSON.parse(Buffer.from(target, 'base64').toString('utf8')) as unknown;
  return publicGood;
}

/** Validate that a JSON value looks like a Sigstore TrustedRoot; returns an error sentence or null. */
export function checkTrustedRootJson(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'a trusted root must be a JSON object';
  const o = json as Record<string, unknown>;
  if (typeof o.mediaType !== 'string' || !o.mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
    return `mediaType must be a Sigstore trusted root media type (got ${JSON.stringify(o.mediaType)})`;
  }
  for (const k of ['tlogs', 'certificateAuthorities']) {
    if (!Array.isArray(o[k]) || (o[k] as unknown[]).length === 0) return `'${k}' must be a non-empty array`;
  }
  try {
    toTrustMaterial(TrustedRoot.fromJSON(json));
  } catch (e) {
    return `not a usable trusted root: ${(e as Error).message}`;
  }
  return null;
}

export function mergedTrustMaterial(roots: unknown[]): TrustMaterial {
  const materials = roots.map((r) => toTrustMaterial(TrustedRoot.fromJSON(r)));
  return {
    certificateAuthorities: materials.flatMap((m) => m.certificateAuthorities),
    timestampAuthorities: materials.flatMap((m) => m.timestampAuthorities),
    tlogs: materials.flatMap((m) => m.tlogs),
    ctlogs: materials.flatMap((m) => m.ctlogs),
    publicKey: () => {
      throw new Error('keyless verification does not use public-key hints');
    },
  };
}
