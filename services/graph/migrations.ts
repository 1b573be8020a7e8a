/**
 * Versioned schema files in migrations/<engine>/NNNN_name.cypher, applied in
 * order and recorded in the graph (SchemaMigration nodes) so each runs once.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config/paths.js';
import type { EngineName } from './store.js';

export interface Migration {
  id: string;
  statements: string[];
}

export async function loadMigrations(engine: EngineName): Promise<Migration[]> {
  const dir = path.join(projectRoot(), 'migrations', engine);
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.cypher$/.test(f)).sort();
  const out: Migration[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    out.push({ id: file.replace(/\.cypher$/, ''), statements: splitStatements(text) });
  }
  return out;
}

/** Statements end with `;` at end of line; `//` lines are comments. */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
