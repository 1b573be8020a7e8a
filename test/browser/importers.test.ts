/**
 * The Importers page in a real browser (Debian's headless Chromium) against a
 * real server (embedded engine) with one importer configured against a local
 * OSV feed: an admin sees it, presses "Run now" and watches the run's counts
 * arrive; a read token is told it needs the admin scope; a server with no
 * importers says how to configure them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { tempDir } from '../support/engines.js';
import { startService, type RunningService } from '../support/service.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { OSV_FIXTURES, writeOsvZip } from '../support/feeds.js';
import { ensureConsoleBuilt, launchChromium } from './harness.js';

const READ = 'reader-token-0123456789';
const ADMIN = 'admin-token-0123456789';

describe('web console: importers', () => {
  let svc: RunningService;
  let bare: RunningService;
  let feeds: FeedServer;
  let browser: Browser;

  before(async () => {
    ensureConsoleBuilt();
    const root = await tempDir('supplygraph-feeds-');
    feeds = await startFeedServer(root);
    await writeOsvZip(root);
    const config = path.join(root, 'importers.yaml');
    // No interval: only "Run now" starts it, so the page shows it before its first run.
    await writeFile(config, ['importers:', `  - { name: osv-pypi, kind: osv, source: "${feeds.url}/osv/all.zip" }`].join('\n'));
    const tokens = `reader:read:${READ},ops:admin:${ADMIN}`;
    svc = await startService('kuzu', { SUPPLYGRAPH_IMPORTERS_CONFIG: config, SUPPLYGRAPH_API_TOKENS: tokens });
    bare = await startService('kuzu', { SUPPLYGRAPH_API_TOKENS: tokens });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await svc?.stop();
    await bare?.stop();
    await feeds?.close();
  });

  async function tab(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript(`sessionStorage.setItem('supplygraph.token', ${JSON.stringify(token)})`);
    return context.newPage();
  }

  test('an admin opens Importers from the navigation, presses "Run now" and sees the run\'s counts and failed entry', async () => {
    const page = await tab(ADMIN);
    await page.goto(`${svc.url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Importers' }).click();
    await page.waitForURL(/\/importers$/);
    const row = page.locator('tr[data-importer="osv-pypi"]');
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'never');
    assert.ok(await row.getByText(`${feeds.url}/osv/all.zip`).isVisible(), 'the source is shown');
    assert.ok(await row.getByText('by hand').isVisible(), 'no interval: no schedule');
    const counts = async () => row.locator('[data-count]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-count')}=${e.textContent}`));
    assert.deepEqual(await counts(), ['seen=0', 'new=0', 'failed=0']);

    await row.getByRole('button', { name: 'Run now' }).click();
    await page.locator('tr[data-importer="osv-pypi"][data-state="succeeded"]').waitFor();
    assert.deepEqual(await counts(), [`seen=${OSV_FIXTURES.length + 1}`, `new=${OSV_FIXTURES.length}`, 'failed=1']);
    assert.ok(await row.getByText('SUCCEEDED').isVisible());
    assert.ok(await row.getByText('ENTRY_NOT_JSON', { exact: true }).isVisible(), 'the last error names its code');
    await row.getByText('1 failed entry').click();
    assert.ok(await row.getByText('broken.json: ENTRY_NOT_JSON').isVisible(), 'the failed entry is listed');
    assert.ok(await row.getByRole('button', { name: 'Run now' }).isEnabled(), 'the button is back once the run has finished');

    // A second run reads an unchanged feed: the counts go back to zero.
    await row.getByRole('button', { name: 'Run now' }).click();
    await page.locator('tr[data-importer="osv-pypi"][data-state="succeeded"] [data-count="seen"]', { hasText: /^0$/ }).waitFor();
    assert.deepEqual(await counts(), ['seen=0', 'new=0', 'failed=0']);
  });

  test('a read token is told the page needs the admin scope', async () => {
    const page = await tab(READ);
    await page.goto(`${svc.url}/importers`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Forbidden \(403\): importers need a token with the admin scope/);
    assert.equal(await page.locator('tr[data-importer]').count(), 0);
  });

  test('a server with no importers says how to configure them', async () => {
    const page = await tab(ADMIN);
    await page.goto(`${bare.url}/importers`);
    const empty = page.locator('.empty-importers');
    await empty.waitFor();
    const text = await empty.innerText();
    assert.match(text, /No importers are configured/);
    assert.match(text, /SUPPLYGRAPH_IMPORTERS_CONFIG/);
    assert.match(text, /docs\/importers\.md/);
  });
});
