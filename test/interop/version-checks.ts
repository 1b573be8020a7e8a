/**
 * Version-ordering and vers interop checks, run on the committed fixtures
 * (test/interop/versions.test.ts) and on the full shared vectors
 * (test/corpus/versions.test.ts):
 *   <versionsDir>/*.txt  (OSV-SCALIBR semantic fixtures)
 *   <versDir>/*.json     (package-url/vers-spec tests)
 * against services/matching, printing a pass-count table per fixture file.
 *
 * OSV-SCALIBR line format (as its own runner reads it): blank lines and lines
 * starting with "# " or "// " are skipped; every other line is "A <op> B" with
 * op one of < = >, and both compare(A, B) and compare(B, A) must agree.
 *
 * vers test types: comparison (sorting the input must give versions equal,
 * in the scheme, to expected_output position by position), equality (whether
 * all inputs are equal), from_native, containment, validate (normalization)
 * and parse (strict canonical parsing, errors by message).
 *
 * Every case must pass except those in KNOWN_EXCEPTIONS (documented in
 * docs/version-matching.md); an exception that starts passing fails the suite.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import {
  compareVersions,
  schemeForEcosystem,
  type VersionScheme,
} from '../../services/matching/versions/index.js';
import {
  normalizeVers,
  parseVers,
  versContains,
  versFromNative,
  versionSchemeForVers,
  versToString,
} from '../../services/matching/ranges/index.js';

/**
 * Fixture cases we deliberately do not pass. Each must still fail, so stale
 * entries are noticed. Keep in sync with docs/version-matching.md.
 */
const KNOWN_EXCEPTIONS: ReadonlyArray<{ file: string; input: string; why: string }> = [
  {
    file: 'vers/npm_range_from_native_test.json',
    input: '>= 0.2.0 <= 0.9.6 || ~0.8.0-pre',
    why:
      'The expected value encodes python-semantic_version\'s NpmSpec pre-release split of ~0.8.0-pre ' +
      '(>=0.8.0-pre <0.8.0 plus >=0.8.0 <0.8.1). node-semver defines ~0.8.0-pre as >=0.8.0-pre <0.9.0-0 ' +
      '(0.8.5 satisfies it, the expected range excludes it), and the same file expects no split for ' +
      '^1.2.3-beta.1, ^0.2.1-beta, ^0.0.2-beta and ^5.0.0-beta.5. We follow node-semver.',
  },
];

/** OSV ecosystems each OSV-SCALIBR fixture file is run for (its compare_test.go). */
const OSV_FILE_ECOSYSTEMS: Record<string, readonly string[]> = {
  alpine: ['Alpine'],
  cran: ['CRAN'],
  debian: ['Debian'],
  hackage: ['Hackage'],
  maven: ['Maven'],
  nuget: ['NuGet'],
  packagist: ['Packagist'],
  pub: ['Pub'],
  pypi: ['PyPI'],
  redhat: ['Red Hat'],
  rubygems: ['RubyGems'],
  semver: ['npm', 'crates.io', 'Go', 'Hex'],
};

interface Row {
  file: string;
  total: number;
  passed: number;
  knownExceptions: number;
  failed: number;
}

const rows: Row[] = [];
const usedExceptions = new Set<(typeof KNOWN_EXCEPTIONS)[number]>();

function exceptionFor(file: string, input: string): (typeof KNOWN_EXCEPTIONS)[number] | undefined {
  return KNOWN_EXCEPTIONS.find((e) => e.file === file && e.input === input);
}

/** Runs cases, records a table row and returns failure messages (exceptions accounted for). */
function runCases(file: string, cases: ReadonlyArray<{ input: string; run: () => string | null }>): string[] {
  const failures: string[] = [];
  let passed = 0;
  let exceptions = 0;
  for (const c of cases) {
    let failure: string | null;
    try {
      failure = c.run();
    } catch (e) {
      failure = `threw ${(e as Error).name}: ${(e as Error).message}`;
    }
    const exception = exceptionFor(file, c.input);
    if (failure === null) {
      passed++;
      if (exception) failures.push(`${JSON.stringify(c.input)} is a known exception but now passes — remove it`);
    } else if (exception) {
      exceptions++;
      usedExceptions.add(exception);
    } else {
      failures.push(`${JSON.stringify(c.input)}: ${failure}`);
    }
  }
  rows.push({ file, total: cases.length, passed, knownExceptions: exceptions, failed: cases.length - passed - exceptions });
  return failures;
}

