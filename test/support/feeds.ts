/**
 * Feed layouts built around the real advisories in test/fixtures/advisories:
 * an OSV `all.zip`, a CSAF 2.0 provider (ROLIE feeds per TLP label and a
 * directory with changes.csv, each advisory with its .sha256), a cvelistV5
 * tree with its deltaLog.json, and an index of SBOMs. Built in a temp dir at
 * test time so the committed fixtures stay byte-exact copies of their sources.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { fixturePath } from './fixtures.js';

export const OSV_FIXTURES = ['CVE-2018-5407.json', 'PYSEC-2023-74.json', 'RHSA-2024_4546.json', 'maven_greater_than.osv.json'];

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function put(root: string, rel: string, body: Buffer | string): Promise<void> {
  await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await writeFile(path.join(root, rel), body);
}

/** `osv/all.zip` with the fixture records and `broken.json`, a record cut off mid-way. `changed` rewrites one record's `modified`. */
export async function writeOsvZip(root: string, changed?: { file: string; modified: string }): Promise<void> {
  const files: Record<string, Uint8Array> = {};
  for (const f of OSV_FIXTURES) {
    let bytes = await readFile(fixturePath('advisories', 'osv', f));
    if (changed?.file === f) {
      const doc = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      bytes = Buffer.from(JSON.stringify({ ...doc, modified: changed.modified }, null, 2));
    }
    files[f] = bytes;
  }
  const whole = await readFile(fixturePath('advisories', 'osv', 'PYSEC-2023-74.json'));
  files['broken.json'] = whole.subarray(0, Math.floor(whole.length / 2));
  await put(root, 'osv/all.zip', Buffer.from(zipSync(files)));
}

/**
 * CSAF provider at `csaf/provider-metadata.json`: a WHITE ROLIE feed with the two Red Hat
 * advisories and one whose .sha256 does not match it (tampered), an AMBER feed, and a
 * directory distribution (`csaf/dir/`, changes.csv) with one advisory.
 */
export async function writeCsafProvider(root: string, base: string): Promise<void> {
  const advisory = async (rel: string, fixture: string, tamper = false): Promise<void> => {
    const bytes = await readFile(fixturePath('advisories', 'csaf', fixture));
    await put(root, rel, bytes);
    await put(root, `${rel}.sha256`, `${tamper ? sha256(Buffer.from('something else')) : sha256(bytes)}  ${path.posix.basename(rel)}\n`);
  };
  await advisory('csaf/white/2024/rhsa-2024_4546.json', 'rhsa-2024_4546.json');
  await advisory('csaf/white/2023/rhsa-2023_1441.json', 'rhsa-csaf.json');
  await advisory('csaf/white/2022/evd-uc-01.json', '2022-evd-uc-01-a-001.json', true);
  await advisory('csaf/amber/2022/evd-uc-02.json', '2022-evd-uc-02-na-001.json');
  await advisory('csaf/dir/2022/evd-uc-02.json', '2022-evd-uc-02-na-001.json');
  const entry = (rel: string, updated: string) => ({
    id: path.posix.basename(rel, '.json'), title: rel, updated,
    link: [{ rel: 'self', href: `${base}/${rel}` }, { rel: 'hash', href: `${base}/${rel}.sha256` }],
    content: { type: 'application/json', src: `${base}/${rel}` },
  });
  await put(root, 'csaf/white/feed.json', JSON.stringify({ feed: { id: 'white', title: 'TLP:WHITE advisories', entry: [
    entry('csaf/white/2024/rhsa-2024_4546.json', '2024-07-16T13:38:03Z'),
    entry('csaf/white/2023/rhsa-2023_1441.json', '2023-03-23T11:14:00Z'),
    entry('csaf/white/2022/evd-uc-01.json', '2022-03-03T11:00:00Z'),
  ] } }));
  await put(root, 'csaf/amber/feed.json', JSON.stringify({ feed: { id: 'amber', title: 'TLP:AMBER advisories', entry: [entry('csaf/amber/2022/evd-uc-02.json', '2022-03-03T11:00:00Z')] } }));
  await put(root, 'csaf/dir/changes.csv', '"2022/evd-uc-02.json","2022-03-03T11:00:00Z"\n');
  await put(root, 'csaf/provider-metadata.json', JSON.stringify({
    canonical_url: `${base}/csaf/provider-metadata.json`, metadata_version: '2.0', role: 'csaf_trusted_provider',
    list_on_CSAF_aggregators: false, mirror_on_CSAF_aggregators: false, last_updated: '2024-07-16T13:38:03Z',
    publisher: { category: 'vendor', name: 'Example', namespace: 'https://example.com' },
    distributions: [{ rolie: { feeds: [
      { summary: 'WHITE', tlp_label: 'WHITE', url: `${base}/csaf/white/feed.json` },
      { summary: 'AMBER', tlp_label: 'AMBER', url: `${base}/csaf/amber/feed.json` },
    ] } }],
  }));
  await put(root, 'csaf-dir/provider-metadata.json', JSON.stringify({
    canonical_url: `${base}/csaf-dir/provider-metadata.json`, metadata_version: '2.0', role: 'csaf_provider',
    publisher: { category: 'vendor', name: 'Example', namespace: 'https://example.com' },
    distributions: [{ directory_url: `${base}/csaf/dir/` }],
  }));
}

