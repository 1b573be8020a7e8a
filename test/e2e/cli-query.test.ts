/**
 * `supplygraph query …` end to end, on each engine: the real service with a
 * fixture built here (an application SBOM, two ML-BOMs, OMS signatures from a
 * trusted and an untrusted key, an OSV advisory, an OpenVEX statement, SLSA
 * provenance), and the CLI run as a child process, the way a user runs it.
 * The service requires a token, so --token / SUPPLYGRAPH_TOKEN are exercised too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, tempDir } from '../support/engines.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { startService, type RunningService } from '../support/service.js';
import { buildStatement, cleanupTmp, genEcKey, keyBundle, makeModelDir, toBytes } from '../unit/oms/fixtures.js';
import type { AffectedData, DependentsData, ProvenanceData, SignedModelsData } from '../../services/cli/query-documents.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN = 'cli-e2e-token-0123456789abcdef';

const TORCH = 'pkg:pypi/torch@2.1.0';
const NUMPY = 'pkg:pypi/numpy@1.26.0';
const SENTIMENT = 'pkg:huggingface/acme/sentiment@r1';
const OTHER = 'pkg:huggingface/acme/other@r1';
const BASE = 'pkg:huggingface/acme/base@v1';
const WEBSHOP = 'pkg:npm/webshop@3.0.0';
const EXPRESS = 'pkg:npm/express@4.18.0';
const LODASH = 'pkg:npm/lodash@4.17.20';
const BUILT = 'cd'.repeat(32);

function mlbom(model: string, name: string, withDataset: boolean): Record<string, unknown> {
  return cyclonedx({
    subject: {
      type: 'machine-learning-model', name, version: 'r1', purl: model, ref: 'model',
      ...(withDataset ? { modelCard: { modelParameters: { datasets: [{ ref: 'reviews' }] } } } : {}),
    },
    components: [
      { name: 'torch', version: '2.1.0', purl: TORCH, ref: 'torch' },
      { name: 'numpy', version: '1.26.0', purl: NUMPY, ref: 'numpy' },
      ...(withDataset ? [{ type: 'data', name: 'reviews', version: '2024', ref: 'reviews' }, { type: 'machine-learning-model', name: 'base', version: 'v1', purl: BASE, ref: 'base' }] : []),
    ],
    dependencies: [
      { ref: 'model', dependsOn: withDataset ? ['torch', 'base'] : ['torch'] },
      { ref: 'torch', dependsOn: ['numpy'] },
    ],
  });
}

const app = cyclonedx({
  subject: { name: 'webshop', version: '3.0.0', purl: WEBSHOP, ref: 'app', type: 'application' },
  components: [
    { name: 'express', version: '4.18.0', purl: EXPRESS, ref: 'express' },
    { name: 'lodash', version: '4.17.20', purl: LODASH, ref: 'lodash', hashes: [{ alg: 'SHA-256', content: BUILT }] },
  ],
  dependencies: [{ ref: 'app', dependsOn: ['express'] }, { ref: 'express', dependsOn: ['lodash'] }],
});

/** A product that ships torch and says (by VEX) it is not affected. */
const CHATBOT = 'pkg:pypi/chatbot@1.0.0';
const chatbot = cyclonedx({
  subject: { name: 'chatbot', version: '1.0.0', purl: CHATBOT, ref: 'app', type: 'application' },
  components: [{ name: 'torch', version: '2.1.0', purl: TORCH, ref: 'torch' }],
  dependencies: [{ ref: 'app', dependsOn: ['torch'] }],
});

