/**
 * docs/ontology.md is the ontology's reference: each node label's property
 * table says exactly the properties and types schema/ontology/nodes.ts gives
 * it, and the edge table has exactly the edge types of schema/ontology/edges.ts,
 * each naming every property the edge carries.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_LABELS, NODE_PROPERTIES } from '../../schema/ontology/nodes.js';
import { EDGE_SPECS } from '../../schema/ontology/edges.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'ontology.md'), 'utf8');

/** The text of a `##`/`###` section, up to the next heading of the same or a higher level. */
function section(heading: string): string {
  const level = heading.match(/^#+/)![0].length;
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  assert.ok(start >= 0, `docs/ontology.md has a "${heading}" section`);
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

function tableRows(text: string): string[][] {
  return text.split('\n').filter((l) => l.startsWith('| ') && !/^\| -/.test(l)).map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim())).slice(1);
}

describe('docs/ontology.md matches schema/ontology', () => {
  for (const label of NODE_LABELS) {
    test(`${label}: the property table is the schema's`, () => {
      let text = section(`### ${label}`);
      // "Properties are the same as `Model`": the table is the other label's.
      const same = /Properties are the same as `(\w+)`/.exec(text);
      if (same) text = section(`### ${same[1]}`);
      const rows = tableRows(text).filter((r) => /^`\w+`(, `\w+`)*$/.test(r[0] ?? ''));
      const documented = rows.flatMap((r) => r[0]!.split(', ').map((name) => `${name.slice(1, -1)}: ${r[1]}`)).sort();
      const schema = NODE_PROPERTIES[label].map((p) => `${p.name}: ${p.type}`).sort();
      assert.deepEqual(documented, schema);
    });
  }

  test('the edge table lists exactly the edge types, each with its properties', () => {
    const rows = tableRows(section('## Edge types')).filter((r) => /^`[A-Z_]+`$/.test(r[0] ?? ''));
    assert.deepEqual(rows.map((r) => r[0]!.slice(1, -1)).sort(), Object.keys(EDGE_SPECS).sort());
    for (const r of rows) {
      const type = r[0]!.slice(1, -1) as keyof typeof EDGE_SPECS;
      const spec = EDGE_SPECS[type];
      for (const p of [...spec.properties, ...spec.laterProperties]) {
        assert.ok((r[2] ?? '').includes(`\`${p.name}\``), `${type}: property ${p.name} is documented`);
      }
    }
  });
});
