/**
 * The benchmark's GraphQL requests: what an investigator asks, with arguments
 * picked from the generated graph (the most popular package version, a
 * mid-popularity one, a leaf, the largest SBOM, a signed model, the
 * vulnerability that reaches the most SBOMs, …). The picks depend only on the
 * generator's parameters, so both engines answer the same questions.
 */
import { encodeCursor } from '../../services/api/graphql/cursor.js';
import type { Catalog } from './generate.js';

export interface BenchQuery {
  name: string;
  /** What the request asks, in words, with the size of the answer where it matters. */
  about: string;
  query: string;
  variables: Record<string, unknown>;
  /** A short description of the answer (result sizes), from the response data. */
  summarize?: (data: Record<string, unknown>) => string;
}

export interface Picks {
  topVersion: { purl: string; sboms: number };
  topPackage: { purl: string; versions: number };
  midVersion: { purl: string; sboms: number };
  leafVersion: { purl: string; sboms: number };
  largeSbom: { id: string; subject: string; components: number };
  typicalSbom: { id: string; subject: string; components: number };
  model: { purl: string; signatures: number };
  vulnTop: { id: string; ghsa: string; versions: number; sboms: number };
  vulnMid: { id: string; ghsa: string; versions: number; sboms: number };
  /** Cursor into the middle of the SBOM list. */
  sbomsAfter: string;
  /** A popular PyPI version, which many ML models' SBOMs contain. */
  pypiVersion: { purl: string; sboms: number };
}

/** Deterministic choices from the catalog. */
export function choosePicks(c: Catalog, affects: ReadonlyArray<{ vuln: string; version: number }>): Picks {
  const u = c.universe;
  const listed: number[] = [];
  for (let v = 0; v < c.sbomCount.length; v++) if (c.sbomCount[v]! > 0) listed.push(v);
  if (listed.length === 0) throw new Error('the generated graph lists no package versions');
  const byCount = [...listed].sort((a, b) => c.sbomCount[b]! - c.sbomCount[a]! || a - b);
  const top = byCount[0]!;
  const midTarget = Math.max(3, Math.round(c.sboms.length * 0.01));
  const mid = [...listed].sort((a, b) => Math.abs(c.sbomCount[a]! - midTarget) - Math.abs(c.sbomCount[b]! - midTarget) || a - b)[0]!;
  // A leaf: in one SBOM, nothing depends on it there but the SBOM's subject.
  const leaf = byCount.filter((v) => c.sbomCount[v] === 1 && c.dependedOn[v] === 0).pop() ?? byCount[byCount.length - 1]!;
  const pypiTop = byCount.find((v) => u.vers[v]!.purl.startsWith('pkg:pypi/')) ?? top;
  const sbomsBySize = [...c.sboms].sort((a, b) => b.components - a.components || (a.key < b.key ? -1 : 1));
  const large = sbomsBySize.find((s) => s.subjectLabel === 'PackageVersion') ?? sbomsBySize[0]!;
  const typical = sbomsBySize.filter((s) => s.subjectLabel === 'PackageVersion')[Math.floor(sbomsBySize.length / 2)] ?? large;
  const model = c.models.find((m) => m.inSbom && m.trusted && m.signatures >= 2) ?? c.models.find((m) => m.signatures > 0) ?? c.models[0];
  const sortedKeys = c.sboms.map((s) => s.key).sort();
  // Vulnerabilities by how many SBOM listings their affected versions have.
  const reach = new Map<string, { versions: number; sboms: number }>();
  for (const a of affects) {
    const r = reach.get(a.vuln) ?? { versions: 0, sboms: 0 };
    r.versions += 1;
    r.sboms += c.sbomCount[a.version]!;
    reach.set(a.vuln, r);
  }
  const vulns = [...reach.entries()].sort((a, b) => b[1].sboms - a[1].sboms || (a[0] < b[0] ? -1 : 1));
  const vTarget = Math.max(3, Math.round(c.sboms.length * 0.01));
  const vMid = [...vulns].sort((a, b) => Math.abs(a[1].sboms - vTarget) - Math.abs(b[1].sboms - vTarget) || (a[0] < b[0] ? -1 : 1))[0];
  const byId = (ghsa: string): string => c.advisories.find((a) => a.id === ghsa)?.aliases.find((x) => x.startsWith('CVE-')) ?? ghsa;
  const vuln = (e: [string, { versions: number; sboms: number }] | undefined): Picks['vulnTop'] =>
    e ? { id: byId(e[0]), ghsa: e[0], ...e[1] } : { id: 'CVE-0000-0000', ghsa: 'none', versions: 0, sboms: 0 };
  const topPkg = u.vers[top]!.pkg;
  return {
    topVersion: { purl: u.vers[top]!.purl, sboms: c.sbomCount[top]! },
    topPackage: { purl: u.packagePurl(topPkg), versions: u.pkgs[topPkg]!.versions.filter((v) => c.sbomCount[v]! > 0).length },
    midVersion: { purl: u.vers[mid]!.purl, sboms: c.sbomCount[mid]! },
    leafVersion: { purl: u.vers[leaf]!.purl, sboms: c.sbomCount[leaf]! },
    largeSbom: { id: large.key, subject: large.subjectPurl, components: large.components },
    typicalSbom: { id: typical.key, subject: typical.subjectPurl, components: typical.components },
    model: { purl: model?.purl ?? 'pkg:huggingface/none/none@0', signatures: model?.signatures ?? 0 },
    vulnTop: vuln(vulns[0]),
    vulnMid: vuln(vMid),
    sbomsAfter: encodeCursor(sortedKeys[Math.floor(sortedKeys.length / 2)] ?? ''),
    pypiVersion: { purl: u.vers[pypiTop]!.purl, sboms: c.sbomCount[pypiTop]! },
  };
}

