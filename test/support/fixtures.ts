/**
 * Where tests find real third-party documents.
 *
 * - `fixturePath`: the curated set committed under test/fixtures (each file's
 *   source, commit and licence in test/fixtures/PROVENANCE.md). Every suite
 *   that `npm test` runs reads only these, so a bare clone passes on its own.
 * - `sharedDir`: the full corpora in SUPPLYGRAPH_SHARED_DIR (default ../shared
 *   beside the checkout), read only by test/corpus (`npm run test:corpus`).
 *   There a missing directory is a failure with a clear message, never a skip:
 *   the extended run exists to exercise those corpora.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures');

export function fixturePath(...parts: string[]): string {
  return path.join(FIXTURES_DIR, ...parts);
}

export function sharedDir(): string {
  const dir = process.env.SUPPLYGRAPH_SHARED_DIR ?? path.resolve(REPO_ROOT, '..', 'shared');
  if (!existsSync(dir)) {
    throw new Error(`the shared corpora are not at ${dir}: the corpus suite (npm run test:corpus) reads them; ` +
      'put shared/ beside the checkout or set SUPPLYGRAPH_SHARED_DIR (npm test does not need them)');
  }
  return dir;
}
