#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` builds it (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/services/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('supplygraph is not built yet: run `npm run build` (or `npm ci`, which builds it) in the supplygraph folder.\n');
  process.exit(1);
}
await import(entry);