const DEPENDENTS = `query Dependents($purl: String!, $transitive: Boolean!) {
  dependents(purl: $purl, transitive: $transitive, first: 20) {
    targets { id kind }
    components { totalCount edges { node { component { id kind purl } depth } } }
    sboms(first: 20) { totalCount edges { node { id name } } }
  }
}`;

const DEPENDENTS_WITH_SUBJECTS = `query DependentsSubjects($purl: String!) {
  dependents(purl: $purl, first: 50) {
    targets { id }
    components { totalCount edges { node { component { id purl } depth path via } } }
    sboms(first: 50) { totalCount edges { node { id name } } }
    subjects { sbom { id } subject { id kind purl } }
  }
}`;

const DEPENDENCIES = `query Dependencies($purl: String!, $transitive: Boolean!) {
  dependencies(purl: $purl, transitive: $transitive, first: 100) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { component { id kind purl } depth path } }
  }
}`;

const SBOMS = `query Sboms($after: String) {
  sboms(first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id name format componentCount createdAt } }
  }
}`;

const SBOM = `query Sbom($id: ID!) {
  sbom(id: $id) {
    id name componentCount
    subject { id kind purl }
    components(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { node { component { id kind purl } type scope } } }
    licenses { license components }
  }
}`;

const PACKAGE = `query Package($purl: String!) {
  package(purl: $purl) { purl type namespace name versions { purl version qualifiers } }
}`;

const PACKAGE_SBOMS = `query PackageSboms($purl: String!) {
  package(purl: $purl) { purl versions { purl version sboms { id name } } }
}`;

const MODELS = `query Models($purl: String!) {
  models(purl: $purl) {
    id name purl signed
    signatures { id trust reasonCode method signer { id kind san } assertedBy { id kind } }
    datasets { id relation }
    baseModels { id relation }
    files { path digest }
    documents { id kind }
  }
}`;

const VULNERABILITY = `query Vulnerability($id: String!) {
  vulnerability(id: $id) {
    id aliases
    advisories { id advisoryId severity }
    affected(first: 100) { totalCount edges { node { packageVersion { id purl } advisory sbom { id name } subject { id purl } status } } }
  }
}`;

const SIGNED_MODELS = `query SignedModels($of: String!) {
  signedModels(dependingOn: $of) { model { id name } depth path signatures { trust signer { id } } }
}`;

const PROVENANCE = `query Provenance($of: String!) {
  provenance(of: $of) {
    target { id kind }
    digests
    signatures { id trust signer { id kind } }
    sources { repository }
    documents { relation document { id kind } }
  }
}`;

const PATH = `query Path($from: String!, $to: String!) {
  path(from: $from, to: $to) { length nodes { id kind } edges }
}`;

const SBOM_VULNERABILITIES = `query SbomVulnerabilities($id: ID!) {
  sbom(id: $id) { id vulnerabilities { vulnerability packageVersion { purl } advisory matchReason status } }
}`;

const VULNERABILITIES_OF = `query VulnerabilitiesOf($of: String!) {
  vulnerabilities(of: $of) { vulnerability packageVersion { purl } advisory matchReason status statement { id status } }
}`;

