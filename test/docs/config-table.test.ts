/**
 * README.md's configuration table is services/config/config.ts: every
 * variable the code reads has an entry in CONFIG_VARIABLES, every entry is
 * read somewhere, and the README's table is exactly the rendered list.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../services/config/config.js';
import { REPO } from '../../scripts/docs/doc-examples.js';
import { ConfigTableMarkersError, README, renderConfigTable, spliceConfigTable } from '../../scripts/docs/config-table.js';

/** `NEO4J_USER / NEO4J_PASSWORD` documents two variables in one row. */
const documented = new Set(CONFIG_VARIABLES.flatMap((v) => v.variable.split(/\s*\/\s*/)));

/** Environment variable names written in the production code. */
async function namesInSources(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(path.join(REPO, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) await walk(rel);
      else if (/\.(ts|js)$/.test(e.name)) {
        for (const m of (await readFile(path.join(REPO, rel), 'utf8')).matchAll(/\b(?:SUPPLYGRAPH|NEO4J|REDIS)_[A-Z0-9_]*[A-Z0-9]\b/g)) if (!found.has(m[0])) found.set(m[0], rel);
      }
    }
  };
  for (const dir of ['services', 'ingestors', 'schema', 'bin']) await walk(dir);
  return found;
}

describe('configuration table', () => {
  test('every variable loadConfig reads has an entry in CONFIG_VARIABLES', () => {
    const read = new Set<string>();
    const env = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_t, name) => {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    });
    loadConfig(env);
    assert.ok(read.size >= 25, `loadConfig read only ${read.size} variables; the probe is not seeing its reads`);
    const missing = [...read].filter((n) => !documented.has(n));
    assert.deepEqual(missing, [], `add these to CONFIG_VARIABLES in services/config/config.ts, then run npm run docs:config: ${missing.join(', ')}`);
  });

  test('every variable named in the code is documented, and every documented one is used', async () => {
    const inCode = await namesInSources();
    const undocumented = [...inCode].filter(([n]) => !documented.has(n)).map(([n, file]) => `${n} (${file})`);
    assert.deepEqual(undocumented, [], `add these to CONFIG_VARIABLES in services/config/config.ts: ${undocumented.join(', ')}`);
    const unused = [...documented].filter((n) => !inCode.has(n));
    assert.deepEqual(unused, [], `CONFIG_VARIABLES documents variables nothing reads: ${unused.join(', ')}`);
    assert.equal(new Set(CONFIG_VARIABLES.map((v) => v.variable)).size, CONFIG_VARIABLES.length, 'a variable is listed twice');
    for (const v of CONFIG_VARIABLES) assert.ok(v.default.trim() !== '' && v.meaning.trim() !== '', `${v.variable} needs a default and a meaning`);
  });

  test('README.md shows exactly CONFIG_VARIABLES (npm run docs:config regenerates it)', async () => {
    const readme = await readFile(README, 'utf8');
    const { current, updated } = spliceConfigTable(readme, renderConfigTable());
    assert.equal(current.trim(), renderConfigTable(), 'README.md\'s configuration table differs from services/config/config.ts: run `npm run docs:config`');
    assert.equal(updated, readme);
    for (const name of ['SUPPLYGRAPH_STARTUP_WAIT_MS', 'SUPPLYGRAPH_JOB_LOCK_MS', 'SUPPLYGRAPH_JOB_STALLED_CHECK_MS']) assert.match(current, new RegExp(`\\| \`${name}\` \\|`));
  });

  test('a new entry becomes a README row; a README without markers is refused', () => {
    const extra = [...CONFIG_VARIABLES, { variable: 'SUPPLYGRAPH_NEW_THING', default: '3', meaning: 'Cells with a | pipe and <angle> brackets.' }];
    const table = renderConfigTable(extra);
    assert.match(table, /^\| `SUPPLYGRAPH_NEW_THING` \| 3 \| Cells with a \\\| pipe and <angle> brackets\. \|$/m);
    assert.equal(table.split('\n').length, extra.length + 2);
    assert.throws(() => spliceConfigTable('# no table here\n', table), ConfigTableMarkersError);
  });

  test('the renamed SUPPLYGRAPH_PARSE_THREADS stops start-up and names SUPPLYGRAPH_PARSE_PROCESSES; the new name is read', () => {
    assert.throws(() => loadConfig({ SUPPLYGRAPH_PARSE_THREADS: '2' }), (err: unknown) =>
      err instanceof ConfigError && /SUPPLYGRAPH_PARSE_THREADS/.test(err.message) && /SUPPLYGRAPH_PARSE_PROCESSES/.test(err.message));
    assert.equal(loadConfig({ SUPPLYGRAPH_PARSE_PROCESSES: '3' }).limits.parseProcesses, 3);
  });
});
