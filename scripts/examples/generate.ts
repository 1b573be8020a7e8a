/**
 * (Re)creates the signed model example under examples/models/sentiment and
 * its trust file, with the test signer in test/unit/oms/fixtures.ts.
 *
 *   npx tsx scripts/examples/generate.ts            # create what is missing, re-sign only if the files changed
 *   npx tsx scripts/examples/generate.ts --resign   # sign again even though nothing changed
 *
 * The model files, the signed manifest (the DSSE payload) and the trust file
 * come out byte-identical on every run. ECDSA signatures are randomised, so a
 * new signature would change model.sig's bytes and with them its document id
 * in docs/queries.md: model.sig is therefore kept while its payload still
 * matches the files, and the committed key pair is reused. Only without a key
 * pair (a deliberate rotation: delete examples/keys) is a new one made.
 */
import crypto from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStatement, keyBundle, toBytes, type EcKey } from '../../test/unit/oms/fixtures.js';

export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
/** The name the signature gives its subject: with the ML-BOM's name and version it makes the same model key. */
export const MODEL_NAME = 'acme/sentiment@1.0';

/** Small stand-ins for a model's files: the graph records names and digests, never loads weights. */
const MODEL_FILES: Record<string, string> = {
  'config.json': `${JSON.stringify({ architectures: ['ExampleSentimentClassifier'], hidden_size: 8, num_labels: 2, id2label: { 0: 'negative', 1: 'positive' } }, null, 2)}\n`,
  'tokenizer.json': `${JSON.stringify({ version: '1.0', model: { type: 'WordLevel', vocab: { '[UNK]': 0, good: 1, bad: 2 }, unk_token: '[UNK]' } }, null, 2)}\n`,
  'model.safetensors': 'EXAMPLE WEIGHTS: a placeholder for the supplygraph examples, not a real safetensors file.\n',
};

const TRUST_FILE = `# Trust file for the examples: start the server with
#   SUPPLYGRAPH_TRUST_CONFIG=examples/trust.yaml
# and signatures made with examples/keys/release.key are TRUSTED.
version: 1
keys:
  - name: example-release-key
    path: keys/release.pub
`;

function writeIfChanged(file: string, content: string | Buffer): boolean {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  if (existsSync(file) && readFileSync(file).equals(bytes)) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return true;
}

function releaseKey(keyDir: string): EcKey {
  const privFile = path.join(keyDir, 'release.key');
  const pubFile = path.join(keyDir, 'release.pub');
  if (!existsSync(privFile)) {
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(keyDir, { recursive: true });
    writeFileSync(privFile, privateKey.export({ format: 'pem', type: 'pkcs8' }));
  }
  const privateKey = crypto.createPrivateKey(readFileSync(privFile));
  const publicKey = crypto.createPublicKey(privateKey);
  const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  writeIfChanged(pubFile, publicPem);
  return { curve: 'P-256', privateKey, publicKey, publicPem };
}

/** The payload the committed model.sig signs, or null when there is none. */
function signedPayload(sigFile: string): Buffer | null {
  if (!existsSync(sigFile)) return null;
  const bundle = JSON.parse(readFileSync(sigFile, 'utf8')) as { dsseEnvelope?: { payload?: string } };
  return bundle.dsseEnvelope?.payload ? Buffer.from(bundle.dsseEnvelope.payload, 'base64') : null;
}

/** Brings `examples` up to date; returns the files it wrote (relative to it). */
export function generate(examples: string, resign: boolean): string[] {
  const modelDir = path.join(examples, 'models', 'sentiment');
  const changed: string[] = [];
  for (const [name, content] of Object.entries(MODEL_FILES)) {
    if (writeIfChanged(path.join(modelDir, name), content)) changed.push(`models/sentiment/${name}`);
  }
  const key = releaseKey(path.join(examples, 'keys'));
  const payload = buildStatement(modelDir, { modelName: MODEL_NAME });
  const sigFile = path.join(modelDir, 'model.sig');
  const current = signedPayload(sigFile);
  if (resign || current === null || !current.equals(payload)) {
    writeFileSync(sigFile, `${toBytes(keyBundle(payload, key)).toString()}\n`);
    changed.push('models/sentiment/model.sig');
  }
  if (writeIfChanged(path.join(examples, 'trust.yaml'), TRUST_FILE)) changed.push('trust.yaml');
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const changed = generate(EXAMPLES_DIR, process.argv.includes('--resign'));
  process.stdout.write(changed.length === 0 ? 'examples: up to date\n' : `examples: wrote ${changed.join(', ')}\n`);
}
