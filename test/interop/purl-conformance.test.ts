/**
 * package-url conformance: runs every test in test/fixtures/purl/{spec,types}/*.json
 * against schema/identity/purl.ts and prints a pass-count table per file.
 *
 * Test semantics (purl-test schema 0.2):
 *  - parse:    parsePurl(input) must equal expected_output (decoded components), or throw
 *              when expected_failure.
 *  - validate: canonicalizePurl(input) must equal expected_output.
 *  - build:    formatPurl(input components) must equal expected_output, or throw when
 *              expected_failure.
 *  - test_group "required" runs in the default (strict, ECMA-427) mode; "recommended"
 *    runs with { lenient: true }, the mode that applies the remediations those tests
 *    describe (upstream: "recommended ... how to remediate or normalize [PURL data] in
 *    order to pass 'required' tests"). In addition, every passing `required` case is
 *    re-run in lenient mode to check lenient is a strict superset with identical output.
 *
 * Fixtures: the package-url specification's own tests (test/fixtures/PROVENANCE.md).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

import {
  canonicalizePurl,
  formatPurl,
  parsePurl,
  PurlError,
  type PackageUrl,
  type PurlComponents,
  type PurlOptions,
} from '../../schema/identity/purl.js';
import { fixturePath } from '../support/fixtures.js';

const VECTORS_DIR = fixturePath('purl');

/**
 * Known exceptions: fixture cases we deliberately do not pass. Each entry must
 * still fail (the suite asserts that), so stale entries get noticed and removed.
 */
const KNOWN_EXCEPTIONS: ReadonlyArray<{ file: string; testType: string; input: string; why: string }> = [
  {
    file: 'types/maven-test.json',
    testType: 'parse',
    input: 'pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?type=pom&repositorY_url=repo.spring.io/release',
    why:
      'Fixture bug: a `required` parse of a mixed-case qualifier key ("repositorY_url") expects success. ' +
      'ECMA-427 says a key "shall be composed only of lowercase ASCII letters ..." and the same fixture set ' +
      'requires the identical situation to FAIL for gem ("?Platform=java") and rpm ("?Arch=i386&Distro=..."), ' +
      'cases upstream already corrected (purl-spec issue #942, PRs #946/#951). No single strict parser can ' +
      'pass all three; we follow the standard. The same input passes in the `recommended` (lenient) group.',
  },
];

// ---------------------------------------------------------------------------
// fixture model
// ---------------------------------------------------------------------------

interface Components {
  type: string | null;
  namespace: string | null;
  name: string | null;
  version: string | null;
  qualifiers: Record<string, string> | null;
  subpath: string | null;
}

