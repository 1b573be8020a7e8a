/**
 * `supplygraph verify-model DIR` — verify an OpenSSF Model Signing (OMS) signature
 * offline and check the model files against the signed manifest.
 *
 * Exit codes: 0 = signature valid, signer trusted and every file matches;
 * 1 = verification failed (signature, trust or files); 2 = usage / I/O / config error.
 */
import fs from 'node:fs/promises';
import { UsageError } from '../usage-error.js';
import path from 'node:path';
import type { Command } from 'commander';
import {
  emptyTrustPolicy,
  IgnorePathError,
  resolveIgnorePaths,
  verifyModelFiles,
  verifyModelSignature,
  type ManifestVerification,
  type SignatureVerification,
  type TrustPolicy,
} from '../../../verify/index.js';
import { loadTrustConfig, TrustConfigError } from '../../trust/index.js';

export interface VerifyModelOptions {
  signature?: string;
  key?: string[];
  certificateChain?: string[];
  identity?: string;
  identityRegex?: string;
  issuer?: string;
  trustedRoot?: string[];
  trustConfig?: string;
  ignorePaths?: string[];
  ignoreUnsignedFiles?: boolean;
  json?: boolean;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface VerifyModelReport {
  ok: boolean;
  model: string;
  signaturePath: string;
  signature: SignatureVerification;
  manifest: ManifestVerification | null;
}


const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

async function readText(file: string, what: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Build the trust policy from --trust-config and the per-method flags. */
export async function policyFromOptions(opts: VerifyModelOptions): Promise<TrustPolicy> {
  const hasIdentity = opts.identity !== undefined || opts.identityRegex !== undefined;
  if (hasIdentity && !opts.issuer) throw new UsageError('--identity/--identity-regex needs --issuer (the OIDC issuer URL)');
  if (opts.issuer && !hasIdentity) throw new UsageError('--issuer needs --identity or --identity-regex');
  if (opts.identity !== undefined && opts.identityRegex !== undefined) throw new UsageError('give --identity or --identity-regex, not both');
  if (opts.trustedRoot?.length && !hasIdentity && !opts.trustConfig) throw new UsageError('--trusted-root is for Sigstore signatures: also give --identity and --issuer');
  const methods = [opts.key?.length ? '--key' : null, opts.certificateChain?.length ? '--certificate-chain' : null, hasIdentity ? '--identity' : null].filter(Boolean);
  if (methods.length > 1) throw new UsageError(`choose one verification method, not ${methods.join(' and ')} (use --trust-config to trust several)`);
  if (methods.length === 0 && !opts.trustConfig) {
    throw new UsageError('say whom to trust: --key PEM, --certificate-chain PEM..., --identity ID --issuer URL, or --trust-config FILE');
  }

  let policy: TrustPolicy = emptyTrustPolicy();
  if (opts.trustConfig) {
    try {
      policy = (await loadTrustConfig(opts.trustConfig)).policy;
    } catch (e) {
      if (e instanceof TrustConfigError) throw new UsageError(`invalid trust configuration: ${e.message}`);
      throw e;
    }
  } else {
    policy.sigstore.usePublicGood = !opts.trustedRoot?.length;
  }
  for (const k of opts.key ?? []) policy.keys.push({ name: path.basename(k), pem: await readText(k, 'public key') });
  for (const c of opts.certificateChain ?? []) policy.certificateAuthorities.push({ name: path.basename(c), pem: await readText(c, 'certificate chain') });
  for (const r of opts.trustedRoot ?? []) {
    const text = await readText(r, 'trusted root');
    try {
      policy.sigstore.trustedRoots.push(JSON.parse(text) as unknown);
    } catch (e) {
      throw new UsageError(`trusted root ${r} is not JSON: ${(e as Error).message}`);
    }
  }
  if (hasIdentity) {
    policy.sigstore.identities.push(
      opts.identity !== undefined ? { issuer: opts.issuer!, san: opts.identity } : { issuer: opts.issuer!, sanPattern: opts.identityRegex! },
    );
  }
  return policy;
}

function signerText(v: SignatureVerification): string {
  const s = v.signer;
  if (!s) return 'unknown';
  if (s.kind === 'key') return `key ${s.subject ? `'${s.subject}' ` : ''}(sha256 ${s.keyFingerprint ?? '?'})`;
  if (s.kind === 'oidc') return `${s.san ?? '?'} via ${s.issuer ?? '?'}`;
  return `${s.subject ?? '?'}${s.san ? ` <${s.san}>` : ''} issued by ${s.issuer ?? '?'}`;
}

function methodHint(v: SignatureVerification, opts: VerifyModelOptions): string | null {
  const method = v.signature?.method;
  if (!method || v.trust !== 'UNTRUSTED' || opts.trustConfig) return null;
  const given = opts.key?.length ? 'key' : opts.certificateChain?.length ? 'certificate' : 'sigstore';
  if (method === given) return null;
  const flag = method === 'key' ? '--key PEM' : method === 'certificate' ? '--certificate-chain PEM' : '--identity ID --issuer URL';
  return `This model was signed with the '${method}' method; verify it with ${flag}.`;
}

export function formatReport(r: VerifyModelReport, opts: VerifyModelOptions = {}): string {
  const v = r.signature;
  const lines: string[] = [];
  lines.push(`Signature: ${v.trust} (${v.reasonCode}) — ${v.reason}`);
  if (v.signature) {
    const sig = v.signature;
    lines.push(`  method ${sig.method}, format ${sig.formatVersion}, ${sig.resources.length} manifest entr${sig.resources.length === 1 ? 'y' : 'ies'}, root sha256 ${sig.rootDigest.digest}`);
  }
  if (v.signer) lines.push(`  signer ${signerText(v)}`);
  if (v.signature?.signedAt) lines.push(`  signed at ${v.signature.signedAt}`);
  const hint = methodHint(v, opts);
  if (hint) lines.push(`  ${hint}`);
  const m = r.manifest;
  if (!m) {
    lines.push('Model:     not checked (the signature is not trusted, so its manifest proves nothing)');
  } else {
    lines.push(`Model:     ${m.ok ? 'OK' : `FAILED (${m.reasonCode})`} — ${m.reason}`);
    for (const x of m.modified.slice(0, 20)) lines.push(`  modified  ${x.name}: expected ${x.algorithm} ${x.expected}, got ${x.actual}`);
    for (const x of m.missing.slice(0, 20)) lines.push(`  missing   ${x}`);
    for (const x of m.extra.slice(0, 20)) lines.push(`  unsigned  ${x}`);
    for (const x of m.problems.slice(0, 20)) lines.push(`  problem   ${x.message}`);
  }
  lines.push(r.ok ? `Verified: ${r.model} matches its signature and the signer is trusted.` : `NOT VERIFIED: do not use ${r.model} until the problem above is resolved.`);
  return lines.join('\n') + '\n';
}

/** Run the command; returns the exit code. Pure apart from file reads and `io`. */
export async function runVerifyModel(dir: string, opts: VerifyModelOptions, io: CliIo, now?: Date): Promise<number> {
  try {
    const st = await fs.stat(dir).catch(() => null);
    if (!st) throw new UsageError(`model path ${dir} does not exist`);
    const signaturePath = opts.signature ?? (st.isDirectory() ? path.join(dir, 'model.sig') : `${dir}.sig`);
    if (st.isDirectory() && opts.ignorePaths?.length) {
      try {
        await resolveIgnorePaths(dir, opts.ignorePaths);
      } catch (e) {
        if (e instanceof IgnorePathError) throw new UsageError(`--ignore-paths: ${e.message} (${e.code})`);
        throw e;
      }
    }
    const policy = await policyFromOptions(opts);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(signaturePath);
    } catch (e) {
      throw new UsageError(`cannot read signature ${signaturePath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}${opts.signature ? '' : ' (give it with --signature)'}`);
    }
    const signature = await verifyModelSignature(bytes, policy, now ? { now } : {});
    const manifest =
      signature.trust === 'TRUSTED' && signature.signature
        ? await verifyModelFiles(dir, signature.signature, {
            ignorePaths: opts.ignorePaths ?? [],
            ignoreUnsignedFiles: opts.ignoreUnsignedFiles ?? false,
            signaturePath,
          })
        : null;
    const report: VerifyModelReport = { ok: signature.trust === 'TRUSTED' && manifest?.ok === true, model: dir, signaturePath, signature, manifest };
    io.stdout(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, opts));
    return report.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`verify-model: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

const HELP_AFTER = `
Trust (choose one, or --trust-config for several):
  --key PEM                        signatures made with an EC private key (P-256/P-384/P-521)
  --certificate-chain PEM...       signatures made with a certificate; PEMs are the trusted CAs
  --identity ID --issuer URL       Sigstore keyless; public-good root unless --trusted-root

Exit status: 0 verified; 1 signature invalid, signer untrusted or files differ; 2 usage error.

Examples:
  supplygraph verify-model ./bert --signature bert.sig --key release.pub
  supplygraph verify-model ./bert --certificate-chain ca.pem --ignore-paths README.md
  supplygraph verify-model ./bert --identity alice@example.com --issuer https://accounts.google.com
  supplygraph verify-model ./bert --trust-config /etc/supplygraph/trust.yaml --json
`;

const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** Add `verify-model` to `program`. `io` defaults to process stdout/stderr; the exit code goes to process.exitCode. */
export function registerVerifyModel(program: Command, io: CliIo = processIo): void {
  program
    .command('verify-model')
    .description('Verify an OpenSSF Model Signing (OMS) signature offline and check the model files against it')
    .argument('<dir>', 'model directory (or the model file of a single-file model)')
    .option('-s, --signature <path>', 'signature bundle (default: DIR/model.sig)')
    .option('--key <pem>', 'trusted public key (PEM; text before the PEM block is ignored); repeatable', collect)
    .option('--certificate-chain <pem...>', 'trusted CA certificate(s) for certificate signatures')
    .option('--identity <san>', 'Sigstore: expected signer identity (email or URI), exact match')
    .option('--identity-regex <regex>', 'Sigstore: expected signer identity as a full-match regular expression')
    .option('--issuer <url>', 'Sigstore: expected OIDC issuer of the signer identity')
    .option('--trusted-root <json...>', 'Sigstore: TrustedRoot JSON of a private instance (replaces the public-good root)')
    .option('--trust-config <file>', 'YAML/JSON trust configuration (keys, CAs, identities, trusted roots)')
    .option('--ignore-paths <path...>', 'paths inside DIR (relative to DIR, or absolute) to leave out of the unsigned-file check')
    .option('--ignore-unsigned-files', 'do not fail for files the signature does not cover')
    .option('--json', 'print the full result as JSON')
    .addHelpText('after', HELP_AFTER)
    .action(async (dir: string, opts: VerifyModelOptions) => {
      process.exitCode = await runVerifyModel(dir, opts, io);
    });
}
