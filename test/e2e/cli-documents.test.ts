/**
 * `supplygraph ingest --label` and `supplygraph documents list|download|delete`
 * against a running server on each engine, as a user runs them (child processes).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES } from '../support/engines.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { startService, type RunningService } from '../support/service.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface CliResult { code: number; stdout: string; stderr: string }

function cli(args: string[], server: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', SUPPLYGRAPH_SERVER: server };
    delete env.SUPPLYGRAPH_TOKEN;
    execFile(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', ...args], { cwd: REPO, env, timeout: 120_000, encoding: 'buffer' }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') {
        reject(new Error(`supplygraph ${args.join(' ')} did not run: ${err.message}\n${stderr.toString()}`));
        return;
      }
      resolve({ code: err ? Number(err.code) : 0, stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') });
    });
  });
}

for (const engine of ENGINES) {
  describe(`cli documents: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine); });
    after(async () => { await svc?.stop(); });

    test('ingest with labels, list by label, download the bytes, delete twice', async () => {
      const file = path.join(svc.dataDir, 'shop.cdx.json');
      const text = `${JSON.stringify(cyclonedx({ subject: { name: 'shop', version: '1.0.0', purl: 'pkg:npm/shop@1.0.0', ref: 'app', type: 'application' }, components: [{ name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0', ref: 'lp' }] }), null, 2)}\n`;
      await writeFile(file, text);
      const ingest = await cli(['ingest', file, '--label', 'team=web', '--label', 'env=prod', '--json'], svc.url);
      assert.equal(ingest.code, 0, ingest.stderr);

      const listed = await cli(['documents', 'list', '--label', 'team=web', '--kind', 'sbom', '--json'], svc.url);
      assert.equal(listed.code, 0, listed.stderr);
      const page = JSON.parse(listed.stdout) as { totalCount: number; documents: Array<{ id: string; labels: Record<string, string> }> };
      assert.equal(page.totalCount, 1);
      assert.deepEqual(page.documents[0]!.labels, { env: 'prod', team: 'web' });
      const id = page.documents[0]!.id;
      assert.equal(JSON.parse((await cli(['documents', 'list', '--label', 'team=api', '--json'], svc.url)).stdout).totalCount, 0);
      const table = await cli(['documents', 'list'], svc.url);
      assert.match(table.stdout, new RegExp(`${id}\\tsbom\\tcyclonedx-json\\tshop 1\\.0\\.0\\t.*\\tenv=prod,team=web`));

      const out = path.join(svc.dataDir, 'downloaded.json');
      const download = await cli(['documents', 'download', id, '-o', out], svc.url);
      assert.equal(download.code, 0, download.stderr);
      assert.equal(await readFile(out, 'utf8'), text);

      const deleted = await cli(['documents', 'delete', id, '--json'], svc.url);
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.equal((JSON.parse(deleted.stdout) as { id: string }).id, id);
      const again = await cli(['documents', 'delete', id], svc.url);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /DOCUMENT_NOT_FOUND|no document/);
      const bad = await cli(['ingest', file, '--label', 'no-equals-sign'], svc.url);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /--label/);
    });
  });
}