// ---------------------------------------------------------------------------
// OSV-SCALIBR ordering fixtures
// ---------------------------------------------------------------------------

const OPS: Record<string, number> = { '<': -1, '=': 0, '>': 1 };

function osvCases(scheme: VersionScheme, text: string): Array<{ input: string; run: () => string | null }> {
  const cases: Array<{ input: string; run: () => string | null }> = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# ') || line.startsWith('// ')) continue;
    cases.push({
      input: line,
      run: () => {
        const pieces = line.split(' ');
        if (pieces.length !== 3 || !(pieces[1]! in OPS)) return `malformed fixture line`;
        const [a, op, b] = pieces as [string, string, string];
        const want = OPS[op]!;
        const ab = compareVersions(scheme, a, b);
        const ba = compareVersions(scheme, b, a);
        return ab === want && ba === -want ? null : `compare(a,b)=${ab} compare(b,a)=${ba}, want ${want}`;
      },
    });
  }
  return cases;
}
interface VersTest {
  description: string;
  test_group: string;
  test_type: 'comparison' | 'equality' | 'from_native' | 'containment' | 'validate' | 'parse';
  input: unknown;
  expected_output?: unknown;
  expected_failure?: boolean;
  expected_message?: string;
}

function schemeOf(versScheme: unknown): VersionScheme {
  const s = typeof versScheme === 'string' ? versionSchemeForVers(versScheme) : null;
  if (s === null) throw new Error(`unsupported vers scheme ${JSON.stringify(versScheme)}`);
  return s;
}

function runVersTest(t: VersTest): string | null {
  const input = t.input as Record<string, unknown>;
  switch (t.test_type) {
    case 'comparison': {
      const scheme = schemeOf(input.input_scheme);
      const versions = input.versions as string[];
      const expected = t.expected_output as string[];
      if (expected.length !== versions.length) return 'expected_output length differs from input';
      const sorted = [...versions].sort((a, b) => compareVersions(scheme, a, b));
      const bad = sorted.findIndex((v, i) => compareVersions(scheme, v, expected[i]!) !== 0);
      return bad < 0 ? null : `sorted ${JSON.stringify(sorted)}`;
    }
    case 'equality': {
      const scheme = schemeOf(input.input_scheme);
      const versions = input.versions as string[];
      const equal = versions.every((v) => compareVersions(scheme, versions[0]!, v) === 0);
      return equal === t.expected_output ? null : `equality ${equal}`;
    }
    case 'from_native': {
      const got = versToString(versFromNative(input.scheme as string, input.native_range as string));
      return got === t.expected_output ? null : `got ${got}`;
    }
    case 'containment': {
      const got = versContains(parseVers(input.vers as string), input.version as string);
      return got === t.expected_output ? null : `got ${got}`;
    }
    case 'validate': {
      const got = normalizeVers(t.input as string);
      return got === t.expected_output ? null : `got ${got}`;
    }
    case 'parse': {
      let range;
      try {
        range = parseVers(t.input as string, { strict: true });
      } catch (e) {
        if (!t.expected_failure) return `threw ${(e as Error).message}`;
        return (e as Error).message === t.expected_message ? null : `message ${JSON.stringify((e as Error).message)}`;
      }
      if (t.expected_failure) return 'parsed, expected a failure';
      const got = { scheme: range.scheme, version_constraints: range.constraints.map((c) => [c.comparator, c.version]) };
      try {
        assert.deepStrictEqual(got, t.expected_output);
        return null;
      } catch {
        return `got ${JSON.stringify(got)}`;
      }
    }
    default:
      return `unsupported test type ${String((t as { test_type: unknown }).test_type)}`;
  }
}

