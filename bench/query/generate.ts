/**
 * Synthetic supply-chain graph for the query benchmark (`npm run bench:query`).
 *
 * Shape: a shared universe of package versions (npm, PyPI, Maven, Debian) whose
 * popularity follows a power law, so a few packages (a `libc6`/`lodash`
 * analogue) are in most SBOMs and most are in one or two. Every package version
 * has a fixed dependency list pointing at more popular packages (a DAG, as real
 * ecosystems mostly are), and each SBOM is the dependency closure of a handful
 * of direct dependencies — an npm/PyPI/Maven application, a container image
 * (Debian base + an application), or an ML model (base model, datasets, PyPI
 * stack). Around them: OMS model signatures (TRUSTED/UNTRUSTED/INVALID, shared
 * signer identities), OSV advisories with alias ids and affected ranges, and
 * OpenVEX statements about products that contain affected versions.
 *
 * Fidelity: SBOMs, advisories and VEX documents are generated as real
 * CycloneDX 1.5 / OSV / OpenVEX JSON and turned into OntologyBatches by the
 * project's own parsers (the mapping the worker runs, without schema
 * validation); OMS signatures, whose verification needs real cryptography, are
 * built with BatchBuilder exactly as ingestors/oms/parse.ts builds them. Every
 * batch goes through GraphStore.writeBatch, and AFFECTS edges come from the
 * worker's own matcher (matchAfterWrite) after each advisory, so identities and
 * edges are what ingest produces. Everything is seeded (xorshift32): the same
 * parameters give the same graph on either engine.
 *
 *   npx tsx bench/query/generate.ts [--engine kuzu|neo4j] [--dir DIR] [--scale small|full|<factor>]
 *                                   [--sboms N] [--universe N] [--seed N] [--concurrency N] ...
 *
 * (neo4j needs NEO4J_URL.) Prints generation time and node/edge counts per label/type.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BatchBuilder, type EdgeRecord, type NodeRecord, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import { NODE_LABELS, type SignatureTrustStatus, type SignerIdentityNode } from '../../schema/ontology/nodes.js';
import { EDGE_TYPES } from '../../schema/ontology/edges.js';
import { edgePropertyNames } from '../../services/graph/rows.js';
import { documentKey, signerIdentityKey } from '../../schema/identity/keys.js';
import { formatPurl } from '../../schema/identity/purl.js';
import type { DocumentInput } from '../../ingestors/parser.js';
import { parseCycloneDxJson } from '../../ingestors/cyclonedx/json.js';
import { parseOsv } from '../../ingestors/osv/osv.js';
import { parseOpenVex } from '../../ingestors/openvex/openvex.js';
import { decodeRule } from '../../schema/vulnerability/affected-rule.js';
import { evaluateRule } from '../../services/matching/evaluate-rule.js';
import { matchAfterWrite } from '../../services/worker/match-vulnerabilities.js';
import type { GraphCounts, GraphStore } from '../../services/graph/store.js';
import { rngFor, Zipf, type Xorshift32 } from './random.js';

// ---------------------------------------------------------------------------
// Parameters

export interface GenerateParams {
  seed: number;
  /** SBOM documents. */
  sboms: number;
  /** Package versions in the shared universe (only those some SBOM lists become nodes). */
  universe: number;
  /** ML models in the model universe (a fifth are base models). */
  models: number;
  /** OMS signature documents. */
  signatures: number;
  /** OSV advisory documents. */
  advisories: number;
  /** OpenVEX documents. */
  vexDocs: number;
  /** Zipf exponent of package popularity. */
  zipf: number;
  /** Largest SBOM (components). */
  maxComponents: number;
  /** writeBatch calls in flight (Kuzu serializes writes anyway). */
  concurrency: number;
  /**
   * Documents per writeBatch call. 1 writes each document on its own, as the
   * worker does; more merges consecutive documents' batches into one call (same
   * nodes and edges — every edge keeps its own document's `doc` — but one
   * transaction), which the embedded engine needs to build a large graph in
   * minutes rather than an hour: its per-statement and per-commit costs are fixed.
   */
  group: number;
  /**
   * `inline`: AFFECTS edges are computed here with the matcher's own rule
   * evaluation and written with the advisory; `worker`: the worker's
   * matchAfterWrite runs after each advisory document (the production path,
   * one write transaction per advisory). Both give the same edges.
   */
  match: 'inline' | 'worker';
}

type ShapeParams = Omit<GenerateParams, 'seed' | 'concurrency' | 'group' | 'match'>;

export const SCALES: Record<'small' | 'full', ShapeParams> = {
  small: { sboms: 150, universe: 5_000, models: 100, signatures: 80, advisories: 150, vexDocs: 20, zipf: 1.0, maxComponents: 600 },
  full: { sboms: 3_000, universe: 50_000, models: 1_500, signatures: 1_500, advisories: 2_500, vexDocs: 400, zipf: 1.0, maxComponents: 2_500 },
};

type NumericParam = { [K in keyof GenerateParams]: GenerateParams[K] extends number ? K : never }[keyof GenerateParams];

const FLAG_ENV: Array<[NumericParam, string, string]> = [
  ['seed', 'seed', 'BENCH_QUERY_SEED'],
  ['sboms', 'sboms', 'BENCH_QUERY_SBOMS'],
  ['universe', 'universe', 'BENCH_QUERY_UNIVERSE'],
  ['models', 'models', 'BENCH_QUERY_MODELS'],
  ['signatures', 'signatures', 'BENCH_QUERY_SIGNATURES'],
  ['advisories', 'advisories', 'BENCH_QUERY_ADVISORIES'],
  ['vexDocs', 'vex', 'BENCH_QUERY_VEX'],
  ['zipf', 'zipf', 'BENCH_QUERY_ZIPF'],
  ['maxComponents', 'max-components', 'BENCH_QUERY_MAX_COMPONENTS'],
  ['concurrency', 'concurrency', 'BENCH_QUERY_CONCURRENCY'],
  ['group', 'group', 'BENCH_QUERY_GROUP'],
];

/** `--name value` / `--name=value` flags. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) out.set(a.slice(2), argv[++i]!);
    else out.set(a.slice(2), 'true');
  }
  return out;
}

/**
 * `--scale small|full|<factor of full>` (env BENCH_QUERY_SCALE, default full), then
 * any single parameter by flag or env (flags win).
 */
