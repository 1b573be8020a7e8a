/**
 * CSAF advisories' detached OpenPGP signatures (`<advisory>.asc`), checked
 * against the provider's public key from the importer's `publicKey` file.
 * The hash file proves the download is whole; only the signature proves the
 * provider wrote it.
 */
import { readFile } from 'node:fs/promises';
import { createMessage, readKeys, readSignature, verify, type Key } from 'openpgp';
import { EntryError, ImporterError } from './errors.js';

export async function loadPublicKeys(file: string): Promise<Key[]> {
  let armored: string;
  try {
    armored = await readFile(file, 'utf8');
  } catch (err) {
    throw new ImporterError('SIGNING_KEY_INVALID', `cannot read the OpenPGP public key ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return await readKeys({ armoredKeys: armored });
  } catch (err) {
    throw new ImporterError('SIGNING_KEY_INVALID', `${file} is not an armored OpenPGP public key: ${(err as Error).message}`);
  }
}

export async function verifyDetachedSignature(entry: string, bytes: Buffer, armoredSignature: string, keys: Key[]): Promise<void> {
  let signature;
  try {
    signature = await readSignature({ armoredSignature });
  } catch (err) {
    throw new EntryError('ENTRY_SIGNATURE_INVALID', entry, `the .asc file is not an OpenPGP signature: ${(err as Error).message}`);
  }
  const result = await verify({ message: await createMessage({ binary: bytes }), signature, verificationKeys: keys });
  try {
    await result.signatures[0]?.verified;
    if (!result.signatures[0]) throw new Error('the .asc file holds no signature');
  } catch (err) {
    throw new EntryError('ENTRY_SIGNATURE_INVALID', entry, `OpenPGP signature does not verify with the configured provider key: ${(err as Error).message}`);
  }
}