function caseInput(t: VersTest): string {
  if (typeof t.input === 'string') return t.input;
  const i = t.input as Record<string, unknown>;
  if (typeof i.native_range === 'string') return i.native_range;
  if (typeof i.vers === 'string') return `${i.vers} ∋ ${String(i.version)}`;
  if (Array.isArray(i.versions)) return `${t.test_type}: ${(i.versions as string[]).join(' , ')}`;
  return JSON.stringify(t.input);
}
/**
 * Registers the suites for one pair of fixture folders; `expect` holds how many
 * fixture files each must contain, so a missing or extra file is noticed.
 */
export function registerVersionSuites(versionsDir: string, versDir: string, expect: { osvFiles: number; versFiles: number }): void {
  const osvFiles = existsSync(versionsDir) ? readdirSync(versionsDir).filter((f) => f.endsWith('.txt')).sort() : [];
  const versFiles = existsSync(versDir) ? readdirSync(versDir).filter((f) => f.endsWith('.json')).sort() : [];

  test('version fixtures are present', () => {
    assert.ok(existsSync(versionsDir), `missing ${versionsDir}`);
    assert.ok(existsSync(versDir), `missing ${versDir}`);
    assert.equal(osvFiles.length, expect.osvFiles, `the OSV-SCALIBR fixture files in ${versionsDir}`);
    assert.equal(versFiles.length, expect.versFiles, `the vers-spec test files in ${versDir}`);
  });

  describe('OSV-SCALIBR version ordering fixtures', () => {
    for (const file of osvFiles) {
      test(file, () => {
        const prefix = file.split('-')[0]!;
        const ecosystems = OSV_FILE_ECOSYSTEMS[prefix];
        assert.ok(ecosystems, `no ecosystem mapping for ${file}`);
        const schemes = new Set(ecosystems.map((e) => schemeForEcosystem(e)));
        assert.equal(schemes.size, 1, `${file}: ecosystems ${ecosystems.join(', ')} map to different schemes`);
        const scheme = [...schemes][0];
        assert.ok(scheme, `${file}: no version scheme for ${ecosystems[0]}`);
        const cases = osvCases(scheme, readFileSync(join(versionsDir, file), 'utf8'));
        assert.ok(cases.length > 0, `${file} has no comparisons`);
        const failures = runCases(`versions/${file}`, cases);
        assert.deepStrictEqual(failures, [], `${file}: ${failures.length} failure(s)`);
      });
    }
  });

  // ---------------------------------------------------------------------------
  // vers-spec tests
  // ---------------------------------------------------------------------------


  describe('vers-spec tests', () => {
    for (const file of versFiles) {
      test(file, () => {
        const doc = JSON.parse(readFileSync(join(versDir, file), 'utf8')) as { tests: VersTest[] };
        assert.ok(Array.isArray(doc.tests) && doc.tests.length > 0, `${file} has no tests`);
        const failures = runCases(
          `vers/${file}`,
          doc.tests.map((t) => ({ input: caseInput(t), run: () => runVersTest(t) })),
        );
        assert.deepStrictEqual(failures, [], `${file}: ${failures.length} failure(s)`);
      });
    }
  });

  test('every known exception is still needed', () => {
    const unused = KNOWN_EXCEPTIONS.filter((e) => !usedExceptions.has(e));
    assert.deepStrictEqual(unused, [], 'known exceptions that matched no failing case — remove them');
  });

  after(() => {
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((r) => r.file.length));
    const totals = rows.reduce(
      (acc, r) => ({
        total: acc.total + r.total,
        passed: acc.passed + r.passed,
        knownExceptions: acc.knownExceptions + r.knownExceptions,
        failed: acc.failed + r.failed,
      }),
      { total: 0, passed: 0, knownExceptions: 0, failed: 0 },
    );
    const lines = [`\nversion interop fixtures (${versionsDir}, ${versDir})`, `${'file'.padEnd(width)}  passed/total  known-exc  failed`];
    for (const r of rows) {
      lines.push(
        `${r.file.padEnd(width)}  ${`${r.passed}/${r.total}`.padStart(12)}  ${String(r.knownExceptions).padStart(9)}  ${String(r.failed).padStart(6)}`,
      );
    }
    lines.push(
      `${'TOTAL'.padEnd(width)}  ${`${totals.passed}/${totals.total}`.padStart(12)}  ${String(totals.knownExceptions).padStart(9)}  ${String(totals.failed).padStart(6)}`,
    );
    console.log(lines.join('\n'));
  });
}