export function paramsFrom(flags: Map<string, string>, env: NodeJS.ProcessEnv = process.env, defaultConcurrency = 1): GenerateParams {
  const scale = flags.get('scale') ?? env.BENCH_QUERY_SCALE ?? 'full';
  let base: ShapeParams;
  if (scale === 'small' || scale === 'full') base = { ...SCALES[scale] };
  else {
    const f = Number(scale);
    if (!Number.isFinite(f) || f <= 0) throw new Error(`--scale must be small, full or a positive factor of full, not "${scale}"`);
    const full = SCALES.full;
    const n = (x: number): number => Math.max(1, Math.round(x * f));
    base = { ...full, sboms: n(full.sboms), universe: Math.max(500, n(full.universe)), models: n(full.models), signatures: n(full.signatures), advisories: n(full.advisories), vexDocs: n(full.vexDocs) };
  }
  const match = flags.get('match') ?? env.BENCH_QUERY_MATCH ?? 'inline';
  if (match !== 'inline' && match !== 'worker') throw new Error(`--match must be inline or worker, not "${match}"`);
  const p: GenerateParams = { ...base, seed: 20240611, concurrency: defaultConcurrency, group: 50, match };
  for (const [key, flag, envName] of FLAG_ENV) {
    const raw = flags.get(flag) ?? env[envName];
    if (raw === undefined || raw === '') continue;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 0 || (key !== 'zipf' && !Number.isInteger(v))) throw new Error(`--${flag} (${envName}) must be a non-negative ${key === 'zipf' ? 'number' : 'integer'}, not "${raw}"`);
    p[key] = v;
  }
  if (p.sboms < 1 || p.universe < 100) throw new Error('need at least 1 SBOM and a universe of 100 package versions');
  p.concurrency = Math.max(1, p.concurrency);
  p.group = Math.max(1, p.group);
  return p;
}

// ---------------------------------------------------------------------------
// The package universe

type EcoName = 'npm' | 'pypi' | 'maven' | 'deb';

interface EcoSpec {
  name: EcoName;
  share: number;
  /** Mean number of dependencies of a package version. */
  depMean: number;
  osvEcosystem: string;
  rangeType: 'SEMVER' | 'ECOSYSTEM';
}

const ECOS: readonly EcoSpec[] = [
  { name: 'npm', share: 0.45, depMean: 2.6, osvEcosystem: 'npm', rangeType: 'SEMVER' },
  { name: 'pypi', share: 0.2, depMean: 1.8, osvEcosystem: 'PyPI', rangeType: 'ECOSYSTEM' },
  { name: 'maven', share: 0.2, depMean: 2.2, osvEcosystem: 'Maven', rangeType: 'ECOSYSTEM' },
  { name: 'deb', share: 0.15, depMean: 2.2, osvEcosystem: 'Debian:12', rangeType: 'ECOSYSTEM' },
];

/** Real names for the head of each ecosystem, so the output reads naturally. */
const TOP_NAMES: Record<EcoName, string[]> = {
  npm: ['lodash', 'debug', 'ms', 'semver', 'tslib', 'chalk', 'minimatch', 'inherits', 'safe-buffer', 'glob', 'lru-cache', 'supports-color', 'has-flag', 'ansi-styles', 'color-convert', 'once', 'wrappy', 'readable-stream', 'uuid', 'commander'],
  pypi: ['urllib3', 'certifi', 'idna', 'charset-normalizer', 'requests', 'six', 'typing-extensions', 'setuptools', 'numpy', 'packaging', 'python-dateutil', 'pyyaml', 'attrs', 'botocore', 'jmespath', 'cryptography', 'cffi', 'pycparser', 'protobuf', 'torch'],
  maven: ['org.slf4j:slf4j-api', 'com.fasterxml.jackson.core:jackson-databind', 'com.fasterxml.jackson.core:jackson-core', 'com.fasterxml.jackson.core:jackson-annotations', 'com.google.guava:guava', 'commons-io:commons-io', 'org.apache.commons:commons-lang3', 'commons-codec:commons-codec', 'org.apache.httpcomponents:httpclient', 'org.apache.httpcomponents:httpcore', 'org.yaml:snakeyaml', 'io.netty:netty-common', 'io.netty:netty-buffer', 'org.apache.logging.log4j:log4j-api', 'org.apache.logging.log4j:log4j-core', 'com.google.code.gson:gson', 'joda-time:joda-time', 'org.springframework:spring-core', 'javax.annotation:javax.annotation-api', 'junit:junit'],
  deb: ['libc6', 'libssl3', 'zlib1g', 'openssl', 'libgcc-s1', 'libstdc++6', 'tzdata', 'ca-certificates', 'libzstd1', 'liblzma5', 'libbz2-1.0', 'libcrypt1', 'libtinfo6', 'libpcre2-8-0', 'libselinux1', 'libacl1', 'libgmp10', 'libsystemd0', 'libudev1', 'libcap2'],
};

const WORDS = ['core', 'util', 'parse', 'fast', 'micro', 'stream', 'json', 'http', 'config', 'async', 'path', 'string', 'date', 'color', 'cache', 'crypto', 'log', 'test', 'schema', 'cli'];
const LICENSES = ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'ISC', 'BSD-2-Clause', 'GPL-2.0-only', 'LGPL-2.1-only', 'MPL-2.0', 'GPL-3.0-or-later', 'Unlicense', 'EPL-2.0', 'CC0-1.0'];

interface Pkg {
  eco: number;
  rank: number;
  name: string;
  namespace: string | null;
  /** Global version indices, oldest first. */
  versions: number[];
  license: string;
  repo: string | null;
}

interface Ver {
  pkg: number;
  version: string;
  /** Canonical purl: the PackageVersion key. */
  purl: string;
}

export class Universe {
  readonly pkgs: Pkg[] = [];
  readonly vers: Ver[] = [];
  /** Per ecosystem: package indices by popularity rank. */
  readonly byEco: number[][] = ECOS.map(() => []);
  readonly zipf: Zipf[];
  private readonly depZipf: Zipf[];
  private readonly depsMemo: Array<Int32Array | undefined>;
  private readonly digestMemo: Array<string | undefined>;