export interface DeltaChange { cveId: string; kind: 'new' | 'updated' }

/** A cvelistV5 checkout at `cvelist/`: both fixture records at their paths and one delta naming them. */
export async function writeCvelist(root: string): Promise<void> {
  for (const [id, rel] of [['CVE-2024-27088', 'cves/2024/27xxx'], ['CVE-2024-28111', 'cves/2024/28xxx']] as const) {
    await mkdir(path.join(root, 'cvelist', rel), { recursive: true });
    await copyFile(fixturePath('advisories', 'cve5', `${id}.json`), path.join(root, 'cvelist', rel, `${id}.json`));
  }
  await put(root, 'cvelist/cves/deltaLog.json', JSON.stringify([delta('2024-03-07T00:00:00.000Z', [{ cveId: 'CVE-2024-27088', kind: 'new' }, { cveId: 'CVE-2024-28111', kind: 'new' }])]));
}

function delta(fetchTime: string, changes: DeltaChange[]) {
  const item = (c: DeltaChange) => ({ cveId: c.cveId, cveOrgLink: `https://www.cve.org/CVERecord?id=${c.cveId}`, githubLink: '', dateUpdated: fetchTime });
  return { fetchTime, numberOfChanges: changes.length, new: changes.filter((c) => c.kind === 'new').map(item), updated: changes.filter((c) => c.kind === 'updated').map(item), error: [] };
}

/** CVE-2024-28111 updated upstream: new dateUpdated and description, and a newer delta naming it. */
export async function updateCvelistRecord(root: string, fetchTime: string): Promise<void> {
  const file = path.join(root, 'cvelist', 'cves/2024/28xxx/CVE-2024-28111.json');
  const doc = JSON.parse(await readFile(file, 'utf8')) as { cveMetadata: Record<string, string> };
  doc.cveMetadata.dateUpdated = fetchTime;
  await writeFile(file, JSON.stringify(doc, null, 2));
  const logFile = path.join(root, 'cvelist', 'cves/deltaLog.json');
  const log = JSON.parse(await readFile(logFile, 'utf8')) as unknown[];
  await writeFile(logFile, JSON.stringify([delta(fetchTime, [{ cveId: 'CVE-2024-28111', kind: 'updated' }]), ...log]));
}

/** `sboms/index.json`: the URLs of two SBOM documents served next to it. */
export async function writeSbomIndex(root: string, base: string, documents: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(documents)) await put(root, `sboms/${name}`, text);
  await put(root, 'sboms/index.json', JSON.stringify(Object.keys(documents).map((n) => `${base}/sboms/${n}`)));
}

/**
 * A CSAF directory provider at `csaf-signed/` whose advisories carry detached
 * OpenPGP signatures: one signed by the provider key, one signed by another
 * key (forged), one unsigned. Returns the provider's armored public key.
 */
export async function writeSignedCsafProvider(root: string, base: string): Promise<string> {
  const { createMessage, generateKey, readPrivateKey, sign } = await import('openpgp');
  const provider = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Example PSIRT', email: 'psirt@example.com' }], format: 'armored' });
  const other = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Someone Else', email: 'else@example.com' }], format: 'armored' });
  const files: Array<[string, string, string | null]> = [
    ['2024/rhsa-2024_4546.json', 'rhsa-2024_4546.json', provider.privateKey],
    ['2023/rhsa-2023_1441.json', 'rhsa-csaf.json', other.privateKey],
    ['2022/evd-uc-02.json', '2022-evd-uc-02-na-001.json', null],
  ];
  for (const [rel, fixture, key] of files) {
    const bytes = await readFile(fixturePath('advisories', 'csaf', fixture));
    await put(root, `csaf-signed/${rel}`, bytes);
    await put(root, `csaf-signed/${rel}.sha256`, `${sha256(bytes)}  ${path.posix.basename(rel)}\n`);
    if (key) {
      const signature = await sign({ message: await createMessage({ binary: bytes }), signingKeys: await readPrivateKey({ armoredKey: key }), detached: true, format: 'armored' });
      await put(root, `csaf-signed/${rel}.asc`, signature);
    }
  }
  await put(root, 'csaf-signed/changes.csv', files.map(([rel]) => `"${rel}","2024-07-16T13:38:03Z"`).join('\n'));
  await put(root, 'csaf-signed/provider-metadata.json', JSON.stringify({
    canonical_url: `${base}/csaf-signed/provider-metadata.json`, metadata_version: '2.0', role: 'csaf_trusted_provider',
    publisher: { category: 'vendor', name: 'Example', namespace: 'https://example.com' },
    distributions: [{ directory_url: `${base}/csaf-signed/` }],
  }));
  return provider.publicKey;
}
