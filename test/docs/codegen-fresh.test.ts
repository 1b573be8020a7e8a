/**
 * The committed resolver types (services/api/graphql/generated/types.ts) are
 * what GraphQL Code Generator makes of the SDL now: a schema change without
 * `npm run codegen` fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import config from '../../codegen.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test('generated GraphQL types match the SDL', async () => {
  const outputs = await generate({ ...config, cwd: REPO_ROOT, silent: true }, false) as Array<{ filename: string; content: string }>;
  assert.equal(outputs.length, 1);
  const committed = readFileSync(path.join(REPO_ROOT, outputs[0]!.filename), 'utf8');
  assert.ok(outputs[0]!.content === committed, 'services/api/graphql/generated/types.ts is stale: run npm run codegen and commit it');
});