  constructor(readonly seed: number, size: number, s: number) {
    for (let e = 0; e < ECOS.length; e++) {
      const eco = ECOS[e]!;
      let budget = Math.max(20, Math.round(size * eco.share));
      for (let rank = 0; budget > 0; rank++) {
        const rng = rngFor(seed, `pkg:${eco.name}`, rank);
        const want = rank < 20 ? rng.range(8, 24) : rank < 300 ? rng.range(3, 12) : 1 + Math.floor(rng.exponential(2));
        const n = Math.max(1, Math.min(want, budget));
        budget -= n;
        const { name, namespace } = packageName(eco.name, rank);
        const pkgIdx = this.pkgs.length;
        const pkg: Pkg = {
          eco: e, rank, name, namespace, versions: [],
          license: LICENSES[Math.min(LICENSES.length - 1, Math.floor(rng.exponential(2.5)))]!,
          repo: eco.name !== 'deb' && rng.chance(0.6) ? `https://github.com/${namespace?.replace(/^@/, '') ?? `${name}-org`}/${name}` : null,
        };
        let [maj, min, pat] = [rng.int(4), rng.int(10), rng.int(10)];
        for (let k = 0; k < n; k++) {
          const u = rng.float();
          if (k > 0) {
            if (u < 0.6) pat += 1 + rng.int(3);
            else if (u < 0.9) [min, pat] = [min + 1, 0];
            else [maj, min, pat] = [maj + 1, 0, 0];
          }
          const version = eco.name === 'deb' ? `${maj}.${min}.${pat}-${1 + rng.int(3)}` : `${maj}.${min}.${pat}`;
          const qualifiers = eco.name === 'deb' ? { arch: 'amd64', distro: 'debian-12' } : {};
          const purl = formatPurl({ type: eco.name, namespace, name, version, qualifiers, subpath: null });
          pkg.versions.push(this.vers.length);
          this.vers.push({ pkg: pkgIdx, version, purl });
        }
        this.pkgs.push(pkg);
        this.byEco[e]!.push(pkgIdx);
      }
    }
    this.zipf = this.byEco.map((list) => new Zipf(list.length, s));
    // Dependencies spread a little wider than direct picks: many packages sit in the middle.
    this.depZipf = this.byEco.map((list) => new Zipf(list.length, Math.max(0.5, s - 0.15)));
    this.depsMemo = new Array(this.vers.length);
    this.digestMemo = new Array(this.vers.length);
  }

  ecoIndex(name: EcoName): number {
    return ECOS.findIndex((e) => e.name === name);
  }

  /** A version of a package, skewed towards the latest ones. */
  versionOf(pkgIdx: number, rng: Xorshift32): number {
    const vs = this.pkgs[pkgIdx]!.versions;
    let back = 0;
    while (back < vs.length - 1 && rng.chance(0.55)) back++;
    return vs[vs.length - 1 - back]!;
  }

  /** A popular (Zipf) package version of ecosystem `e`. */
  sample(e: number, rng: Xorshift32): number {
    return this.versionOf(this.byEco[e]![this.zipf[e]!.sample(rng)]!, rng);
  }

  /** Fixed dependency list of a version: more popular packages of the same ecosystem. */
  deps(v: number): Int32Array {
    const memo = this.depsMemo[v];
    if (memo) return memo;
    const pkg = this.pkgs[this.vers[v]!.pkg]!;
    const rng = rngFor(this.seed, 'deps', v);
    let n = pkg.rank === 0 ? 0 : Math.min(12, pkg.rank, Math.floor(rng.exponential(ECOS[pkg.eco]!.depMean)));
    if (pkg.rank < 10) n = Math.min(n, 1);
    const out = new Set<number>();
    for (let k = 0; k < n; k++) {
      const targetRank = this.depZipf[pkg.eco]!.sample(rng, pkg.rank);
      out.add(this.versionOf(this.byEco[pkg.eco]![targetRank]!, rng));
    }
    const arr = Int32Array.from(out);
    this.depsMemo[v] = arr;
    return arr;
  }

  digest(v: number): string {
    return (this.digestMemo[v] ??= sha256(`${this.seed}:${this.vers[v]!.purl}`));
  }

  packagePurl(pkgIdx: number): string {
    const p = this.pkgs[pkgIdx]!;
    return formatPurl({ type: ECOS[p.eco]!.name, namespace: p.namespace, name: p.name, version: null, qualifiers: {}, subpath: null });
  }
}