interface Case {
  file: string;
  index: number;
  description: string;
  group: 'required' | 'recommended';
  testType: 'parse' | 'validate' | 'build';
  input: string | Components;
  expectedOutput: string | Components | null;
  expectedFailure: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strOrNull(v: unknown, where: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new Error(`${where}: expected string or null`);
  return v;
}

function toComponents(v: unknown, where: string): Components {
  if (!isRecord(v)) throw new Error(`${where}: expected a components object`);
  let qualifiers: Record<string, string> | null = null;
  if (v.qualifiers !== null && v.qualifiers !== undefined) {
    if (!isRecord(v.qualifiers)) throw new Error(`${where}: qualifiers must be an object`);
    qualifiers = {};
    for (const [k, val] of Object.entries(v.qualifiers)) {
      if (typeof val !== 'string') throw new Error(`${where}: qualifier ${k} must be a string`);
      qualifiers[k] = val;
    }
  }
  return {
    type: strOrNull(v.type, `${where}.type`),
    namespace: strOrNull(v.namespace, `${where}.namespace`),
    name: strOrNull(v.name, `${where}.name`),
    version: strOrNull(v.version, `${where}.version`),
    qualifiers,
    subpath: strOrNull(v.subpath, `${where}.subpath`),
  };
}

function loadFile(rel: string): Case[] {
  const doc: unknown = JSON.parse(readFileSync(join(VECTORS_DIR, rel), 'utf8'));
  if (!isRecord(doc) || !Array.isArray(doc.tests)) throw new Error(`${rel}: no "tests" array`);
  return doc.tests.map((raw: unknown, index: number): Case => {
    const where = `${rel}#${index}`;
    if (!isRecord(raw)) throw new Error(`${where}: test is not an object`);
    const group = raw.test_group;
    const testType = raw.test_type;
    if (group !== 'required' && group !== 'recommended') throw new Error(`${where}: bad test_group`);
    if (testType !== 'parse' && testType !== 'validate' && testType !== 'build') {
      throw new Error(`${where}: bad test_type ${String(testType)}`);
    }
    const expectedFailure = raw.expected_failure === true;
    const input = testType === 'build' ? toComponents(raw.input, `${where}.input`) : raw.input;
    if (typeof input !== 'string' && testType !== 'build') throw new Error(`${where}: input must be a string`);
    let expectedOutput: string | Components | null = null;
    if (!expectedFailure) {
      expectedOutput =
        testType === 'parse'
          ? toComponents(raw.expected_output, `${where}.expected_output`)
          : (strOrNull(raw.expected_output, `${where}.expected_output`) ?? '');
    }
    return {
      file: rel,
      index,
      description: typeof raw.description === 'string' ? raw.description : '',
      group,
      testType,
      input: input as string | Components,
      expectedOutput,
      expectedFailure,
    };
  });
}

function listFixtureFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['spec', 'types']) {
    const abs = join(VECTORS_DIR, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).sort()) if (f.endsWith('.json')) out.push(`${dir}/${f}`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// running one case
// ---------------------------------------------------------------------------

function actualComponents(p: PackageUrl): Components {
  return {
    type: p.type,
    namespace: p.namespace,
    name: p.name,
    version: p.version,
    qualifiers: Object.keys(p.qualifiers).length === 0 ? null : p.qualifiers,
    subpath: p.subpath,
  };
}

function toPurlComponents(c: Components): PurlComponents {
  return { ...c };
}

/** Returns null on pass, else a failure description. */
function runCase(c: Case, options: PurlOptions): string | null {
  let actual: string | Components;
  try {
    if (c.testType === 'parse') actual = actualComponents(parsePurl(c.input as string, options));
    else if (c.testType === 'validate') actual = canonicalizePurl(c.input as string, options);
    else actual = formatPurl(toPurlComponents(c.input as Components), options);
  } catch (err) {
    if (!(err instanceof PurlError)) return `threw non-PurlError: ${String(err)}`;
    return c.expectedFailure ? null : `unexpected ${err.code}: ${err.message}`;
  }
  if (c.expectedFailure) return `expected failure, got ${JSON.stringify(actual)}`;
  try {
    assert.deepStrictEqual(actual, c.expectedOutput);
    return null;
  } catch {
    return `expected ${JSON.stringify(c.expectedOutput)}, got ${JSON.stringify(actual)}`;
  }
}

function exceptionFor(c: Case): (typeof KNOWN_EXCEPTIONS)[number] | undefined {
  return KNOWN_EXCEPTIONS.find(
    (e) => e.file === c.file && e.testType === c.testType && typeof c.input === 'string' && e.input === c.input,
  );
}

interface Row {
  file: string;
  total: number;
  passed: number;
  requiredPassed: string;
  recommendedPassed: string;
  knownExceptions: number;
  failed: number;
}

const rows: Row[] = [];

const files = listFixtureFiles();

test('purl conformance fixtures are present', () => {
  assert.ok(existsSync(VECTORS_DIR), `missing purl vectors at ${VECTORS_DIR}`);
  assert.ok(files.some((f) => f.startsWith('spec/')), 'no spec/*.json conformance files');
  assert.ok(files.filter((f) => f.startsWith('types/')).length >= 30, 'expected one conformance file per purl type');
});

describe('package-url conformance', () => {
  const usedExceptions = new Set<(typeof KNOWN_EXCEPTIONS)[number]>();

  for (const file of files) {
    test(file, () => {
      const cases = loadFile(file);
      assert.ok(cases.length > 0, `${file} has no tests`);
      const failures: string[] = [];
      let passed = 0;
      let exceptions = 0;
      const byGroup = { required: { total: 0, passed: 0 }, recommended: { total: 0, passed: 0 } };
      for (const c of cases) {
        byGroup[c.group].total++;
        const failure = runCase(c, { lenient: c.group === 'recommended' });
        const exception = exceptionFor(c);
        if (failure === null) {
          passed++;
          byGroup[c.group].passed++;
          if (exception) failures.push(`#${c.index} listed as known exception but now passes — remove it`);
        } else if (exception) {
          exceptions++;
          usedExceptions.add(exception);
        } else {
          failures.push(`#${c.index} [${c.group} ${c.testType}] ${c.description}: ${JSON.stringify(c.input)} — ${failure}`);
        }
        // lenient must accept everything strict accepts, with the same result
        if (c.group === 'required' && failure === null && !c.expectedFailure) {
          const lenientFailure = runCase(c, { lenient: true });
          if (lenientFailure !== null) failures.push(`#${c.index} passes strict but not lenient: ${lenientFailure}`);
        }
      }
      rows.push({
        file,
        total: cases.length,
        passed,
        requiredPassed: `${byGroup.required.passed}/${byGroup.required.total}`,
        recommendedPassed: `${byGroup.recommended.passed}/${byGroup.recommended.total}`,
        knownExceptions: exceptions,
        failed: cases.length - passed - exceptions,
      });
      assert.deepStrictEqual(failures, [], `${file}: ${failures.length} conformance failure(s)`);
    });
  }

  test('every known exception is still needed', () => {
    const unused = KNOWN_EXCEPTIONS.filter((e) => !usedExceptions.has(e));
    assert.deepStrictEqual(unused, [], 'known exceptions that matched no failing case — remove them');
  });
});

after(() => {
  if (rows.length === 0) return;
  const totals = rows.reduce(
    (acc, r) => ({
      total: acc.total + r.total,
      passed: acc.passed + r.passed,
      knownExceptions: acc.knownExceptions + r.knownExceptions,
      failed: acc.failed + r.failed,
    }),
    { total: 0, passed: 0, knownExceptions: 0, failed: 0 },
  );
  console.log(`\npackage-url conformance (${VECTORS_DIR})`);
  console.table(
    Object.fromEntries(
      rows.map((r) => [
        r.file,
        {
          total: r.total,
          passed: r.passed,
          required: r.requiredPassed,
          recommended: r.recommendedPassed,
          'known exc.': r.knownExceptions,
          failed: r.failed,
        },
      ]),
    ),
  );
  console.log(
    `TOTAL: ${totals.passed}/${totals.total} passed, ${totals.knownExceptions} known exception(s), ${totals.failed} failed`,
  );
});
