/**
 * A small investigation made in the test: three images that ship django
 * (two vulnerable, one with a VEX saying it is not affected, one fixed), an
 * OSV advisory for it, and a model described by an SBOM and covered by a
 * trusted and an untrusted signature.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cyclonedx } from '../support/sbom-factory.js';
import { tempDir } from '../support/engines.js';
import { buildStatement, genEcKey, keyBundle, makeModelDir, toBytes, type EcKey } from '../unit/oms/fixtures.js';

export const CVE = 'CVE-2099-0001';
export const GHSA = 'GHSA-test-0001-xxxx';
export const MODEL_PURL = 'pkg:huggingface/acme/sentiment@r1';
export const IMAGE = (name: string) => `pkg:docker/acme/${name}@1.0`;

const image = (name: string, django: string, viaApp: boolean) => cyclonedx({
  subject: { name, version: '1.0', purl: IMAGE(name), ref: 'img', type: 'container' },
  components: [
    ...(viaApp ? [{ name: `${name}-app`, version: '1.0.0', purl: `pkg:pypi/${name}-app@1.0.0`, ref: 'app', type: 'application', licenses: [{ license: { id: 'Apache-2.0' } }] }] : []),
    { name: 'django', version: django, purl: `pkg:pypi/django@${django}`, ref: 'dj', licenses: [{ license: { id: 'BSD-3-Clause' } }] },
    { name: 'requests', version: '2.31.0', purl: 'pkg:pypi/requests@2.31.0', ref: 'rq', licenses: [{ license: { id: 'Apache-2.0' } }] },
  ],
  dependencies: viaApp
    ? [{ ref: 'img', dependsOn: ['app'] }, { ref: 'app', dependsOn: ['dj', 'rq'] }]
    : [{ ref: 'img', dependsOn: ['dj', 'rq'] }],
});

export const osvAdvisory = {
  schema_version: '1.6.0',
  id: GHSA,
  aliases: [CVE],
  published: '2099-01-01T00:00:00Z',
  modified: '2099-01-02T00:00:00Z',
  summary: 'SQL injection in django QuerySet.filter',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '4.0' }, { fixed: '4.2.5' }] }] }],
};

export const openVex = {
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://example.com/vex/image-b-1',
  author: 'image-b maintainers',
  timestamp: '2099-02-01T00:00:00Z',
  version: 1,
  statements: [{ vulnerability: { name: CVE }, products: [{ '@id': IMAGE('image-b') }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }],
};

export const modelSbom = cyclonedx({
  subject: { type: 'machine-learning-model', name: 'sentiment', version: 'r1', purl: MODEL_PURL, ref: 'm' },
  components: [{ name: 'torch', version: '2.3.0', purl: 'pkg:pypi/torch@2.3.0', ref: 'torch', licenses: [{ license: { id: 'BSD-3-Clause' } }] }],
  dependencies: [{ ref: 'm', dependsOn: ['torch'] }],
});

export interface Investigation {
  documents: Array<{ name: string; body: Buffer; meta?: Record<string, string> }>;
  trustConfig: string;
  trusted: EcKey;
}

/** The documents in upload order, and a trust configuration that trusts one of the two signing keys. */
export async function makeInvestigation(): Promise<Investigation> {
  const trusted = genEcKey('P-256');
  const stranger = genEcKey('P-384');
  const dir = await tempDir('supplygraph-console-trust-');
  await writeFile(path.join(dir, 'release.pub'), trusted.publicPem);
  const trustConfig = path.join(dir, 'trust.yaml');
  await writeFile(trustConfig, 'keys:\n  - name: release-key\n    path: release.pub\nsigstore:\n  usePublicGood: false\n');
  const modelDir = makeModelDir({ 'config.json': '{"layers": 2}', 'weights.bin': Buffer.alloc(4096, 7) });
  const statement = buildStatement(modelDir, { modelName: 'sentiment' });
  const json = (v: unknown) => Buffer.from(JSON.stringify(v, null, 2));
  return {
    trusted,
    trustConfig,
    documents: [
      { name: 'image-a.cdx.json', body: json(image('image-a', '4.2.0', true)) },
      { name: 'image-b.cdx.json', body: json(image('image-b', '4.2.0', false)) },
      { name: 'image-c.cdx.json', body: json(image('image-c', '4.2.8', false)) },
      { name: 'GHSA-test-0001-xxxx.osv.json', body: json(osvAdvisory) },
      { name: 'image-b.openvex.json', body: json(openVex) },
      { name: 'sentiment.cdx.json', body: json(modelSbom) },
      { name: 'sentiment.sig', body: toBytes(keyBundle(statement, trusted)), meta: { purl: MODEL_PURL } },
      { name: 'sentiment-mirror.sig', body: toBytes(keyBundle(statement, stranger)), meta: { purl: MODEL_PURL } },
    ],
  };
}

/** Uploads with `token` and waits for each job; throws with the job's failure if one does not complete. */
export async function ingest(url: string, token: string, docs: Investigation['documents']): Promise<string[]> {
  const keys: string[] = [];
  for (const d of docs) {
    const q = new URLSearchParams({ filename: d.name, ...Object.fromEntries(Object.entries(d.meta ?? {}).map(([k, v]) => [`meta.${k}`, v])) });
    const res = await fetch(`${url}/api/v1/documents?${q}`, { method: 'POST', body: d.body, headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 202) throw new Error(`upload of ${d.name}: HTTP ${res.status} ${await res.text()}`);
    const { jobId } = (await res.json()) as { jobId: string };
    for (;;) {
      const job = (await (await fetch(`${url}/api/v1/jobs/${jobId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { state: string; failure: unknown; result: { documentKey: string } | null };
      if (job.state === 'failed') throw new Error(`${d.name} failed: ${JSON.stringify(job.failure)}`);
      if (job.state === 'completed') { keys.push(job.result!.documentKey); break; }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return keys;
}