function packageName(eco: EcoName, rank: number): { name: string; namespace: string | null } {
  const top = TOP_NAMES[eco][rank];
  const w1 = WORDS[rank % WORDS.length]!;
  const w2 = WORDS[Math.floor(rank / WORDS.length) % WORDS.length]!;
  switch (eco) {
    case 'npm':
      if (top) return { name: top, namespace: null };
      return rank % 7 === 0 ? { name: `${w1}-${rank}`, namespace: `@${w2}js` } : { name: `${w1}-${w2}-${rank}`, namespace: null };
    case 'pypi':
      return { name: top ?? `py${w1}-${w2}-${rank}`, namespace: null };
    case 'maven': {
      const [g, a] = (top ?? `org.example.${w2}:${w1}-${rank}`).split(':') as [string, string];
      return { name: a, namespace: g };
    }
    case 'deb':
      return { name: top ?? `lib${w1}${w2}${rank}`, namespace: 'debian' };
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function uuidFrom(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const BASE_TIME = Date.UTC(2024, 0, 1);
const iso = (offsetMinutes: number): string => new Date(BASE_TIME + offsetMinutes * 60_000).toISOString();

function input(json: unknown, ingestedAt: string): DocumentInput {
  const bytes = Buffer.from(JSON.stringify(json));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), json, text: null, options: {}, ingestedAt };
}

// ---------------------------------------------------------------------------
// ML models

interface ModelSpec {
  purl: string;
  org: string;
  name: string;
  base: number | null;
  datasets: number[];
}

interface DatasetSpec {
  group: string;
  name: string;
  version: string;
}

function buildModels(seed: number, count: number): { models: ModelSpec[]; datasets: DatasetSpec[] } {
  const nBase = Math.max(1, Math.round(count / 5));
  const datasets: DatasetSpec[] = [];
  const nData = Math.max(5, Math.round(count / 5));
  for (let d = 0; d < nData; d++) datasets.push({ group: `data-org-${d % 25}`, name: `corpus-${d}`, version: `${1 + (d % 3)}.0` });
  const baseZipf = new Zipf(nBase, 1.1);
  const dataZipf = new Zipf(nData, 0.9);
  const models: ModelSpec[] = [];
  for (let m = 0; m < count; m++) {
    const rng = rngFor(seed, 'model', m);
    const org = `org-${m % 60}`;
    const name = m < nBase ? `base-model-${m}` : `finetune-${m}`;
    const purl = formatPurl({ type: 'huggingface', namespace: org, name, version: rng.hex(40), qualifiers: {}, subpath: null });
    const ds = new Set<number>();
    const nds = m < nBase ? rng.range(2, 4) : rng.range(1, 3);
    for (let k = 0; k < nds; k++) ds.add(dataZipf.sample(rng));
    models.push({ purl, org, name, base: m < nBase ? null : baseZipf.sample(rng), datasets: [...ds] });
  }
  return { models, datasets };
}

// ---------------------------------------------------------------------------
// What the harness needs to pick query arguments

export interface Catalog {
  /** Per universe version: SBOMs listing it (0 = not in the graph). */
  sbomCount: Int32Array;
  /** Per universe version: 1 when some listed component depends on it. */
  dependedOn: Uint8Array;
  universe: Universe;
  sboms: Array<{ key: string; subjectPurl: string; subjectLabel: 'PackageVersion' | 'Model'; components: number; kind: string }>;
  models: Array<{ purl: string; name: string; signatures: number; trusted: boolean; inSbom: boolean; base: boolean }>;
  advisories: Array<{ id: string; aliases: string[]; packagePurl: string; withdrawn: boolean }>;
  /** (vulnerability key, universe version) for every AFFECTS edge. */
  affects: Array<{ vuln: string; version: number }>;
}

export interface GenerateReport {
  params: GenerateParams;
  engine: string;
  /** Wall time of the whole generation (build + write + matching). */
  totalMs: number;
  phases: Array<{ name: string; docs: number; ms: number }>;
  matching: { edgesAdded: number; ms: number };
  counts: GraphCounts;
  catalog: Catalog;
}

type Log = (line: string) => void;

/** Generates the graph into `store` (already migrated, expected empty). */
export async function generateGraph(store: GraphStore, params: GenerateParams, log: Log = () => undefined): Promise<GenerateReport> {
  const t0 = performance.now();
  const seed = params.seed;
  const u = new Universe(seed, params.universe, params.zipf);
  const { models, datasets } = buildModels(seed, params.models);
  const catalog: Catalog = {
    sbomCount: new Int32Array(u.vers.length),
    dependedOn: new Uint8Array(u.vers.length),
    universe: u,
    sboms: [],
    models: models.map((m) => ({ purl: m.purl, name: m.name, signatures: 0, trusted: false, inSbom: false, base: m.base === null })),
    advisories: [],
    affects: [],
  };
  /** SBOM indices per listed version, for VEX targets. */
  const listedIn = new Map<number, number[]>();
  const phases: GenerateReport['phases'] = [];
  log(`universe: ${u.pkgs.length} packages, ${u.vers.length} versions; ${models.length} models, ${datasets.length} datasets`);

  // --- SBOMs ---------------------------------------------------------------
  const fineTunes = models.map((m, i) => (m.base !== null ? i : -1)).filter((i) => i >= 0);
  const mlShare = fineTunes.length > 0 ? 0.1 : 0;
  let sbomIdx = 0;
  const nextSbom = (): OntologyBatch | null => {
    if (sbomIdx >= params.sboms) return null;
    const i = sbomIdx++;
    const rng = rngFor(seed, 'sbom', i);
    const r = rng.float();
    const kind = r < mlShare ? 'ml' : r < mlShare + 0.27 ? 'npm-app' : r < mlShare + 0.41 ? 'pypi-app' : r < mlShare + 0.55 ? 'maven-app' : 'container';
    const direct: number[] = [];
    const addDirect = (eco: EcoName, n: number): void => {
      const e = u.ecoIndex(eco);
      for (let k = 0; k < n; k++) direct.push(u.sample(e, rng));
    };
    let subject: Record<string, unknown>;
    let subjectPurl: string;
    let subjectLabel: 'PackageVersion' | 'Model' = 'PackageVersion';
    const extra: Array<Record<string, unknown>> = [];
    const subjectDeps: string[] = [];
    if (kind === 'ml') {
      const m = models[fineTunes[i % fineTunes.length]!]!;
      const mi = models.indexOf(m);
      catalog.models[mi]!.inSbom = true;
      const base = models[m.base!]!;
      subjectPurl = m.purl;
      subjectLabel = 'Model';
      const dsRefs = m.datasets.map((d) => `dataset-${d}`);
      subject = {
        type: 'machine-learning-model', 'bom-ref': 'subject', group: m.org, name: m.name, purl: m.purl,
        modelCard: { modelParameters: { task: 'text-generation', datasets: dsRefs.map((ref) => ({ ref })) } },
      };
      extra.push({ type: 'machine-learning-model', 'bom-ref': 'base-model', group: base.org, name: base.name, purl: base.purl });
      subjectDeps.push('base-model');
      m.datasets.forEach((d) => {
        const ds = datasets[d]!;
        extra.push({ type: 'data', 'bom-ref': `dataset-${d}`, group: ds.group, name: ds.name, version: ds.version });
      });
      addDirect('pypi', rng.range(5, 25));
    } else if (kind === 'container') {
      const hex = rng.hex(64);
      const name = `image-${i}`;
      subjectPurl = formatPurl({ type: 'oci', namespace: null, name, version: `sha256:${hex}`, qualifiers: { repository_url: `registry.example.com/team-${i % 40}/${name}` }, subpath: null });
      subject = { type: 'container', 'bom-ref': 'subject', name: `registry.example.com/team-${i % 40}/${name}`, version: `sha256:${hex}`, purl: subjectPurl };
      // A few fat images (a full distribution plus a large application).
      const fat = rng.chance(0.03);
      addDirect('deb', fat ? rng.range(250, 500) : rng.logUniform(12, 90));
      addDirect(rng.chance(0.5) ? 'npm' : 'pypi', fat ? rng.range(100, 300) : rng.logUniform(1, 40));
    } else {
      const eco: EcoName = kind === 'npm-app' ? 'npm' : kind === 'pypi-app' ? 'pypi' : 'maven';
      const name = `app-${i}`;
      const namespace = eco === 'npm' ? '@acme' : eco === 'maven' ? 'com.acme.apps' : null;
      const version = `${1 + (i % 5)}.${i % 13}.0`;
      subjectPurl = formatPurl({ type: eco, namespace, name, version, qualifiers: {}, subpath: null });
      subject = { type: 'application', 'bom-ref': 'subject', ...(namespace ? { group: namespace } : {}), name, version, purl: subjectPurl };
      // A few monorepos with hundreds of direct dependencies.
      addDirect(eco, rng.chance(0.03) ? rng.range(300, 700) : rng.logUniform(4, eco === 'maven' ? 80 : 120));
    }
    // Dependency closure, breadth-first, capped.
    const included = new Set<number>();
    const order: number[] = [];
    for (const v of direct) if (!included.has(v) && included.size < params.maxComponents) {
      included.add(v);
      order.push(v);
    }
    const directOnly = [...order];
    for (let k = 0; k < order.length; k++) {
      for (const d of u.deps(order[k]!)) {
        if (included.has(d) || included.size >= params.maxComponents) continue;
        included.add(d);
        order.push(d);
      }
    }
    const components: Array<Record<string, unknown>> = [...extra];
    const dependencies: Array<{ ref: string; dependsOn: string[] }> = [{ ref: 'subject', dependsOn: [...subjectDeps, ...directOnly.map((v) => u.vers[v]!.purl)] }];
    for (const v of order) {
      const ver = u.vers[v]!;
      const pkg = u.pkgs[ver.pkg]!;
      const c: Record<string, unknown> = {
        type: 'library', 'bom-ref': ver.purl,
        ...(pkg.namespace && ECOS[pkg.eco]!.name === 'maven' ? { group: pkg.namespace } : {}),
        name: pkg.name, version: ver.version, purl: ver.purl,
        hashes: [{ alg: 'SHA-256', content: u.digest(v) }],
        licenses: [{ license: { id: pkg.license } }],
      };
      if (pkg.repo) c.externalReferences = [{ type: 'vcs', url: `${pkg.repo}.git` }];
      components.push(c);
      const ds = [...u.deps(v)].filter((d) => included.has(d));
      ds.forEach((d) => { catalog.dependedOn[d] = 1; });
      if (ds.length > 0) dependencies.push({ ref: ver.purl, dependsOn: ds.map((d) => u.vers[d]!.purl) });
      catalog.sbomCount[v]! += 1;
      let l = listedIn.get(v);
      if (!l) listedIn.set(v, (l = []));
      l.push(i);
    }
    const json = {
      bomFormat: 'CycloneDX', specVersion: '1.5', serialNumber: `urn:uuid:${uuidFrom(rng.hex(32))}`, version: 1,
      metadata: { timestamp: iso(i * 7), tools: { components: [{ type: 'application', name: 'bench-query-generator', version: '1' }] }, component: subject },
      components, dependencies,
    };
    const batch = parseCycloneDxJson(input(json, iso(i * 7 + 3)));
    catalog.sboms.push({ key: batch.document.key, subjectPurl, subjectLabel, components: batch.document.componentCount, kind });
    return batch;
  };
  phases.push(await writeAll(store, 'sboms', nextSbom, params, log));

  // --- OMS signatures ------------------------------------------------------
  const signers = buildSigners(seed, 40);
  const sigModels = [...catalog.models.keys()].sort((a, b) => Number(catalog.models[b]!.inSbom) - Number(catalog.models[a]!.inSbom) || a - b);
  let sigIdx = 0;
  let unsigned = 0;
  const nextSignature = (): OntologyBatch | null => {
    if (sigIdx >= params.signatures || sigModels.length === 0) return null;
    const j = sigIdx++;
    const rng = rngFor(seed, 'signature', j);
    // A quarter of the signatures are of a model already signed (re-signing, a second signer).
    const again = unsigned > 0 && (rng.chance(0.25) || unsigned >= sigModels.length);
    const mi = again ? sigModels[rng.int(unsigned)]! : sigModels[unsigned++]!;
    const model = models[mi]!;
    const r = rng.float();
    const trust: SignatureTrustStatus = r < 0.6 ? 'TRUSTED' : r < 0.9 ? 'UNTRUSTED' : 'INVALID';
    const batch = omsSignatureBatch(seed, j, model, trust, signers[Math.floor(rng.exponential(8)) % signers.length]!, rng);
    catalog.models[mi]!.signatures += 1;
    if (trust === 'TRUSTED') catalog.models[mi]!.trusted = true;
    return batch;
  };
  phases.push(await writeAll(store, 'signatures', nextSignature, params, log));

  // --- OSV advisories and their AFFECTS edges ------------------------------
  const advZipf = u.byEco.map((list) => new Zipf(list.length, 0.9));
  let advIdx = 0;
  const matching = { edgesAdded: 0, ms: 0 };
  /** (vulnerability, affected version) pairs that are in the graph, for VEX. */
  const vexCandidates = catalog.affects;
  const nextAdvisory = (): OntologyBatch | null => {
    if (advIdx >= params.advisories) return null;
    const j = advIdx++;
    const rng = rngFor(seed, 'advisory', j);
    const r = rng.float();
    const e = r < 0.4 ? 0 : r < 0.6 ? 1 : r < 0.8 ? 2 : 3;
    const eco = ECOS[e]!;
    const id = `GHSA-${ghsaPart(rng)}-${ghsaPart(rng)}-${ghsaPart(rng)}`;
    const aliases = rng.chance(0.85) ? [`CVE-${2015 + (j % 10)}-${10000 + j}`] : [];
    if (eco.name === 'pypi' && rng.chance(0.4)) aliases.push(`PYSEC-${2015 + (j % 10)}-${j}`);
    const withdrawn = rng.chance(0.02);
    const affected = [];
    const nAffected = rng.chance(0.1) ? 2 : 1;
    let firstPurl = '';
    for (let k = 0; k < nAffected; k++) {
      const pkgIdx = u.byEco[e]![advZipf[e]!.sample(rng)]!;
      const pkg = u.pkgs[pkgIdx]!;
      const vs = pkg.versions;
      const events: Array<Record<string, string>> = [];
      const intro = rng.chance(0.7) ? 0 : rng.int(vs.length);
      events.push({ introduced: intro === 0 ? '0' : u.vers[vs[intro]!]!.version });
      if (rng.chance(0.75) && intro + 1 < vs.length) events.push({ fixed: u.vers[vs[rng.range(intro + 1, vs.length - 1)]!]!.version });
      const purl = formatPurl({ type: eco.name, namespace: pkg.namespace, name: pkg.name, version: null, qualifiers: eco.name === 'deb' ? { distro: 'debian-12' } : {}, subpath: null });
      if (k === 0) firstPurl = u.packagePurl(pkgIdx);
      const osvName = eco.name === 'maven' ? `${pkg.namespace}:${pkg.name}` : pkg.namespace && eco.name === 'npm' ? `${pkg.namespace}/${pkg.name}` : pkg.name;
      affected.push({ package: { ecosystem: eco.osvEcosystem, name: osvName, purl }, ranges: [{ type: eco.rangeType, events }] });
    }
    const json = {
      schema_version: '1.6.0', id, modified: iso(j * 11 + 5), published: iso(j * 11), ...(withdrawn ? { withdrawn: iso(j * 11 + 9) } : {}),
      aliases, summary: `Synthetic vulnerability ${j} in ${affected[0]!.package.name}`,
      details: 'Generated for the query benchmark.',
      severity: [{ type: 'CVSS_V3', score: `CVSS:3.1/AV:N/AC:${rng.chance(0.5) ? 'L' : 'H'}/PR:N/UI:N/S:U/C:H/I:H/A:H` }],
      affected,
      database_specific: { severity: rng.pick(['LOW', 'MODERATE', 'HIGH', 'CRITICAL']) },
    };
    catalog.advisories.push({ id, aliases, packagePurl: firstPurl, withdrawn });
    const batch = parseOsv(input(json, iso(200_000 + j)));
    const affects = affectsOf(u, catalog.sbomCount, batch);
    for (const a of affects) vexCandidates.push({ vuln: a.from.key, version: a.version });
    if (params.match === 'inline') {
      batch.edges.push(...affects.map(({ version: _v, ...edge }) => edge));
      matching.edgesAdded += affects.length;
    }
    return batch;
  };
  phases.push(await writeAll(store, 'advisories', nextAdvisory, params, log, params.match === 'worker' ? async (batch) => {
    const m0 = performance.now();
    const res = await matchAfterWrite(store, batch);
    matching.ms += performance.now() - m0;
    matching.edgesAdded += res.edgesAdded;
  } : undefined));

  // --- OpenVEX -------------------------------------------------------------
  // Statements about (product = SBOM subject, subcomponent = an affected version it lists).
  let vexIdx = 0;
  const vexSboms = catalog.sboms.map((s, i) => (s.subjectLabel === 'PackageVersion' ? i : -1)).filter((i) => i >= 0);
  const nextVex = (): OntologyBatch | null => {
    if (vexIdx >= params.vexDocs || vexCandidates.length === 0 || vexSboms.length === 0) return null;
    const j = vexIdx++;
    const rng = rngFor(seed, 'vex', j);
    const statements = [];
    const n = rng.range(1, 5);
    for (let k = 0; k < n; k++) {
      const c = vexCandidates[rng.int(vexCandidates.length)]!;
      const holders = (listedIn.get(c.version) ?? []).filter((s) => catalog.sboms[s]!.subjectLabel === 'PackageVersion');
      const r = rng.float();
      const status = r < 0.5 ? 'not_affected' : r < 0.7 ? 'affected' : r < 0.85 ? 'fixed' : 'under_investigation';
      const product = holders.length > 0 && rng.chance(0.8)
        ? { '@id': catalog.sboms[rng.pick(holders)]!.subjectPurl, subcomponents: [{ '@id': u.vers[c.version]!.purl }] }
        : { '@id': u.vers[c.version]!.purl };
      statements.push({
        vulnerability: { name: c.vuln }, products: [product], status,
        ...(status === 'not_affected' ? { justification: rng.pick(['vulnerable_code_not_in_execute_path', 'vulnerable_code_not_present', 'inline_mitigations_already_exist']) } : {}),
        ...(status === 'affected' ? { action_statement: 'Upgrade to the fixed version.' } : {}),
        timestamp: iso(300_000 + j * 13 + k),
      });
    }
    const json = { '@context': 'https://openvex.dev/ns/v0.2.0', '@id': `https://vex.example.com/acme/${j}`, author: 'Acme PSIRT', timestamp: iso(300_000 + j * 13), version: 1, statements };
    return parseOpenVex(input(json, iso(300_000 + j * 13 + 10)));
  };
  phases.push(await writeAll(store, 'vex', nextVex, params, log));

  const counts = await store.counts();
  return { params, engine: store.engine, totalMs: performance.now() - t0, phases, matching, counts, catalog };
}

/**
 * The AFFECTS edges the worker's matcher (services/worker/match-vulnerabilities.ts)
 * would write for this advisory document: every AFFECTS_PACKAGE rule evaluated with
 * the same evaluateRule against every version of the package that is in the graph,
 * one edge per (vulnerability, version, advisory) with the verdict's reason and the
 * advisory document as `doc`. Withdrawn advisories assert no rules, hence no edges.
 */
function affectsOf(u: Universe, sbomCount: Int32Array, batch: OntologyBatch): Array<EdgeRecord & { version: number }> {
  let byPurl = pkgPurlIndex.get(u);
  if (!byPurl) pkgPurlIndex.set(u, (byPurl = new Map(u.pkgs.map((_, i) => [u.packagePurl(i), i]))));
  const out = new Map<string, EdgeRecord & { version: number }>();
  for (const e of batch.edges) {
    if (e.type !== 'AFFECTS_PACKAGE') continue;
    const pkgIdx = byPurl.get(e.to.key);
    if (pkgIdx === undefined) continue;
    const rule = decodeRule(String(e.props.rule));
    const deb = ECOS[u.pkgs[pkgIdx]!.eco]!.name === 'deb';
    for (const v of u.pkgs[pkgIdx]!.versions) {
      if (sbomCount[v] === 0) continue;
      const ver = u.vers[v]!;
      const verdict = evaluateRule(rule, { purl: ver.purl, version: ver.version, qualifiers: deb ? { arch: 'amd64', distro: 'debian-12' } : {} });
      if (verdict.status !== 'affected') continue;
      const advisory = e.from.key;
      const vulnerability = String(e.props.vulnerability);
      out.set(`${vulnerability}\u0000${ver.purl}\u0000${advisory}`, {
        type: 'AFFECTS', from: { label: 'Vulnerability', key: vulnerability }, to: { label: 'PackageVersion', key: ver.purl },
        props: { advisory, reason: verdict.reason ?? `${rule.kind} rule`, doc: batch.document.key }, version: v,
      });
    }
  }
  return [...out.values()];
}
const pkgPurlIndex = new WeakMap<Universe, Map<string, number>>();

function ghsaPart(rng: Xorshift32): string {
  const alphabet = '23456789cfghjmpqrvwx';
  let s = '';
  for (let i = 0; i < 4; i++) s += alphabet[rng.int(alphabet.length)];
  return s;
}

/**
 * The catalog of the graph these parameters generate, without writing anything:
 * for benchmarking a graph generated earlier (the generator is deterministic).
 */
export async function dryCatalog(params: GenerateParams): Promise<Catalog> {
  const empty: GraphCounts = { nodes: 0, edges: 0, byLabel: {}, byEdgeType: {} };
  const discard = {
    engine: 'kuzu', writeBatch: async () => ({ status: 'written', nodesCreated: 0, edgesCreated: 0, durationMs: 0 }), counts: async () => empty,
  } as unknown as GraphStore;
  return (await generateGraph(discard, { ...params, match: 'inline' })).catalog;
}

// ---------------------------------------------------------------------------
// OMS signatures, as ingestors/oms/parse.ts builds them

function buildSigners(seed: number, n: number): SignerIdentityNode[] {
  const out: SignerIdentityNode[] = [];
  for (let k = 0; k < n; k++) {
    const rng = rngFor(seed, 'signer', k);
    const kind: SignerIdentityNode['kind'] = k % 3 === 0 ? 'key' : k % 3 === 1 ? 'certificate' : 'oidc';
    const identity = kind === 'key'
      ? { kind, keyFingerprint: rng.hex(64), subject: null, san: null, issuer: null }
      : kind === 'certificate'
        ? { kind, keyFingerprint: null, subject: `CN=ml-release-${k},O=Org ${k % 7}`, san: `ml-release-${k}@org${k % 7}.example`, issuer: `CN=Org ${k % 7} CA` }
        : { kind, keyFingerprint: null, subject: null, san: `https://github.com/org-${k % 9}/train/.github/workflows/release.yml@refs/heads/main`, issuer: 'https://token.actions.githubusercontent.com' };
    out.push({ key: signerIdentityKey(identity), ...identity } as SignerIdentityNode);
  }
  return out;
}

function omsSignatureBatch(seed: number, j: number, model: ModelSpec, trust: SignatureTrustStatus, signer: SignerIdentityNode, rng: Xorshift32): OntologyBatch {
  const method = signer.kind === 'key' ? 'key' : signer.kind === 'certificate' ? 'certificate' : 'sigstore';
  const rootHex = sha256(`root:${seed}:${model.purl}`);
  const nShards = rng.range(1, 4);
  const files = ['config.json', 'tokenizer.json', 'generation_config.json', ...Array.from({ length: nShards }, (_, k) => `model-${String(k + 1).padStart(5, '0')}-of-${String(nShards).padStart(5, '0')}.safetensors`)];
  // The bundle bytes only decide the document's identity and size.
  const bundle = {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { publicKey: { hint: signer.key } },
    dsseEnvelope: { payloadType: 'application/vnd.in-toto+json', payload: Buffer.from(JSON.stringify({ j, model: model.purl, files, rootHex })).toString('base64'), signatures: [{ sig: rng.hex(128) }] },
  };
  const bytes = Buffer.from(JSON.stringify(bundle));
  const sha = createHash('sha256').update(bytes).digest('hex');
  const docKey = documentKey(sha);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };
  const root = b.node('Artifact', { key: `sha256:${rootHex}`, algorithm: 'sha256', digest: rootHex });
  const signedAt = iso(400_000 + j * 17);
  const [reasonCode, reason] = trust === 'TRUSTED'
    ? ['VERIFIED', 'The signature verifies and the signer is trusted.']
    : trust === 'UNTRUSTED'
      ? [signer.kind === 'key' ? 'KEY_NOT_TRUSTED' : signer.kind === 'certificate' ? 'CERT_CHAIN_UNTRUSTED' : 'IDENTITY_NOT_CONFIGURED', 'The signature verifies but no trust configuration vouches for the signer.']
      : ['SIGNATURE_INVALID', 'The signature does not verify.'];
  const signature = b.node('Signature', {
    key: `sig:${sha}`, method, predicateType: 'https://model_signing/signature/v1.0', formatVersion: '1.0', trust, reasonCode, reason,
    signedAt, verifiedAt: iso(400_000 + j * 17 + 1), rootDigest: `sha256:${rootHex}`,
  });
  b.edge('LISTS', doc, signature, { ref: null, componentType: 'signature', scope: null });
  b.edge('SIGNS', signature, root);
  let modelRef: NodeRef | null = null;
  if (trust !== 'INVALID') {
    modelRef = b.node('Model', { key: model.purl, name: `${model.org}/${model.name}`, purl: model.purl, version: null, synthetic: false });
    b.edge('LISTS', doc, modelRef, { ref: null, componentType: 'machine-learning-model', scope: null });
    b.edge('DESCRIBES', doc, modelRef);
    b.edge('SIGNS', signature, modelRef);
    b.edge('HAS_DIGEST', modelRef, root);
    for (const f of files) {
      const hex = sha256(`file:${seed}:${model.purl}:${f}`);
      const file = b.node('Artifact', { key: `sha256:${hex}`, algorithm: 'sha256', digest: hex });
      b.edge('HAS_FILE', modelRef, file, { path: f });
    }
    const identity = b.node('SignerIdentity', { ...signer });
    b.edge('SIGNED_BY', signature, identity);
  } else {
    b.warn('SIGNATURE_INVALID', 'the signature is invalid (SIGNATURE_INVALID): The signature does not verify.; its manifest is not recorded');
  }
  return b.build({
    key: docKey, sha256: sha, kind: 'signature', format: 'oms-signature', specVersion: 'https://model_signing/signature/v1.0',
    name: modelRef ? `${model.org}/${model.name}` : model.name, serialNumber: null, bomVersion: null, createdAt: signedAt,
    ingestedAt: iso(400_000 + j * 17 + 2), byteSize: bytes.byteLength, componentCount: trust === 'INVALID' ? 0 : files.length,
    warningCount: 0, state: 'complete',
  });
}