const NODE = `query Node($id: ID!) { node(id: $id) { id kind name purl } }`;

const SEARCH = `query Search($text: String!) {
  search(text: $text, first: 20) { id kind name purl }
}`;

const STATS = `query Stats { stats { nodes edges byLabel { name count } byEdgeType { name count } } }`;

const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
const len = (x: unknown): number => (Array.isArray(x) ? x.length : 0);
const n = (x: unknown): string => (typeof x === 'number' ? x.toLocaleString('en-US') : '?');

export function benchmarkQueries(p: Picks): BenchQuery[] {
  const dependents = (d: Record<string, unknown>): string =>
    `${n(get(d, 'dependents', 'components', 'totalCount'))} dependents, ${n(get(d, 'dependents', 'sboms', 'totalCount'))} SBOMs`;
  const dependencies = (d: Record<string, unknown>): string => `${n(get(d, 'dependencies', 'totalCount'))} components`;
  const vulnerability = (d: Record<string, unknown>): string => `${n(get(d, 'vulnerability', 'affected', 'totalCount'))} affected rows, first page`;
  return [
    {
      name: 'dependents-top', about: `dependents of the most popular version (${p.topVersion.purl}, in ${p.topVersion.sboms} SBOMs), transitive, first page`,
      query: DEPENDENTS, variables: { purl: p.topVersion.purl, transitive: true }, summarize: dependents,
    },
    {
      name: 'dependents-top-direct', about: 'the same, direct dependents only (transitive: false)',
      query: DEPENDENTS, variables: { purl: p.topVersion.purl, transitive: false }, summarize: dependents,
    },
    {
      name: 'dependents-top-package', about: `dependents of every version of ${p.topPackage.purl} (${p.topPackage.versions} versions in the graph)`,
      query: DEPENDENTS, variables: { purl: p.topPackage.purl, transitive: true }, summarize: dependents,
    },
    {
      name: 'dependents-mid', about: `dependents of a mid-popularity version (${p.midVersion.purl}, in ${p.midVersion.sboms} SBOMs) with paths and SBOM subjects`,
      query: DEPENDENTS_WITH_SUBJECTS, variables: { purl: p.midVersion.purl },
      summarize: (d) => `${n(get(d, 'dependents', 'components', 'totalCount'))} dependents, ${len(get(d, 'dependents', 'subjects'))} subjects`,
    },
    {
      name: 'dependents-leaf', about: `dependents of a leaf version (${p.leafVersion.purl}, in ${p.leafVersion.sboms} SBOM) with subjects`,
      query: DEPENDENTS_WITH_SUBJECTS, variables: { purl: p.leafVersion.purl },
      summarize: (d) => `${n(get(d, 'dependents', 'components', 'totalCount'))} dependents, ${len(get(d, 'dependents', 'subjects'))} subjects`,
    },
    {
      name: 'dependencies-large-transitive', about: `transitive dependencies of the largest SBOM's subject (${p.largeSbom.components} components), first 100 with paths`,
      query: DEPENDENCIES, variables: { purl: p.largeSbom.subject, transitive: true }, summarize: dependencies,
    },
    {
      name: 'dependencies-typical-direct', about: `direct dependencies of a median SBOM's subject (${p.typicalSbom.components} components)`,
      query: DEPENDENCIES, variables: { purl: p.typicalSbom.subject, transitive: false }, summarize: dependencies,
    },
    {
      name: 'sboms-first-page', about: 'sboms(first: 50) with totalCount',
      query: SBOMS, variables: { after: null }, summarize: (d) => `${len(get(d, 'sboms', 'edges'))} of ${n(get(d, 'sboms', 'totalCount'))}`,
    },
    {
      name: 'sboms-middle-page', about: 'sboms(first: 50, after: <cursor in the middle>)',
      query: SBOMS, variables: { after: p.sbomsAfter }, summarize: (d) => `${len(get(d, 'sboms', 'edges'))} of ${n(get(d, 'sboms', 'totalCount'))}`,
    },
    {
      name: 'sbom-large', about: `sbom(id) of the largest SBOM: subject, first 100 components, license counts`,
      query: SBOM, variables: { id: p.largeSbom.id }, summarize: (d) => `${n(get(d, 'sbom', 'components', 'totalCount'))} components, ${len(get(d, 'sbom', 'licenses'))} licenses`,
    },
    {
      name: 'package-top', about: `package(purl: ${p.topPackage.purl}) with its versions`,
      query: PACKAGE, variables: { purl: p.topPackage.purl }, summarize: (d) => `${len(get(d, 'package', 'versions'))} versions`,
    },
    {
      name: 'package-version-sboms-mid', about: `package(purl: ${p.midVersion.purl}) { versions { sboms } }`,
      query: PACKAGE_SBOMS, variables: { purl: p.midVersion.purl },
      summarize: (d) => `${((get(d, 'package', 'versions') as Array<{ sboms: unknown[] }>) ?? []).reduce((s, v) => s + len(v.sboms), 0)} SBOMs`,
    },
    {
      name: 'package-version-sboms-top', about: `package(purl: ${p.topVersion.purl}) { versions { sboms } }: every SBOM listing the most popular version`,
      query: PACKAGE_SBOMS, variables: { purl: p.topVersion.purl },
      summarize: (d) => `${((get(d, 'package', 'versions') as Array<{ sboms: unknown[] }>) ?? []).reduce((s, v) => s + len(v.sboms), 0)} SBOMs`,
    },
    {
      name: 'models-purl', about: `models(purl) of a fine-tuned model with ${p.model.signatures} signatures: signatures+signer, datasets, base models, files, documents`,
      query: MODELS, variables: { purl: p.model.purl },
      summarize: (d) => `${len(get(d, 'models'))} model, ${len(get((get(d, 'models') as unknown[])?.[0], 'signatures'))} signatures`,
    },
    {
      name: 'vulnerability-top', about: `vulnerability(id: ${p.vulnTop.id}) { affected }: ${p.vulnTop.versions} affected versions listed ${p.vulnTop.sboms} times in SBOMs`,
      query: VULNERABILITY, variables: { id: p.vulnTop.id }, summarize: vulnerability,
    },
    {
      name: 'vulnerability-mid', about: `vulnerability(id: ${p.vulnMid.id}) { affected }: ${p.vulnMid.versions} versions, ${p.vulnMid.sboms} SBOM listings`,
      query: VULNERABILITY, variables: { id: p.vulnMid.id }, summarize: vulnerability,
    },
    {
      name: 'sbom-vulnerabilities', about: 'vulnerabilities of the largest SBOM (sbom { vulnerabilities })',
      query: SBOM_VULNERABILITIES, variables: { id: p.largeSbom.id }, summarize: (d) => `${len(get(d, 'sbom', 'vulnerabilities'))} findings`,
    },
    {
      name: 'vulnerabilities-of-top', about: `vulnerabilities(of: ${p.topVersion.purl}): reverse lookup with VEX status`,
      query: VULNERABILITIES_OF, variables: { of: p.topVersion.purl }, summarize: (d) => `${len(get(d, 'vulnerabilities'))} findings`,
    },
    {
      name: 'node-lookup', about: `node(id: ${p.midVersion.purl}): identity lookup across labels`,
      query: NODE, variables: { id: p.midVersion.purl }, summarize: (d) => `${len(get(d, 'node'))} node`,
    },
    {
      name: 'signed-models-pypi', about: `signedModels(dependingOn: ${p.pypiVersion.purl}) (in ${p.pypiVersion.sboms} SBOMs)`,
      query: SIGNED_MODELS, variables: { of: p.pypiVersion.purl }, summarize: (d) => `${len(get(d, 'signedModels'))} models`,
    },
    {
      name: 'provenance-model', about: 'provenance(of: <the signed model>)',
      query: PROVENANCE, variables: { of: p.model.purl }, summarize: (d) => `${len(get(d, 'provenance', 'signatures'))} signatures, ${len(get(d, 'provenance', 'documents'))} documents`,
    },
    {
      name: 'path-subject-to-top', about: `path(from: the largest SBOM's subject, to: ${p.topVersion.purl})`,
      query: PATH, variables: { from: p.largeSbom.subject, to: p.topVersion.purl }, summarize: (d) => `length ${String(get(d, 'path', 'length') ?? 'none')}`,
    },
    {
      name: 'search-prefix', about: 'search(text: "lod") over packages, versions, models, datasets',
      query: SEARCH, variables: { text: 'lod' }, summarize: (d) => `${len(get(d, 'search'))} hits`,
    },
    {
      name: 'stats', about: 'stats: node and edge counts per label and type',
      query: STATS, variables: {}, summarize: (d) => `${n(get(d, 'stats', 'edges'))} edges`,
    },
  ];
}
