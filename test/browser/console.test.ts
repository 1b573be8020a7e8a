/**
 * The web console in a real browser (Debian's headless Chromium) against a
 * real server (embedded engine) holding a small investigation made here: the
 * investigator's questions are answered on screen, through the public API,
 * with the server's tokens and scopes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startService, type RunningService } from '../support/service.js';
import { cleanupTmp } from '../unit/oms/fixtures.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { ensureConsoleBuilt, launchChromium } from './harness.js';
import { CVE, GHSA, IMAGE, MODEL_PURL, ingest, makeInvestigation } from './investigation.js';

const READ = 'reader-token-0123456789';
const INGEST = 'ingest-token-0123456789';
const ADMIN = 'admin-token-0123456789';

describe('web console', () => {
  let svc: RunningService;
  let browser: Browser;
  let sbomIds: string[] = [];

  before(async () => {
    ensureConsoleBuilt();
    const inv = await makeInvestigation();
    svc = await startService('kuzu', {
      SUPPLYGRAPH_API_TOKENS: `reader:read:${READ},ci:ingest:${INGEST},ops:admin:${ADMIN}`,
      SUPPLYGRAPH_TRUST_CONFIG: inv.trustConfig,
    });
    sbomIds = await ingest(svc.url, ADMIN, inv.documents);
    // One library that 220 components depend on: more than the graph view draws.
    const many = Array.from({ length: 220 }, (_, i) => ({ name: `leaf${i}`, version: '1.0.0', purl: `pkg:npm/leaf${i}@1.0.0`, ref: `l${i}` }));
    const fanIn = cyclonedx({
      subject: { name: 'monorepo', version: '1.0.0', purl: 'pkg:npm/monorepo@1.0.0', ref: 'root', type: 'application' },
      components: [...many, { name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0', ref: 'lp' }],
      dependencies: [{ ref: 'root', dependsOn: many.map((m) => m.ref) }, ...many.map((m) => ({ ref: m.ref, dependsOn: ['lp'] }))],
    });
    await ingest(svc.url, ADMIN, [{ name: 'monorepo.cdx.json', body: Buffer.from(JSON.stringify(fanIn)) }]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await svc?.stop();
    cleanupTmp();
  });

  /** A fresh tab (its own sessionStorage) holding `token`, as if the user had pasted it. */
  async function tab(token: string | null): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    if (token) await context.addInitScript(`sessionStorage.setItem('supplygraph.token', ${JSON.stringify(token)})`);
    return context.newPage();
  }

  test('a deep-linked CVE search without a token says 401; with a pasted token it finds the vulnerability, whose page lists the images with their VEX status and why', async () => {
    const page = await tab(null);
    await page.goto(`${svc.url}/?q=${CVE}`);
    await page.getByRole('alert').filter({ hasText: 'Not authorised (401)' }).waitFor();

    await page.getByRole('button', { name: /Token: none/ }).click();
    await page.getByLabel('API token').fill(READ);
    await page.getByRole('button', { name: 'Use' }).click();
    const hit = page.locator('section[data-group="Vulnerability"] li', { hasText: GHSA }).getByRole('link', { name: CVE });
    await hit.waitFor();
    await hit.click();

    await page.waitForURL(/\/vulnerability\?id=/);
    const rows = page.locator('table.affected tbody tr[data-subject]');
    await rows.first().waitFor();
    const seen = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-subject')} ${tr.getAttribute('data-status')}`).sort());
    assert.deepEqual(seen, [`${IMAGE('image-a')} AFFECTED`, `${IMAGE('image-b')} NOT_AFFECTED`], 'image-c ships the fixed 4.2.8');
    await page.getByText('vulnerable_code_not_in_execute_path').first().waitFor();
    assert.ok(await page.getByText(CVE).first().isVisible(), 'the alias is shown');

    // The why of image-a: image → its app → django, drawn as a path.
    await page.locator(`tr[data-subject="${IMAGE('image-a')}"] button.why`).click();
    const chain = page.locator('.why-row .path');
    await chain.waitFor();
    assert.deepEqual(await chain.locator('.pnode a').allTextContents(), [IMAGE('image-a'), 'pkg:pypi/image-a-app@1.0.0', 'pkg:pypi/django@4.2.0']);

    // The status filter is a new API request with the statuses in the URL.
    await page.getByRole('checkbox', { name: 'NOT_AFFECTED' }).uncheck();
    await page.waitForURL(/status=AFFECTED%2CFIXED%2CUNDER_INVESTIGATION|status=AFFECTED,FIXED,UNDER_INVESTIGATION/);
    await page.locator('h2', { hasText: 'Affected products' }).locator('.count', { hasText: '1' }).waitFor();
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-subject'))), [IMAGE('image-a')]);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const text = await new Response((await csv.createReadStream()) as unknown as ReadableStream).text();
    assert.match(text, /^vulnerability,subject,sbom,/);
    assert.ok(text.includes(`${IMAGE('image-a')}`) && !text.includes(IMAGE('image-b')), text);
    await page.context().close();
  });

  test('a purl search leads to the package page with its dependents grouped, the products that contain it, and its vulnerabilities', async () => {
    const page = await tab(READ);
    await page.goto(`${svc.url}/`);
    await page.getByLabel('search').fill('pkg:pypi/django@4.2.0');
    const hit = page.locator('section[data-group="Package version"] a', { hasText: 'pkg:pypi/django@4.2.0' });
    await hit.waitFor();
    assert.match(page.url(), /\?q=pkg%3Apypi%2Fdjango%404\.2\.0$/, 'the URL follows the box');
    await page.getByLabel('search').press('Enter');
    await page.waitForURL(/\/package\?purl=/);
    const dependents = page.locator('#dependents');
    await dependents.waitFor();
    const text = await dependents.textContent();
    for (const p of [IMAGE('image-a'), IMAGE('image-b'), 'pkg:pypi/image-a-app@1.0.0']) assert.ok(text!.includes(p), `${p} depends on django`);
    assert.ok(!text!.includes(IMAGE('image-c')), 'image-c has another version');
    await page.locator('a', { hasText: GHSA }).first().waitFor();
    await page.context().close();
  });

  test('the model page shows each signature with its verdict, reason and signer, and the SBOM that describes it; the package it is built on lists it as a signed dependent', async () => {
    const res = await fetch(`${svc.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${READ}` },
      body: JSON.stringify({ query: 'query($p: String) { models(purl: $p) { signatures { trust signer { keyFingerprint } } } }', variables: { p: MODEL_PURL } }),
    });
    const api = ((await res.json()) as { data: { models: Array<{ signatures: Array<{ trust: string; signer: { keyFingerprint: string } }> }> } }).data.models[0]!.signatures;
    assert.deepEqual(api.map((s) => s.trust).sort(), ['TRUSTED', 'UNTRUSTED']);

    const page = await tab(READ);
    await page.goto(`${svc.url}/model?ref=${encodeURIComponent(MODEL_PURL)}`);
    const sigs = page.locator('table.signatures tbody tr');
    await sigs.first().waitFor();
    for (const s of api) {
      const row = page.locator(`table.signatures tr[data-trust="${s.trust}"]`);
      assert.ok((await row.locator('.signer').textContent())!.includes(s.signer.keyFingerprint), `the ${s.trust} row names its signer`);
    }
    assert.match((await page.locator('table.signatures tr[data-trust="UNTRUSTED"]').textContent())!, /trust/i, 'the untrusted verdict says why');
    assert.match((await page.locator('h1').first().textContent())!, /TRUSTED/);
    await page.getByText('cyclonedx-json').first().waitFor();

    // From a package the model is built on: which signed models depend on it.
    await page.goto(`${svc.url}/package?purl=${encodeURIComponent('pkg:pypi/torch@2.3.0')}`);
    const signed = page.locator('#signed-models tbody tr');
    await signed.first().waitFor();
    assert.equal(await signed.count(), 1);
    const signedText = (await signed.textContent())!;
    assert.ok(signedText.includes(MODEL_PURL) && signedText.includes('TRUSTED'), signedText);
    await page.context().close();
  });

  test('uploading with a read token is refused on screen (403); with an ingest token the job completes on screen', async () => {
    const doc = { name: 'service-x.cdx.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(cyclonedx({ subject: { name: 'service-x', version: '2.0.0', purl: 'pkg:npm/service-x@2.0.0', ref: 'x', type: 'application' }, components: [{ name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', ref: 'l' }] }))) };
    const reader = await tab(READ);
    await reader.goto(`${svc.url}/upload`);
    await reader.locator('input[type=file]').setInputFiles(doc);
    await reader.locator('tr[data-file="service-x.cdx.json"][data-state="refused"]').waitFor();
    assert.match((await reader.getByRole('alert').textContent())!, /Forbidden \(403\).*token "reader" has scope read; POST \/api\/v1\/documents needs "ingest"/);
    await reader.context().close();

    const ci = await tab(INGEST);
    await ci.goto(`${svc.url}/upload`);
    await ci.locator('input[type=file]').setInputFiles(doc);
    const row = ci.locator('tr[data-file="service-x.cdx.json"][data-state="completed"]');
    await row.waitFor();
    assert.match((await row.textContent())!, /sbom \(cyclonedx-json\)/);
    await ci.context().close();
  });

  test('the SBOM page filters components by licence and downloads the original document', async () => {
    const page = await tab(READ);
    await page.goto(`${svc.url}/sbom?id=${sbomIds[0]}`);
    await page.locator('#components tbody tr').first().waitFor();
    assert.equal(await page.locator('#components tbody tr').count(), 4, 'the image, its app, django and requests');
    await page.getByRole('link', { name: 'BSD-3-Clause' }).click();
    await page.waitForURL(/license=BSD-3-Clause/);
    await page.locator('#components h2 .count', { hasText: /^1$/ }).waitFor();
    assert.deepEqual(await page.locator('#components tbody tr td:first-child').allTextContents(), ['pkg:pypi/django@4.2.0']);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download/ }).click()]);
    const got = await new Response((await dl.createReadStream()) as unknown as ReadableStream).text();
    assert.equal(JSON.parse(got).metadata.component.name, 'image-a');
    await page.context().close();
  });

  test('the graph view draws a neighbourhood and folds what does not fit into aggregate nodes', async () => {
    const page = await tab(READ);
    await page.goto(`${svc.url}/graph?node=${encodeURIComponent('pkg:pypi/django@4.2.0')}&direction=dependents&depth=2`);
    const canvas = page.locator('.cy');
    await canvas.waitFor();
    assert.ok(Number(await canvas.getAttribute('data-nodes')) >= 4, 'django, its app and the images');

    await page.goto(`${svc.url}/graph?node=${encodeURIComponent('pkg:npm/left-pad@1.3.0')}&direction=dependents&depth=2`);
    await page.getByText(/folded into grey aggregate nodes/).waitFor();
    const drawn = Number(await page.locator('.cy').getAttribute('data-nodes'));
    assert.ok(drawn <= 150 && drawn > 100, `drew ${drawn} of 222 nodes`);
    assert.match((await page.locator('main p.muted.small').textContent())!, /of 222 nodes drawn, \d+ folded/);
    await page.context().close();
  });
});
