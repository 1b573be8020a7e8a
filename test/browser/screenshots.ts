/**
 * `npm run docs:screenshots`: starts a throwaway server (embedded engine, temp
 * data dir), ingests the investigation the browser tests use, and saves a
 * screenshot of each console page to docs/ui/*.png.
 *
 *   npm run docs:screenshots [-- --out DIR]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import UPNG from 'upng-js';
import path from 'node:path';
import { projectRoot } from '../../services/config/paths.js';
import { startService } from '../support/service.js';
import { cleanupTmp } from '../unit/oms/fixtures.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { ensureConsoleBuilt, launchChromium } from './harness.js';
import { CVE, IMAGE, MODEL_PURL, ingest, makeInvestigation } from './investigation.js';

const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]!) : path.join(projectRoot(), 'docs', 'ui');

/** A 128-colour palette PNG: the pages are flat colours and text, so this keeps them sharp at a third of the size. */
function small(png: Buffer): Buffer {
  const img = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
  return Buffer.from(UPNG.encode(UPNG.toRGBA8(img), img.width, img.height, 128));
}

ensureConsoleBuilt();
const inv = await makeInvestigation();
const svc = await startService('kuzu', { SUPPLYGRAPH_TRUST_CONFIG: inv.trustConfig });
const browser = await launchChromium();
try {
  const keys = await ingest(svc.url, '', inv.documents);
  await mkdir(out, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1200, height: 720 } });
  const shots: Array<{ name: string; url: string; ready: (p: typeof page) => Promise<unknown> }> = [
    { name: 'search', url: `/?q=${CVE}`, ready: (p) => p.locator('section[data-group="Vulnerability"]').waitFor() },
    { name: 'vulnerability', url: `/vulnerability?id=${CVE}`, ready: async (p) => {
      await p.locator(`tr[data-subject="${IMAGE('image-a')}"] button.why`).click();
      await p.locator('.why-row .path').waitFor();
      await p.locator('#affected').scrollIntoViewIfNeeded();
    } },
    { name: 'package', url: `/package?purl=${encodeURIComponent('pkg:pypi/django@4.2.0')}`, ready: (p) => p.locator('#dependents').waitFor() },
    { name: 'model', url: `/model?ref=${encodeURIComponent(MODEL_PURL)}`, ready: (p) => p.locator('table.signatures').waitFor() },
    { name: 'sbom', url: `/sbom?id=${keys[0]}`, ready: (p) => p.locator('#components tbody tr').first().waitFor() },
    { name: 'graph', url: `/graph?node=${encodeURIComponent('pkg:pypi/django@4.2.0')}&direction=dependents&depth=3`, ready: async (p) => { await p.locator('.cy').waitFor(); await p.waitForTimeout(500); } },
    { name: 'upload', url: '/upload', ready: async (p) => {
      const sbom = cyclonedx({ subject: { name: 'payments', version: '3.1.0', purl: 'pkg:docker/acme/payments@3.1.0', ref: 'p', type: 'container' }, components: [{ name: 'django', version: '4.2.1', purl: 'pkg:pypi/django@4.2.1', ref: 'dj' }, { name: 'internal-tool', ref: 'x' }] });
      await p.locator('input[type=file]').setInputFiles({ name: 'payments.cdx.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(sbom)) });
      await p.locator('tr[data-state="completed"]').waitFor();
    } },
  ];
  for (const s of shots) {
    await page.goto(`${svc.url}${s.url}`);
    try {
      await s.ready(page);
    } catch (err) {
      await page.screenshot({ path: path.join(out, `${s.name}-failed.png`) });
      throw err;
    }
    const file = path.join(out, `${s.name}.png`);
    await writeFile(file, small(await page.screenshot()));
    process.stdout.write(`${file}\n`);
  }
} finally {
  await browser.close();
  await svc.stop();
  cleanupTmp();
}
