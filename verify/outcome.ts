/** The internal result every signing-method verifier returns. */
import type { InvalidReasonCode, TrustedReasonCode, UntrustedReasonCode } from './error.js';
import type { SignerIdentity } from './types.js';

export type MethodOutcome =
  | { trust: 'TRUSTED'; reasonCode: TrustedReasonCode; reason: string; signer: SignerIdentity; signedAt?: string }
  | { trust: 'UNTRUSTED'; reasonCode: UntrustedReasonCode; reason: string; signer: SignerIdentity | null; signedAt?: string }
  | { trust: 'INVALID'; reasonCode: InvalidReasonCode; reason: string; signer: null };

export const invalid = (reasonCode: InvalidReasonCode, reason: string): MethodOutcome => ({ trust: 'INVALID', reasonCode, reason, signer: null });

export const untrusted = (reasonCode: UntrustedReasonCode, reason: string, signer: SignerIdentity | null, signedAt?: string): MethodOutcome => ({
  trust: 'UNTRUSTED',
  reasonCode,
  reason,
  signer,
  ...(signedAt ? { signedAt } : {}),
});

export const trusted = (reason: string, signer: SignerIdentity, signedAt?: string): MethodOutcome => ({
  trust: 'TRUSTED',
  reasonCode: 'VERIFIED',
  reason,
  signer,
  ...(signedAt ? { signedAt } : {}),
});
