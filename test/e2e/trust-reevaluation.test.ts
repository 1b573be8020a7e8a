/**
 * Stored signature verdicts follow the trust policy in force across restarts,
 * on each engine. Signatures ingested with no trust configuration are
 * UNTRUSTED; starting the service again with a trust file must make them
 * exactly what a fresh ingest under that file makes them (verdict, reason,
 * verified signing time, signer), starting once more without it must
 * demote them to exactly what a fresh ingest without it makes them, and
 * rewriting the trust file while running must promote them again the same way.
 *
 * One key signature (the signer's name comes from the trust file) and one
 * keyless signature from a private Sigstore instance (@sigstore/mock; its
 * signing time counts only when the instance is trusted).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../services/config/config.js';
import { startRuntime, type Runtime } from '../../services/runtime.js';
import type { EngineName } from '../../services/graph/store.js';
import { ENGINES, neo4jUrl, redisUrl, tempDir, wipeNeo4j } from '../support/engines.js';
import { graphql, waitForJob } from '../support/service.js';
import { buildStatement, cleanupTmp, genEcKey, keyBundle, makeModelDir, makeSigstoreInstance, toBytes, type SigstoreInstance } from '../unit/oms/fixtures.js';

const QUERY = `query($name: String) {
  models(name: $name) {
    signed
    signatures { method trust reasonCode reason signedAt assertedBy { id } signer { kind keyFingerprint subject san issuer } }
  }
}`;

interface SignatureView {
  method: string; trust: string; reasonCode: string; reason: string; signedAt: string | null;
  assertedBy: { id: string };
  signer: { kind: string; keyFingerprint: string | null; subject: string | null; san: string | null; issuer: string | null } | null;
}
type View = Record<string, { signed: boolean; signatures: SignatureView[]; documentCreatedAt?: unknown }>;

const IDENTITY = { san: 'release-bot@example.com', issuer: 'https://issuer.example.com' };

interface Service {
  runtime: Runtime;
  url: string;
}

async function start(engine: EngineName, dataDir: string, queueName: string, trustConfig: string | null, wipe: boolean): Promise<Service> {
  const env: NodeJS.ProcessEnv = {
    SUPPLYGRAPH_LOG_LEVEL: 'silent',
    SUPPLYGRAPH_JOB_BACKOFF_MS: '50',
    ...(engine === 'neo4j'
      ? { SUPPLYGRAPH_GRAPH: 'neo4j', NEO4J_URL: neo4jUrl(), SUPPLYGRAPH_QUEUE: 'bullmq', REDIS_URL: redisUrl(), SUPPLYGRAPH_QUEUE_NAME: queueName }
      : { SUPPLYGRAPH_GRAPH: 'kuzu', SUPPLYGRAPH_QUEUE: 'memory' }),
    ...(trustConfig ? { SUPPLYGRAPH_TRUST_CONFIG: trustConfig } : {}),
  };
  const config = loadConfig(env, { port: 0, host: '127.0.0.1', dataDir });
  if (engine === 'neo4j' && wipe) {
    const { Neo4jGraphStore } = await import('../../services/graph/neo4j/neo4j-store.js');
    const s = await Neo4jGraphStore.open({ url: config.graph.neo4jUrl! });
    await wipeNeo4j(s);
    await s.close();
  }
  const runtime = await startRuntime(config, { api: true, worker: true });
  const addr = runtime.api!.server.address();
  return { runtime, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
}

async function upload(svc: Service, bytes: Buffer, name: string): Promise<void> {
  const res = await fetch(`${svc.url}/api/v1/documents?filename=model.sig&meta.name=${name}`, { method: 'POST', body: bytes });
  assert.equal(res.status, 202);
  const job = await waitForJob(svc.url, ((await res.json()) as { jobId: string }).jobId);
  assert.equal(job.state, 'completed', JSON.stringify(job.failure));
}

async function view(svc: Service): Promise<View> {
  const out: View = {};
  for (const name of ['key-signed', 'keyless-signed']) {
    const res = await graphql<{ models: Array<{ signed: boolean; signatures: SignatureView[] }> }>(svc.url, QUERY, { name });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data.models.length, 1, name);
    out[name] = res.data.models[0]!;
  }
  // The signature document's creation time is its verified signing time, as the parser sets it.
  const docs = await svc.runtime.store.read<{ id: string; createdAt: string | null }>(
    'MATCH (d:Document) WHERE d.format = $f RETURN d.key AS id, d.createdAt AS createdAt', { f: 'oms-signature' });
  for (const m of Object.values(out)) m.documentCreatedAt = docs.find((d) => d.id === m.signatures[0]?.assertedBy.id)?.createdAt ?? 'no document';
  return out;
}

/**
 * Polls until every signature has `trust` and every model reads accordingly (start-up and reload
 * re-evaluation run in the background, signature by signature), and the view has stopped changing.
 */
async function viewWhen(svc: Service, trust: string): Promise<View> {
  const deadline = Date.now() + 120_000;
  let previous = '';
  for (;;) {
    const v = await view(svc);
    const settled = Object.values(v).every((m) => m.signed === (trust === 'TRUSTED') && m.signatures.every((s) => s.trust === trust));
    const now = JSON.stringify(v);
    if ((settled && now === previous) || Date.now() > deadline) return v;
    previous = settled ? now : '';
    await new Promise((r) => setTimeout(r, 200));
  }
}

