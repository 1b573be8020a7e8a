/**
 * What the browser tests share: a console build no older than its sources, and
 * Debian's headless Chromium driven by playwright-core (no browser download).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from '../../services/config/paths.js';

export const CHROMIUM = process.env.SUPPLYGRAPH_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the console when dist/console is missing or older than console/ (CI's `npm ci` has built it already). */
export function ensureConsoleBuilt(): void {
  const root = projectRoot();
  const index = path.join(root, 'dist', 'console', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(path.join(root, 'console'))) return;
  execFileSync('npm', ['run', '--silent', 'build:console'], { cwd: root, stdio: 'inherit' });
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set SUPPLYGRAPH_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
