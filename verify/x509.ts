/**
 * X.509 certificate wrapper: Node's X509Certificate for signatures, names and
 * fingerprints; @sigstore/core's parser for the extensions Node does not expose
 * (key usage bits, basic constraints, Fulcio OIDC issuer).
 */
import crypto from 'node:crypto';
import { ASN1Obj, X509Certificate as CoreCertificate } from '@sigstore/core';
import { OmsSignatureError } from './error.js';
import { pemBlocks } from './keys.js';

export const EKU_CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
const OID_FULCIO_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';
const OID_FULCIO_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';

export interface Certificate {
  der: Buffer;
  node: crypto.X509Certificate;
  core: CoreCertificate;
  subject: string;
  issuer: string;
  /** sha256 hex of the DER. */
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints cA (false when the extension is absent). */
  isCA: boolean;
  hasBasicConstraints: boolean;
  pathLenConstraint: number | undefined;
  /** undefined when the keyUsage extension is absent. */
  keyUsage: { digitalSignature: boolean; keyCertSign: boolean } | undefined;
  /** undefined when the extendedKeyUsage extension is absent. */
  extKeyUsage: string[] | undefined;
  /** rfc822Name / URI / Node's SAN text. */
  san: string | undefined;
  /** Fulcio OIDC issuer extension, when present. */
  oidcIssuer: string | undefined;
}

function decodeExtKeyUsage(core: CoreCertificate): string[] | undefined {
  const ext = core.extension('2.5.29.37');
  if (!ext) return undefined;
  const seq = ext.valueObj.subs[0];
  return seq ? seq.subs.map((s) => s.toOID()) : [];
}

/** basicConstraints, decoded by hand: @sigstore/core chokes on `SEQUENCE { pathLen }` (cA omitted). */
function basicConstraints(core: CoreCertificate): { isCA: boolean; pathLen: number | undefined; present: boolean } {
  const ext = core.extension('2.5.29.19');
  if (!ext) return { isCA: false, pathLen: undefined, present: false };
  const seq = ext.valueObj.subs[0];
  let isCA = false;
  let pathLen: number | undefined;
  for (const item of seq?.subs ?? []) {
    if (item.tag.number === 1) isCA = item.toBoolean();
    else if (item.tag.number === 2) pathLen = Number(item.toInteger());
  }
  return { isCA, pathLen, present: true };
}

function fulcioIssuer(core: CoreCertificate): string | undefined {
  const v2 = core.extension(OID_FULCIO_ISSUER_V2);
  if (v2) {
    try {
      return ASN1Obj.parseBuffer(Buffer.from(v2.value)).value.toString('utf8');
    } catch {
      return v2.value.toString('utf8');
    }
  }
  const v1 = core.extension(OID_FULCIO_ISSUER_V1);
  return v1 ? Buffer.from(v1.value).toString('utf8') : undefined;
}

export function parseCertificate(der: Buffer, what = 'certificate'): Certificate {
  try {
    const node = new crypto.X509Certificate(der);
    const core = CoreCertificate.parse(Buffer.from(der));
    const bc = basicConstraints(core);
    const ku = core.extKeyUsage;
    const sanExt = core.extSubjectAltName;
    return {
      der: Buffer.from(der),
      node,
      core,
      subject: (node.subject ?? '').replace(/\n/g, ', '),
      issuer: (node.issuer ?? '').replace(/\n/g, ', '),
      fingerprint: crypto.createHash('sha256').update(der).digest('hex'),
      notBefore: core.notBefore,
      notAfter: core.notAfter,
      isCA: bc.isCA,
      hasBasicConstraints: bc.present,
      pathLenConstraint: bc.pathLen,
      keyUsage: ku ? { digitalSignature: ku.digitalSignature, keyCertSign: ku.keyCertSign } : undefined,
      extKeyUsage: decodeExtKeyUsage(core),
      san: sanExt?.rfc822Name ?? sanExt?.uri ?? node.subjectAltName ?? undefined,
      oidcIssuer: fulcioIssuer(core),
    };
  } catch (e) {
    if (e instanceof OmsSignatureError) throw e;
    throw new OmsSignatureError('CERTIFICATE_MALFORMED', `${what} is not a valid X.509 certificate: ${(e as Error).message}`);
  }
}

/** Parse every CERTIFICATE block in a PEM text (or a single DER certificate). */
export function parseCertificatesPem(input: string | Uint8Array, what = 'certificate'): Certificate[] {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  const blocks = pemBlocks(buf.toString('utf8'), 'CERTIFICATE');
  if (blocks.length === 0) return [parseCertificate(buf, what)];
  return blocks.map((pem, i) => {
    const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    return parseCertificate(Buffer.from(body, 'base64'), `${what} #${i + 1}`);
  });
}

/** True when `cert` names `issuer` as its issuer and `issuer`'s key verifies its signature. */
export function issuedBy(cert: Certificate, issuer: Certificate): boolean {
  if (!cert.core.issuer.equals(issuer.core.subject)) return false;
  try {
    return cert.node.verify(issuer.node.publicKey);
  } catch {
    return false;
  }
}
