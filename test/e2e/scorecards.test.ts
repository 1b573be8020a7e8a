/**
 * End to end, on each engine: OpenSSF Scorecard results (GUAC's corpus,
 * ../shared/corpora/guac-data-docs/scorecard/, as GUAC ingests them) become facts
 * about the source repository, reachable from package versions built from it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGINES } from '../support/engines.js';
import { fixturePath } from '../support/fixtures.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';
import { spdx } from '../support/spdx-factory.js';

const CORPUS = fixturePath('guac-data/scorecard');
const COMMIT = '140c27533044e9e00f800d3ad0517540e3e4ecad';

interface ScorecardView { id: string; commit: string | null; date: string; score: number | null; checks: Array<{ name: string; score: number | null; reason: string | null }>; assertedBy: { kind: string; format: string } | null }

const SCORECARD_FIELDS = 'id commit date score checks { name score reason } assertedBy { kind format }';

async function ingestBytes(svc: RunningService, body: string | Buffer): Promise<Record<string, unknown>> {
  const up = await upload(svc.url, body);
  assert.equal(up.status, 202, JSON.stringify(up.json));
  return waitForJob(svc.url, String(up.json.jobId));
}

for (const engine of ENGINES) {
  describe(`OpenSSF Scorecard: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine); });
    after(async () => { await svc?.stop(); });

    test('the 8 Scorecard results of GUAC\'s corpus ingest as scorecards of github.com/kubernetes/kubernetes', async () => {
      const files = (await readdir(CORPUS)).filter((f) => f.endsWith('.json')).sort();
      assert.equal(files.length, 8);
      for (const f of files) {
        const job = await ingestBytes(svc, await readFile(path.join(CORPUS, f)));
        assert.equal(job.state, 'completed', `${f}: ${JSON.stringify(job.failure)}`);
        assert.equal((job.result as { format: string }).format, 'openssf-scorecard', f);
      }
      // Any spelling of the repository URL finds it.
      for (const url of ['github.com/kubernetes/kubernetes', 'https://github.com/kubernetes/kubernetes', 'git+https://github.com/kubernetes/kubernetes.git']) {
        const res = await graphql<{ sourceRepository: { url: string; scorecards: ScorecardView[] } | null }>(svc.url,
          `query($u: String!) { sourceRepository(url: $u) { url scorecards { ${SCORECARD_FIELDS} } } }`, { u: url });
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        assert.equal(res.data.sourceRepository?.url, 'https://github.com/kubernetes/kubernetes', url);
        assert.equal(res.data.sourceRepository.scorecards.length, 8, url);
      }
      const res = await graphql<{ sourceRepository: { scorecards: ScorecardView[] } }>(svc.url,
        `{ sourceRepository(url: "github.com/kubernetes/kubernetes") { scorecards { ${SCORECARD_FIELDS} } } }`);
      const run = res.data.sourceRepository.scorecards.find((s) => s.commit === COMMIT)!;
      // Values from scorecard-kubernetes-140c2753….json.
      assert.equal(run.date, '2022-10-15');
      assert.equal(run.score, 9);
      assert.deepEqual(run.checks.find((c) => c.name === 'Binary-Artifacts'), { name: 'Binary-Artifacts', score: 10, reason: 'no binaries found in the repo' });
      assert.equal(run.checks.find((c) => c.name === 'Code-Review')?.score, 8);
      assert.deepEqual(run.assertedBy, { kind: 'scorecard', format: 'openssf-scorecard' });
      const dates = res.data.sourceRepository.scorecards.map((s) => s.date);
      assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    });

    test('a package version built from the repository has the scorecard of its source revision', async () => {
      const job = await ingestBytes(svc, JSON.stringify(spdx('kube-apiserver-sbom', [{
        id: 'SPDXRef-k8s', name: 'k8s.io/kubernetes', version: 'v1.25.3', refs: [
          ['PACKAGE-MANAGER', 'purl', 'pkg:golang/k8s.io/kubernetes@v1.25.3'],
          ['OTHER', 'vcs', `git+https://github.com/kubernetes/kubernetes@${COMMIT}`],
        ],
      }], [['SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-k8s']])));
      assert.equal(job.state, 'completed', JSON.stringify(job.failure));
      const res = await graphql<{ packageVersion: Array<{ purl: string; scorecard: ScorecardView | null }> }>(svc.url,
        `{ packageVersion(purl: "pkg:golang/k8s.io/kubernetes@v1.25.3") { purl scorecard { ${SCORECARD_FIELDS} } } }`);
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.equal(res.data.packageVersion[0]?.scorecard?.commit, COMMIT);
      assert.equal(res.data.packageVersion[0]?.scorecard?.score, 9);
    });
  });
}