for (const engine of ENGINES) {
  describe(`trust re-evaluation across restarts: ${engine}`, () => {
    let sigstore: SigstoreInstance;
    let trustFile: string;
    let keyBytes: Buffer;
    let keylessBytes: Buffer;
    const dirs: string[] = [];
    let running: Service | null = null;

    const fresh = async (): Promise<{ dataDir: string; queue: string }> => {
      const dataDir = await tempDir('supplygraph-trust-e2e-');
      dirs.push(dataDir);
      return { dataDir, queue: `e2e-trust-${crypto.randomUUID()}` };
    };
    const run = async <T>(engine: EngineName, at: { dataDir: string; queue: string }, trustConfig: string | null, wipe: boolean, body: (svc: Service) => Promise<T>): Promise<T> => {
      running = await start(engine, at.dataDir, at.queue, trustConfig, wipe);
      try {
        return await body(running);
      } finally {
        await running.runtime.close();
        running = null;
      }
    };
    const uploadBoth = async (svc: Service) => {
      await upload(svc, keyBytes, 'key-signed');
      await upload(svc, keylessBytes, 'keyless-signed');
    };

    before(async () => {
      sigstore = await makeSigstoreInstance();
      const key = genEcKey('P-256');
      keyBytes = toBytes(keyBundle(buildStatement(makeModelDir({ 'w.bin': Buffer.alloc(64, 1) }), { modelName: 'key-signed' }), key));
      const keylessPayload = buildStatement(makeModelDir({ 'w.bin': Buffer.alloc(64, 2) }), { modelName: 'keyless-signed' });
      keylessBytes = toBytes(await sigstore.sign(keylessPayload, IDENTITY));
      const dir = await tempDir('supplygraph-trust-cfg-');
      dirs.push(dir);
      await writeFile(path.join(dir, 'release.pub'), key.publicPem);
      await writeFile(path.join(dir, 'trusted_root.json'), JSON.stringify(sigstore.trustedRoot));
      trustFile = path.join(dir, 'trust.yaml');
      await writeFile(trustFile, [
        'keys:',
        '  - name: release-key',
        '    path: release.pub',
        'sigstore:',
        '  usePublicGood: false',
        '  trustedRoots:',
        '    - trusted_root.json',
        '  identities:',
        `    - issuer: ${IDENTITY.issuer}`,
        `      san: ${IDENTITY.san}`,
        '',
      ].join('\n'));
    });
    after(async () => {
      if (running) await running.runtime.close();
      for (const d of dirs) await rm(d, { recursive: true, force: true });
      cleanupTmp();
    });

    test('promotion on start-up with a trust file, demotion on start-up without it, promotion when the file changes while running: the same as a fresh ingest', async () => {
      const trustedFresh = await run(engine, await fresh(), trustFile, true, async (svc) => {
        await uploadBoth(svc);
        return view(svc);
      });
      assert.equal(trustedFresh['key-signed']!.signatures[0]!.signer?.subject, 'release-key', 'a fresh ingest names the key as the trust file does');
      assert.ok(trustedFresh['keyless-signed']!.signatures[0]!.signedAt, 'a fresh ingest records the verified signing time');
      assert.equal(trustedFresh['keyless-signed']!.documentCreatedAt, trustedFresh['keyless-signed']!.signatures[0]!.signedAt);

      const graph = await fresh();
      const untrustedFresh = await run(engine, graph, null, true, async (svc) => {
        await uploadBoth(svc);
        return view(svc);
      });
      for (const m of Object.values(untrustedFresh)) {
        assert.equal(m.signed, false);
        assert.equal(m.signatures[0]!.trust, 'UNTRUSTED');
      }
      assert.equal(untrustedFresh['key-signed']!.signatures[0]!.signer?.subject, null);
      assert.equal(untrustedFresh['keyless-signed']!.signatures[0]!.signedAt, null);

      const promoted = await run(engine, graph, trustFile, false, (svc) => viewWhen(svc, 'TRUSTED'));
      assert.deepEqual(promoted, trustedFresh, 'after a restart with the trust file, stored signatures read as a fresh ingest under it');

      const demoted = await run(engine, graph, null, false, (svc) => viewWhen(svc, 'UNTRUSTED'));
      assert.deepEqual(demoted, untrustedFresh, 'after a restart without the trust file, stored signatures read as a fresh ingest without it');

      // While running: a trust file that trusts nothing is rewritten to trust the signers.
      const live = path.join(path.dirname(trustFile), 'live.yaml');
      await writeFile(live, 'sigstore:\n  usePublicGood: false\n');
      const reloaded = await run(engine, graph, live, false, async (svc) => {
        assert.deepEqual(await viewWhen(svc, 'UNTRUSTED'), untrustedFresh);
        await writeFile(live, await readFile(trustFile));
        return viewWhen(svc, 'TRUSTED');
      });
      assert.deepEqual(reloaded, trustedFresh, 'after the trust file changes while running, stored signatures read as a fresh ingest under it');
    });
  });
}