const advisory = {
  schema_version: '1.6.0', id: 'PYSEC-2099-7', aliases: ['CVE-2099-7777'], modified: '2099-01-01T00:00:00Z', summary: 'torch deserialization',
  affected: [{ package: { ecosystem: 'PyPI', name: 'torch' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.2.0' }] }] }],
};

const vex = {
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://example.com/vex/chatbot-1',
  author: 'chatbot maintainers',
  timestamp: '2099-02-01T00:00:00Z',
  version: 1,
  statements: [{ vulnerability: { name: 'CVE-2099-7777' }, products: [{ '@id': CHATBOT }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }],
};

const provenance = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'lodash-4.17.20.tgz', digest: { sha256: BUILT } }],
  predicateType: 'https://slsa.dev/provenance/v1',
  predicate: {
    buildDefinition: { buildType: 'https://example.com/npm-build/v1', externalParameters: {}, resolvedDependencies: [{ uri: 'git+https://github.com/lodash/lodash@refs/tags/4.17.20', digest: { gitCommit: 'e'.repeat(40) } }] },
    runDetails: { builder: { id: 'https://github.com/actions/runner' }, metadata: { invocationId: 'run-7' } },
  },
};

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `supplygraph query …` as a child process; SUPPLYGRAPH_SERVER/TOKEN come from `env`. */
function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
    for (const k of ['SUPPLYGRAPH_SERVER', 'SUPPLYGRAPH_TOKEN'] as const) if (!(k in env)) delete childEnv[k];
    execFile(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', 'query', ...args], { cwd: REPO, env: childEnv, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') {
        reject(new Error(`supplygraph query ${args.join(' ')} did not run: ${err.message}\n${stderr}`));
        return;
      }
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

/** Parses --json output after checking the run succeeded. */
function json<T>(r: CliResult): T {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The data rows of the first table in `text` whose header has every column in `columns`. */
function tableRows(text: string, columns: string[]): string[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => columns.every((c) => l.includes(c)));
  assert.ok(at >= 0, `no table with ${columns.join(', ')} in:\n${text}`);
  assert.match(lines[at + 1] ?? '', /^-+( +-+)*$/, 'a dashed rule under the header');
  const rows: string[] = [];
  for (const l of lines.slice(at + 2)) {
    if (l.trim() === '') break;
    rows.push(l);
  }
  return rows;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const addr = srv.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('supplygraph query: usage and connection errors', () => {
  const env = { SUPPLYGRAPH_SERVER: 'http://127.0.0.1:9' };

  test('usage errors exit 2 before any request', async () => {
    for (const args of [['dependents'], ['dependents', 'pkg:npm/x', '--max-depth', '0'], ['affected', 'CVE-1', '--status', 'maybe'], ['signed-models'], ['nonsense'], [], ['affected', 'CVE-1', '--server', 'ftp://x']]) {
      const r = await cli(args, env);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}: ${r.stderr}`);
      assert.match(r.stderr, /error|Usage/);
      assert.equal(r.stdout, '', 'nothing on stdout');
    }
  });

  test('--help exits 0 and shows examples', async () => {
    const r = await cli(['signed-models', '--help'], env);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--depends-on <ref>/);
    assert.match(r.stdout, /Examples:/);
    assert.match(r.stdout, /--server <url>/);
  });

  test('an unreachable server exits 1 with the code and what to do', async () => {
    const port = await freePort();
    const r = await cli(['affected', 'CVE-2099-7777'], { SUPPLYGRAPH_SERVER: `http://127.0.0.1:${port}` });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /UNREACHABLE: cannot reach supplygraph at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(r.stderr, /is `supplygraph serve` \(or `npm start`\) running\?/);
  });
});

for (const engine of ENGINES) {
  describe(`supplygraph query: ${engine}`, () => {
    let svc: RunningService;
    let env: Record<string, string>;
    const run = (...args: string[]): Promise<CliResult> => cli(args, env);

    before(async () => {
      const trusted = genEcKey('P-256');
      const stranger = genEcKey('P-256');
      const dir = await tempDir('supplygraph-cli-trust-');
      await writeFile(path.join(dir, 'release.pub'), trusted.publicPem);
      await writeFile(path.join(dir, 'trust.yaml'), 'keys:\n  - name: release-key\n    path: release.pub\nsigstore:\n  usePublicGood: false\n');
      svc = await startService(engine, { SUPPLYGRAPH_TRUST_CONFIG: path.join(dir, 'trust.yaml'), SUPPLYGRAPH_API_TOKENS: `cli:read+ingest:${TOKEN}` });
      env = { SUPPLYGRAPH_SERVER: svc.url, SUPPLYGRAPH_TOKEN: TOKEN };
      const post = async (body: Buffer | string, query = ''): Promise<void> => {
        const res = await fetch(`${svc.url}/api/v1/documents${query}`, { method: 'POST', body, headers: { authorization: `Bearer ${TOKEN}` } });
        assert.equal(res.status, 202, await res.clone().text());
        const job = await waitForJobWithToken(svc.url, ((await res.json()) as { jobId: string }).jobId);
        assert.equal(job.state, 'completed', JSON.stringify(job.failure));
      };
      await post(JSON.stringify(app));
      await post(JSON.stringify(mlbom(SENTIMENT, 'sentiment', true)));
      await post(JSON.stringify(mlbom(OTHER, 'other', false)));
      await post(JSON.stringify(chatbot));
      await post(toBytes(keyBundle(buildStatement(makeModelDir({ 'w.bin': 'sentiment weights' }), { modelName: 'sentiment' }), trusted)), `?meta.purl=${encodeURIComponent(SENTIMENT)}`);
      await post(toBytes(keyBundle(buildStatement(makeModelDir({ 'w.bin': 'other weights' }), { modelName: 'other' }), stranger)), `?meta.purl=${encodeURIComponent(OTHER)}`);
      await post(JSON.stringify(advisory));
      await post(JSON.stringify(vex));
      await post(JSON.stringify(provenance));
    });
    after(async () => {
      await svc?.stop();
      cleanupTmp();
    });

    test('affected --json: every product with its VEX status, by any alias; --status filters', async () => {
      const all = json<AffectedData>(await run('affected', 'PYSEC-2099-7', '--json'));
      const v = all.vulnerability!;
      assert.deepEqual(v.aliases, ['CVE-2099-7777', 'PYSEC-2099-7']);
      assert.deepEqual(v.advisories.map((a) => [a.id, a.assertedBy?.format]), [['osv:PYSEC-2099-7', 'osv']]);
      const rows = v.affected.map((a) => `${a.packageVersion.id} ${a.subject?.id} ${a.status} ${a.statement?.justification ?? '-'}`).sort();
      assert.deepEqual(rows, [
        `${TORCH} ${OTHER} AFFECTED -`,
        `${TORCH} ${SENTIMENT} AFFECTED -`,
        `${TORCH} ${CHATBOT} NOT_AFFECTED vulnerable_code_not_in_execute_path`,
      ]);
      assert.ok(v.affected.every((a) => a.sbom !== null && /^sha256:[0-9a-f]{64}$/.test(a.sbom.id)));
      const notAffected = json<AffectedData>(await run('affected', 'CVE-2099-7777', '--status', 'not-affected', '--json'));
      assert.deepEqual(notAffected.vulnerability!.affected.map((a) => [a.subject?.id, a.statement?.assertedBy?.format]), [[CHATBOT, 'openvex']]);
      const some = json<AffectedData>(await run('affected', 'CVE-2099-7777', '--status', 'fixed,under_investigation', '--json'));
      assert.deepEqual(some.vulnerability!.affected, []);
      const unknown = json<AffectedData>(await run('affected', 'CVE-2000-0001', '--json'));
      assert.equal(unknown.vulnerability, null, 'an unknown id is an empty answer, exit 0');
    });

    test('affected as text: a table with one row per product', async () => {
      const r = await run('affected', 'CVE-2099-7777');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Vulnerability CVE-2099-7777 {2}\(aliases: PYSEC-2099-7\)$/m);
      assert.match(r.stdout, /osv:PYSEC-2099-7 {2}torch deserialization/);
      const rows = tableRows(r.stdout, ['PACKAGE VERSION', 'SUBJECT', 'SBOM', 'SEVERITY', 'STATUS']);
      assert.equal(rows.length, 3, rows.join('\n'));
      const cells = rows.map((l) => l.split(/ {2,}/));
      assert.ok(cells.every((c) => c[3] === '-'), 'the advisory gives no severity');
      assert.deepEqual(cells.map((c) => [c[0], c[1], c[4]]), [
        [TORCH, OTHER, 'AFFECTED'],
        [TORCH, SENTIMENT, 'AFFECTED'],
        [TORCH, CHATBOT, 'NOT_AFFECTED (vulnerable_code_not_in_execute_path)'],
      ]);
      assert.ok(cells.every((c) => /^sha256:[0-9a-f]{64}$/.test(c[2]!)), 'the SBOM column has whole ids when not on a terminal');
      assert.match(r.stdout, /^3 rows: (2 AFFECTED, 1 NOT_AFFECTED|1 NOT_AFFECTED, 2 AFFECTED)$/m);
      assert.ok(!r.stdout.includes('\u001b['), 'no escape codes in piped output');
    });

    test('dependents --json: grouped by kind with depth and path, the SBOMs and their subjects; --direct and --max-depth', async () => {
      const d = json<DependentsData>(await run('dependents', NUMPY, '--json')).dependents;
      assert.deepEqual(d.targets.map((t) => [t.id, t.kind]), [[NUMPY, 'PACKAGE_VERSION']]);
      assert.deepEqual(d.models.map((m) => m.component.id).sort(), [OTHER, SENTIMENT]);
      const packages = d.packages.map((p) => [p.component.id, p.depth, p.path, p.via]).sort((a, b) => Number(a[1]) - Number(b[1]));
      assert.deepEqual(packages, [
        [TORCH, 1, [NUMPY, TORCH], ['DEPENDS_ON']],
        [CHATBOT, 2, [NUMPY, TORCH, CHATBOT], ['DEPENDS_ON', 'DEPENDS_ON']],
      ]);
      assert.deepEqual(d.subjects.map((s) => s.subject.id).sort(), [OTHER, SENTIMENT, CHATBOT].sort(), 'the chatbot SBOM lists torch, a dependent');
      assert.equal(d.sboms.totalCount, 3);

      const lodash = json<DependentsData>(await run('dependents', 'pkg:npm/lodash', '--json')).dependents;
      assert.deepEqual(lodash.targets.map((t) => t.id), [LODASH], 'a versionless purl means every version');
      const byId = new Map(lodash.packages.map((p) => [p.component.id, p]));
      assert.equal(byId.get(EXPRESS)?.depth, 1);
      assert.ok(byId.has(WEBSHOP), 'the application');
      assert.deepEqual(lodash.subjects.map((s) => s.subject.id), [WEBSHOP]);
      assert.deepEqual(lodash.artifacts, []);

      const direct = json<DependentsData>(await run('dependents', TORCH, '--direct', '--json')).dependents;
      assert.deepEqual(direct.models.map((m) => m.component.id).sort(), [OTHER, SENTIMENT]);
      assert.deepEqual(direct.packages.map((p) => p.component.id), [CHATBOT]);
      assert.ok([...direct.models, ...direct.packages].every((x) => x.depth === 1), 'direct means one hop');
      const shallow = json<DependentsData>(await run('dependents', NUMPY, '--max-depth', '1', '--first', '1', '--json')).dependents;
      assert.deepEqual(shallow.packages.map((p) => p.component.id), [TORCH], 'the chatbot is two hops away');
      assert.equal(shallow.sboms.edges.length, 1, '--first pages the SBOMs');
      assert.equal(shallow.sboms.pageInfo.hasNextPage, true);
    });

    test('dependents as text: the dependents table and the SBOM table', async () => {
      const r = await run('dependents', NUMPY);
      assert.equal(r.code, 0, r.stderr);
      const deps = tableRows(r.stdout, ['KIND', 'DEPENDENT', 'DEPTH', 'VIA', 'THROUGH']).map((l) => l.split(/ {2,}/));
      assert.equal(deps[1]![4], TORCH, 'THROUGH: the component in between');
      assert.deepEqual(deps.map((c) => [c[0], c[1], c[2]?.trim(), c[3]]), [
        ['package', TORCH, '1', 'DEPENDS_ON'],
        ['package', CHATBOT, '2', 'DEPENDS_ON > DEPENDS_ON'],
        ['model', OTHER, '1', 'CONTAINS'],
        ['model', SENTIMENT, '1', 'CONTAINS'],
      ]);
      const sboms = tableRows(r.stdout, ['SBOM', 'NAME', 'SUBJECT']).map((l) => l.split(/ {2,}/));
      assert.deepEqual(sboms.map((c) => c[2]).sort(), [OTHER, SENTIMENT, CHATBOT].sort());
    });

    test('provenance --json: signatures of a model; builder, materials and documents of a digest', async () => {
      const m = json<ProvenanceData>(await run('provenance', SENTIMENT, '--json')).provenance!;
      assert.equal(m.target.kind, 'Model');
      assert.deepEqual(m.signatures.map((s) => [s.trust, s.method, s.signer?.kind, s.signer?.subject, s.assertedBy?.format]), [['TRUSTED', 'key', 'key', 'release-key', 'oms-signature']]);
      assert.ok(m.documents.some((d) => d.relation === 'DESCRIBES' && d.document.format === 'cyclonedx-json'));
      const other = json<ProvenanceData>(await run('provenance', OTHER, '--json')).provenance!;
      assert.deepEqual(other.signatures.map((s) => [s.trust, s.reasonCode]), [['UNTRUSTED', 'KEY_NOT_TRUSTED']], JSON.stringify(other));

      const a = json<ProvenanceData>(await run('provenance', `sha256:${BUILT}`, '--json')).provenance!;
      assert.equal(a.target.kind, 'Artifact');
      assert.deepEqual(a.builds.map((b) => [b.builder, b.buildType, b.invocationId, b.assertedBy?.kind]), [['https://github.com/actions/runner', 'https://example.com/npm-build/v1', 'run-7', 'attestation']]);
      assert.deepEqual(a.materials.map((x) => [x.kind, x.id, x.revision]), [['SourceRepository', 'https://github.com/lodash/lodash', 'e'.repeat(40)]]);
      const none = json<ProvenanceData>(await run('provenance', `sha256:${'0'.repeat(64)}`, '--json'));
      assert.equal(none.provenance, null, 'an unknown digest is an empty answer, exit 0');
    });

    test('provenance as text: one section per kind of fact, each with its document', async () => {
      const r = await run('provenance', LODASH);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Provenance of ${LODASH.replace(/[.@]/g, '\\$&')} {2}\\(PackageVersion\\)$`, 'm'));
      const builds = tableRows(r.stdout, ['BUILDER', 'BUILD TYPE', 'INVOCATION', 'ASSERTED BY']).map((l) => l.split(/ {2,}/));
      assert.deepEqual(builds.map((c) => c.slice(0, 3)), [['https://github.com/actions/runner', 'https://example.com/npm-build/v1', 'run-7']]);
      assert.match(builds[0]![3]!, /^in-toto sha256:[0-9a-f]{64}$|^[a-z-]+ sha256:[0-9a-f]{64}$/);
      assert.match(r.stdout, /^Signatures: none$/m);
      const docs = tableRows(r.stdout, ['RELATION', 'KIND', 'FORMAT', 'DOCUMENT']).map((l) => l.split(/ {2,}/));
      assert.ok(docs.some((c) => c[0] === 'LISTS' && c[1] === 'sbom'), docs.join('\n'));
    });

    test('signed-models --json: trusted by default, --any-valid adds the untrusted signer; depth and path explain', async () => {
      const trusted = json<SignedModelsData>(await run('signed-models', '--depends-on', NUMPY, '--json')).signedModels;
      assert.deepEqual(trusted.map((m) => [m.model.id, m.depth, m.path, m.via]), [[SENTIMENT, 1, [SENTIMENT, NUMPY], ['CONTAINS']]]);
      assert.deepEqual(trusted[0]!.signatures.map((s) => [s.trust, s.signer?.subject]), [['TRUSTED', 'release-key']]);
      const any = json<SignedModelsData>(await run('signed-models', '--depends-on', 'pkg:pypi/torch', '--any-valid', '--json')).signedModels;
      assert.deepEqual(any.map((m) => m.model.id).sort(), [OTHER, SENTIMENT]);
      const byDataset = json<SignedModelsData>(await run('signed-models', '--depends-on', 'reviews', '--max-depth', '2', '--json')).signedModels;
      assert.deepEqual(byDataset.map((m) => m.model.id), [SENTIMENT]);
      const none = await run('signed-models', '--depends-on', LODASH, '--any-valid', '--json');
      assert.deepEqual(json<SignedModelsData>(none).signedModels, [], 'no model: empty answer, exit 0');
    });

    test('signed-models as text', async () => {
      const r = await run('signed-models', '--depends-on', BASE);
      assert.equal(r.code, 0, r.stderr);
      const rows = tableRows(r.stdout, ['MODEL', 'DEPTH', 'VIA', 'THROUGH', 'SIGNATURES']).map((l) => l.split(/ {2,}/));
      assert.equal(rows.length, 1);
      assert.equal(rows[0]![0], SENTIMENT);
      assert.equal(rows[0]![rows[0]!.length - 1], 'TRUSTED release-key (key)');
      assert.match(r.stdout, /^1 model$/m);
    });

    test('a bad purl exits 1 with the error code and what to do', async () => {
      const r = await run('dependents', 'pkg:/no-type-or-name');
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^supplygraph query dependents: BAD_PURL: GraphQL: "pkg:\/no-type-or-name" is not a valid purl/m);
      assert.match(r.stderr, /what to do: check the purl: pkg:<type>/);
      const j = await run('dependents', 'pkg:/no-type-or-name', '--json');
      assert.equal(j.code, 1);
      assert.equal(j.stdout, '', 'no JSON data on stdout for a failed query');
      assert.match(j.stderr, /BAD_PURL/);
      const ref = await run('provenance', 'no such thing');
      assert.equal(ref.code, 1);
      assert.match(ref.stderr, /BAD_USER_INPUT: .*is not a purl/);
    });

    test('the token: --token beats the environment; none at all is UNAUTHORIZED with a hint', async () => {
      const flag = await cli(['affected', 'CVE-2099-7777', '--json', '--token', TOKEN], { SUPPLYGRAPH_SERVER: svc.url });
      assert.equal(flag.code, 0, flag.stderr);
      const wrong = await cli(['affected', 'CVE-2099-7777', '--token', 'not-the-token-at-all-xx'], env);
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /UNAUTHORIZED/);
      const missing = await cli(['affected', 'CVE-2099-7777'], { SUPPLYGRAPH_SERVER: svc.url });
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /UNAUTHORIZED: not authenticated .*pass --token <token> or set SUPPLYGRAPH_TOKEN/);
    });
  });
}

/** Job status with the bearer token (the service requires one for reads). */
async function waitForJobWithToken(url: string, id: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${url}/api/v1/jobs/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const job = (await res.json()) as Record<string, unknown>;
    if (job.state === 'completed' || job.state === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${String(job.state)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
