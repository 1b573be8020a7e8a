/**
 * docs/architecture.md follows the tree: every folder its folder map names
 * exists, every source folder is on the map (a top-level one by name, a deeper
 * one by name or through an ancestor), its error-code lists are exactly
 * the codes the modules define, and every error class derives from the one
 * base class the section describes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_ERROR_CODES } from '../../services/api/graphql/errors.js';
import { GRAPH_ERROR_CODES } from '../../services/graph/store.js';
import { INGEST_ERROR_CODES } from '../../ingestors/parser.js';
import { REST_ERROR_CODES } from '../../services/api/errors.js';
import { WORKER_FAILURE_CODES } from '../../services/wire/jobs.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'architecture.md'), 'utf8');
const SOURCE_ROOTS = ['schema', 'ingestors', 'verify', 'services'];

function section(heading: string): string {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  assert.ok(start >= 0, `docs/architecture.md has a "${heading}" section`);
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Paths in the first column of the folder map, without trailing slashes. */
function mappedPaths(): string[] {
  return section('## Folder map').split('\n').filter((l) => l.startsWith('| `'))
    .flatMap((l) => [...l.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, '')));
}

function sourceFolders(dir: string): string[] {
  const entries = readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && e.name.endsWith('.ts')) ? [dir] : [];
  return [...here, ...entries.filter((e) => e.isDirectory()).flatMap((e) => sourceFolders(`${dir}/${e.name}`))];
}

describe('docs/architecture.md matches the tree', () => {
  test('every path on the folder map exists', () => {
    const missing = mappedPaths().filter((p) => !existsSync(path.join(REPO_ROOT, p)));
    assert.deepEqual(missing, []);
  });

  test('every source folder is on the folder map', () => {
    const mapped = new Set(mappedPaths());
    const unmapped = SOURCE_ROOTS.flatMap(sourceFolders).filter((folder) => {
      if (mapped.has(folder)) return false;
      // Two levels deep (services/graph, ingestors/osv) must be named; deeper ones may be covered by an ancestor.
      if (folder.split('/').length <= 2) return true;
      return !folder.split('/').some((_, i, parts) => i >= 1 && mapped.has(parts.slice(0, i + 1).join('/')) && i + 1 < parts.length);
    });
    assert.deepEqual(unmapped, []);
  });

  const lists: Array<[string, readonly string[]]> = [
    ['GraphQL', API_ERROR_CODES],
    ['Ingest', INGEST_ERROR_CODES],
    ['Graph', GRAPH_ERROR_CODES],
    ['Job', WORKER_FAILURE_CODES],
    ['REST', REST_ERROR_CODES],
  ];
  for (const [name, codes] of lists) {
    test(`the ${name} error codes listed are the module's`, () => {
      const line = section('## Error codes').split('\n').find((l) => l.startsWith(`- **${name}**`));
      assert.ok(line, `an "- **${name}**" line under "## Error codes"`);
      const listed = [...line.split(':').slice(1).join(':').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!);
      assert.deepEqual([...listed].sort(), [...codes].sort());
    });
  }

  test('every error class derives from SupplygraphError, directly or through another error class', () => {
    const files = SOURCE_ROOTS.flatMap(sourceFolders).flatMap((folder) => readdirSync(path.join(REPO_ROOT, folder))
      .filter((f) => f.endsWith('.ts')).map((f) => `${folder}/${f}`));
    const classes = files.flatMap((file) => [...readFileSync(path.join(REPO_ROOT, file), 'utf8').matchAll(/class (\w+) extends (\w+)/g)]
      .map((m) => ({ file, name: m[1]!, base: m[2]! })));
    const errorClasses = new Set(['SupplygraphError']);
    // Resolve chains (GraphError → SupplygraphError, then ClaimLostError → GraphError) until nothing changes.
    for (let grew = true; grew;) {
      grew = false;
      for (const c of classes) if (errorClasses.has(c.base) && !errorClasses.has(c.name)) { errorClasses.add(c.name); grew = true; }
    }
    const strays = classes.filter((c) => /Error$/.test(c.base) && !errorClasses.has(c.base)).map((c) => `${c.file}: ${c.name} extends ${c.base}`);
    assert.deepEqual(strays, []);
    assert.ok(errorClasses.size > 20, `found the error classes (${[...errorClasses].join(', ')})`);
  });

  test('dependencies point down: schema ← verify ← ingestors ← services', () => {
    // What each root may import besides itself: parsers never reach into the service, and the
    // ontology, identity rules and error base class depend on nothing of ours.
    const allowed: Record<string, string[]> = { schema: [], verify: ['schema'], ingestors: ['schema', 'verify'], services: ['schema', 'verify', 'ingestors'] };
    const upward: string[] = [];
    for (const folder of SOURCE_ROOTS.flatMap(sourceFolders)) {
      const root = folder.split('/')[0]!;
      for (const file of readdirSync(path.join(REPO_ROOT, folder)).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(path.join(REPO_ROOT, folder, file), 'utf8');
        for (const m of text.matchAll(/^(?:import|export)[^'"]*?from '(\.[^']+)'/gm)) {
          const target = path.relative(REPO_ROOT, path.resolve(REPO_ROOT, folder, m[1]!)).split(path.sep)[0]!;
          if (target !== root && !allowed[root]!.includes(target)) upward.push(`${folder}/${file} imports ${m[1]}`);
        }
      }
    }
    assert.deepEqual(upward, []);
  });

  test('the API assembles its plugins; no plugin imports the assembly (each declares the dependencies it uses)', () => {
    const importers = sourceFolders('services/api').flatMap((folder) => readdirSync(path.join(REPO_ROOT, folder))
      .filter((f) => f.endsWith('.ts') && `${folder}/${f}` !== 'services/api/app.ts')
      .filter((f) => [...readFileSync(path.join(REPO_ROOT, folder, f), 'utf8').matchAll(/from '(\.[^']+)'/g)]
        .some((m) => path.relative(REPO_ROOT, path.resolve(REPO_ROOT, folder, m[1]!)) === path.join('services', 'api', 'app.js')))
      .map((f) => `${folder}/${f}`));
    assert.deepEqual(importers, []);
  });
});

