/**
 * README.md's configuration table, generated from CONFIG_VARIABLES in
 * services/config/config.ts (the one place a variable's default and meaning
 * are written).
 *
 *   npx tsx scripts/docs/config-table.ts           # check: exit 1 when README.md differs
 *   npx tsx scripts/docs/config-table.ts --write   # rewrite the table (npm run docs:config)
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES, type ConfigDescription } from '../../services/config/config.js';
import { REPO } from './doc-examples.js';

export const BEGIN = '<!-- config-table:begin (generated from services/config/config.ts: npm run docs:config) -->';
export const END = '<!-- config-table:end -->';

/** A table cell: pipes would end the cell, and a bare `<…>` would be read as HTML. */
function cell(text: string, code: boolean): string {
  const escaped = text.replace(/\|/g, '\\|');
  return code ? escaped : escaped.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderConfigTable(variables: readonly ConfigDescription[] = CONFIG_VARIABLES): string {
  const rows = variables.map((v) => `| \`${cell(v.variable, true)}\` | ${cell(v.default, false)} | ${cell(v.meaning, true)} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export class ConfigTableMarkersError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigTableMarkersError';
  }
}

/** The text between the markers, and the README with it replaced by `table`. */
export function spliceConfigTable(readme: string, table: string): { current: string; updated: string } {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new ConfigTableMarkersError(`README.md needs the markers ${BEGIN} and ${END} around the configuration table`);
  const from = begin + BEGIN.length;
  return { current: readme.slice(from, end), updated: `${readme.slice(0, from)}\n${table}\n${readme.slice(end)}` };
}

export const README = path.join(REPO, 'README.md');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const readme = await readFile(README, 'utf8');
  const { updated } = spliceConfigTable(readme, renderConfigTable());
  if (updated === readme) {
    process.stdout.write(`README.md: configuration table up to date (${CONFIG_VARIABLES.length} variables)\n`);
  } else if (process.argv.includes('--write')) {
    await writeFile(README, updated);
    process.stdout.write(`README.md: configuration table rewritten (${CONFIG_VARIABLES.length} variables)\n`);
  } else {
    process.stderr.write('README.md: the configuration table differs from services/config/config.ts; run `npm run docs:config`\n');
    process.exitCode = 1;
  }
}