// ---------------------------------------------------------------------------
// Writing

async function writeAll(
  store: GraphStore, name: string, next: () => OntologyBatch | null, params: GenerateParams, log: Log,
  after?: (batch: OntologyBatch) => Promise<void>,
): Promise<{ name: string; docs: number; ms: number }> {
  const t0 = performance.now();
  let docs = 0;
  let lastLog = t0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const group: OntologyBatch[] = [];
      while (group.length < params.group) {
        const b = next();
        if (b === null) break;
        group.push(b);
      }
      if (group.length === 0) return;
      const r = await store.writeBatch(mergeBatches(group));
      if (r.status !== 'written') throw new Error(`generated document ${group[0]!.document.key} was already in the graph: the store is not empty`);
      if (after) for (const b of group) await after(b);
      docs += group.length;
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        log(`  ${name}: ${docs} documents written (${((lastLog - t0) / 1000).toFixed(0)} s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: params.concurrency }, worker));
  const ms = performance.now() - t0;
  log(`${name}: ${docs} documents in ${(ms / 1000).toFixed(1)} s`);
  return { name, docs, ms };
}

/**
 * Several documents' batches as one writeBatch argument: the first document is the
 * batch's document, the others' Document nodes (as the writer would store them,
 * state `complete`) join the nodes; nodes are de-duplicated first-wins (as
 * successive writes would leave them) and edges are kept as they are — each
 * carries its own document's `doc`. HAS_VERSION is implied by identity and kept once.
 */
export function mergeBatches(batches: OntologyBatch[]): OntologyBatch {
  if (batches.length === 1) return batches[0]!;
  const first = batches[0]!;
  const seen = new Set<string>([`Document\u0000${first.document.key}`]);
  const nodes: NodeRecord[] = [];
  const add = (n: NodeRecord): void => {
    const id = `${n.label}\u0000${n.props.key}`;
    if (seen.has(id)) return;
    seen.add(id);
    nodes.push(n);
  };
  for (const b of batches) {
    if (b !== first) add({ label: 'Document', props: { ...b.document, state: 'complete' } });
    b.nodes.forEach(add);
  }
  const versions = new Set<string>();
  const edges: EdgeRecord[] = [];
  for (const b of batches) {
    for (const e of b.edges) {
      if (e.type === 'HAS_VERSION') {
        if (versions.has(e.to.key)) continue;
        versions.add(e.to.key);
      }
      edges.push(e);
    }
  }
  return { document: first.document, nodes, edges, warnings: batches.flatMap((b) => b.warnings) };
}

// ---------------------------------------------------------------------------
// Report

export function formatCounts(c: GraphCounts): string {
  const nonzero = (o: Record<string, number>): Array<[string, number]> => Object.entries(o).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const col = (rows: Array<[string, number]>): string[] => rows.map(([k, n]) => `  ${k.padEnd(18)} ${n.toLocaleString('en-US').padStart(10)}`);
  return [
    `nodes ${c.nodes.toLocaleString('en-US')}, edges ${c.edges.toLocaleString('en-US')}`,
    'nodes by label:', ...col(nonzero(c.byLabel)),
    'edges by type:', ...col(nonzero(c.byEdgeType)),
  ].join('\n');
}

export function formatGenerateReport(r: GenerateReport): string {
  const p = r.params;
  return [
    `generated on ${r.engine} in ${(r.totalMs / 1000).toFixed(1)} s ` +
      `(seed ${p.seed}, ${p.sboms} SBOMs, universe ${p.universe} versions, ${p.models} models, ${p.signatures} signatures, ${p.advisories} advisories, ${p.vexDocs} VEX docs, zipf ${p.zipf}; ${p.group} documents per writeBatch, ${p.concurrency} writer(s), matching ${p.match})`,
    ...r.phases.map((ph) => `  ${ph.name.padEnd(11)} ${String(ph.docs).padStart(6)} docs  ${(ph.ms / 1000).toFixed(1).padStart(7)} s  (${(ph.docs / (ph.ms / 1000)).toFixed(1)} docs/s)`),
    r.params.match === 'worker'
      ? `  matching: ${r.matching.edgesAdded} AFFECTS edges by the worker's matchAfterWrite in ${(r.matching.ms / 1000).toFixed(1)} s (included in advisories)`
      : `  matching: ${r.matching.edgesAdded} AFFECTS edges computed with the matcher's evaluateRule, written with their advisories`,
    formatCounts(r.counts),
  ].join('\n');
}

/**
 * sha256 per node label (sorted keys) and per edge type (sorted endpoint keys and
 * properties): two graphs with equal fingerprints hold the same facts. Reads
 * every edge, so meant for small graphs (engine/option equivalence checks).
 */
export async function graphFingerprint(store: GraphStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const label of NODE_LABELS) {
    const rows = await store.read<{ k: string }>(`MATCH (n:${label}) RETURN n.key AS k`);
    out[label] = digestLines(rows.map((r) => r.k));
  }
  for (const type of EDGE_TYPES) {
    const props = edgePropertyNames(type);
    const rows = await store.read<Record<string, unknown>>(`MATCH (a)-[r:${type}]->(b) RETURN a.key AS a, b.key AS b, ${props.map((p) => `r.${p} AS p_${p}`).join(', ')}`);
    out[type] = digestLines(rows.map((r) => JSON.stringify([r.a, r.b, ...props.map((p) => r[`p_${p}`] ?? null)])));
  }
  return out;
}

function digestLines(lines: string[]): string {
  lines.sort();
  return `${lines.length}:${sha256(lines.join('\n')).slice(0, 16)}`;
}

// ---------------------------------------------------------------------------
// CLI

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const engine = flags.get('engine') ?? (process.env.NEO4J_URL ? 'neo4j' : 'kuzu');
  if (engine !== 'kuzu' && engine !== 'neo4j') throw new Error('--engine must be kuzu or neo4j');
  const params = paramsFrom(flags, process.env, engine === 'neo4j' ? 2 : 1);
  const { loadConfig } = await import('../../services/config/config.js');
  const { openGraphStore } = await import('../../services/graph/open-store.js');
  const tmp = flags.get('dir') ? null : await mkdtemp(path.join(os.tmpdir(), 'supplygraph-qgen-'));
  const dataDir = flags.get('dir') ?? tmp!;
  const config = loadConfig({ ...process.env, SUPPLYGRAPH_DATA_DIR: dataDir, SUPPLYGRAPH_GRAPH: engine, SUPPLYGRAPH_LOG_LEVEL: 'warn' });
  const store = await openGraphStore(config);
  try {
    const before = await store.counts();
    if (before.nodes > 0) throw new Error(`the ${engine} graph is not empty (${before.nodes} nodes); use an empty database`);
    const report = await generateGraph(store, params, (l) => console.error(l));
    console.log(formatGenerateReport(report));
    if (flags.has('fingerprint')) {
      const fp = await graphFingerprint(store);
      console.log('fingerprint:');
      for (const [k, v] of Object.entries(fp)) console.log(`  ${k.padEnd(18)} ${v}`);
    }
    if (engine === 'kuzu') console.log(`kuzu data dir: ${dataDir}${tmp && !flags.has('keep') ? ' (removed; pass --keep or --dir to keep it)' : ''}`);
  } finally {
    await store.close();
    if (tmp && !flags.has('keep')) await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(1);
  });
}
