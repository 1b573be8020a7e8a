/**
 * One box for everything: purls, vulnerability ids, model names/purls/digests,
 * datasets, SBOM names. As-you-type (debounced), the query in the URL (`/?q=`).
 * One GraphQL request per search, plus the SBOM list once per session.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { gqlPartial, gql } from '../api';
import { navigate, pageFor, to, usePlace } from '../router';
import { ErrorBox, Link, Loading, useTokenTick, type Loaded } from '../components/ui';

// Two requests sent together: the first has only fields that answer null (or
// a field error beside the other fields' data) for text that names nothing;
// the second holds the non-null lookups that refuse a half-typed purl or an
// unknown name outright, so its failure costs only its own results.
const SEARCH = `query Search($text: String!, $doc: ID!, $isPurl: Boolean!, $isVuln: Boolean!, $isDigest: Boolean!) {
  search(text: $text, kinds: [PACKAGE, PACKAGE_VERSION, MODEL, DATASET], first: 40) { id kind name purl }
  vulnerability(id: $text) @include(if: $isVuln) { id aliases advisories { source title } }
  package(purl: $text) @include(if: $isPurl) { purl versions { purl version } }
  document(id: $doc) @include(if: $isDigest) { id kind format name }
  artifact(digest: $text) @include(if: $isDigest) { id digest }
}`;

const LOOKUPS = `query Lookups($text: String!, $isPurl: Boolean!, $isDigest: Boolean!, $isName: Boolean!) {
  packageVersion(purl: $text) @include(if: $isPurl) { purl version }
  purlModels: models(purl: $text) @include(if: $isPurl) { id name purl version signed }
  nameModels: models(name: $text) @include(if: $isName) { id name purl version signed }
  digestModels: models(digest: $text) @include(if: $isDigest) { id name purl version signed }
  purlDatasets: datasets(purl: $text) @include(if: $isPurl) { id name purl }
}`;

const SBOMS = `query Sboms { sboms(first: 500) { totalCount edges { node { id name format subject { id kind purl name version } } } } }`;

interface Hit { id: string; kind: string; label: string; detail?: string; href: string | null }

interface SearchData {
  search: Array<{ id: string; kind: string; name: string | null; purl: string | null }> | null;
  vulnerability?: { id: string; aliases: string[]; advisories: Array<{ source: string; title: string | null }> } | null;
  package?: { purl: string; versions: Array<{ purl: string; version: string }> } | null;
  packageVersion?: Array<{ purl: string; version: string }> | null;
  purlModels?: ModelHit[] | null; nameModels?: ModelHit[] | null; digestModels?: ModelHit[] | null;
  purlDatasets?: DatasetHit[] | null;
  document?: { id: string; kind: string; format: string; name: string | null } | null;
  artifact?: { id: string; digest: string } | null;
}
interface ModelHit { id: string; name: string; purl: string | null; version: string | null; signed: boolean }
interface DatasetHit { id: string; name: string; purl: string | null }
interface SbomRow { id: string; name: string | null; format: string; subject: Array<{ id: string; kind: string; purl: string | null; name: string | null; version: string | null }> }

let sbomList: Promise<SbomRow[]> | null = null;
function allSboms(): Promise<SbomRow[]> {
  sbomList ??= gql<{ sboms: { edges: Array<{ node: SbomRow }> } }>(SBOMS).then((d) => d.sboms.edges.map((e) => e.node));
  sbomList.catch(() => { sbomList = null; });
  return sbomList;
}

export function classify(text: string) {
  const t = text.trim();
  return {
    isPurl: t.startsWith('pkg:') && t.length > 6,
    isDigest: /^(sha256:)?[0-9a-f]{64}$/i.test(t),
    isVuln: /^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9][A-Za-z0-9:._-]+$/.test(t) && !t.startsWith('pkg:'),
    isName: !t.startsWith('pkg:') && t.length >= 2,
  };
}

const GROUPS = ['Vulnerability', 'Package', 'Package version', 'Model', 'Dataset', 'SBOM', 'Document', 'Artifact'] as const;

function group(text: string, d: SearchData, sboms: SbomRow[]): Map<string, Hit[]> {
  // A versioned purl asks about that version first; Enter opens the first hit.
  const order = /^pkg:[^@]+@/.test(text.trim()) ? ['Vulnerability', 'Package version', ...GROUPS.filter((g) => g !== 'Vulnerability' && g !== 'Package version')] : GROUPS;
  const out = new Map<string, Hit[]>(order.map((g) => [g, []]));
  const seen = new Set<string>();
  const add = (g: string, h: Hit) => {
    if (seen.has(`${g} ${h.id}`)) return;
    seen.add(`${g} ${h.id}`);
    out.get(g)!.push(h);
  };
  if (d.vulnerability) add('Vulnerability', { id: d.vulnerability.id, kind: 'Vulnerability', label: d.vulnerability.id, detail: [d.vulnerability.aliases.filter((a) => a !== d.vulnerability!.id).join(', '), d.vulnerability.advisories.map((a) => a.title).find(Boolean)].filter(Boolean).join(' — '), href: to.vulnerability(d.vulnerability.id) });
  if (d.package) add('Package', { id: d.package.purl, kind: 'Package', label: d.package.purl, detail: `${d.package.versions.length} version(s)`, href: to.package(d.package.purl) });
  for (const v of d.packageVersion ?? []) add('Package version', { id: v.purl, kind: 'PackageVersion', label: v.purl, href: to.package(v.purl) });
  for (const m of [...(d.purlModels ?? []), ...(d.nameModels ?? []), ...(d.digestModels ?? [])]) {
    add('Model', { id: m.id, kind: 'Model', label: m.purl ?? m.id, detail: m.signed ? 'signed (TRUSTED)' : 'no trusted signature', href: to.model(m.purl ?? m.id) });
  }
  for (const s of d.purlDatasets ?? []) add('Dataset', { id: s.id, kind: 'Dataset', label: s.purl ?? s.name, href: to.dataset(s.purl ?? s.id) });
  for (const n of d.search ?? []) {
    const g = n.kind === 'PackageVersion' ? 'Package version' : n.kind;
    add(g, { id: n.id, kind: n.kind, label: n.purl ?? n.id, detail: n.name && n.name !== n.purl ? n.name : undefined, href: pageFor(n.kind, n.id, n.purl) });
  }
  if (d.document) add(d.document.kind === 'sbom' ? 'SBOM' : 'Document', { id: d.document.id, kind: 'Document', label: d.document.name ?? d.document.id, detail: `${d.document.kind}, ${d.document.format}`, href: d.document.kind === 'sbom' ? to.sbom(d.document.id) : null });
  if (d.artifact) add('Artifact', { id: d.artifact.id, kind: 'Artifact', label: d.artifact.id, href: to.graph(d.artifact.id, 'provenance', 1) });
  const lower = text.trim().toLowerCase();
  for (const s of sboms) {
    const subjects = s.subject.map((c) => c.purl ?? c.name ?? c.id);
    if ((s.name ?? '').toLowerCase().includes(lower) || subjects.some((x) => x.toLowerCase().includes(lower)) || s.id.includes(lower)) {
      add('SBOM', { id: s.id, kind: 'Document', label: s.name ?? s.id, detail: [s.format, ...subjects].join(' · '), href: to.sbom(s.id) });
    }
  }
  return out;
}

export function SearchPage() {
  const { params } = usePlace();
  const urlText = params.get('q') ?? '';
  const [text, setText] = useState(urlText);
  const [result, setResult] = useState<Loaded<Map<string, Hit[]>> | null>(null);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const tokenTick = useTokenTick();

  useEffect(() => { setText(urlText); }, [urlText]);
  useEffect(() => { input.current?.focus(); }, []);

  // Debounced: one request when typing pauses, and the URL follows the box.
  useEffect(() => {
    const t = text.trim();
    if (t.length < 2) { setResult(null); return; }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      navigate(to.search(t), { replace: true });
      setResult({ state: 'loading' });
      const kind = classify(t);
      const lookups = gqlPartial<SearchData>(LOOKUPS, { text: t, isPurl: kind.isPurl, isDigest: kind.isDigest, isName: kind.isName }, ctl.signal)
        .then((r) => r.data, () => ({}) as Partial<SearchData>);
      Promise.all([gqlPartial<SearchData>(SEARCH, { text: t, doc: t, isPurl: kind.isPurl, isVuln: kind.isVuln, isDigest: kind.isDigest }, ctl.signal), lookups, allSboms()]).then(
        ([r, more, sboms]) => { if (!ctl.signal.aborted) { setResult({ state: 'done', data: group(t, { ...r.data, ...more }, sboms) }); setActive(0); } },
        (error: unknown) => { if (!ctl.signal.aborted) setResult({ state: 'error', error }); },
      );
    }, 250);
    return () => { clearTimeout(timer); ctl.abort(); };
  }, [text, tokenTick]);

  const flat = useMemo(() => (result?.state === 'done' ? [...result.data.values()].flat().filter((h) => h.href) : []), [result]);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, flat.length - 1)); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    if (e.key === 'Enter' && flat[active]?.href) navigate(flat[active].href);
  };

  return (
    <div>
      <h1>Search</h1>
      <input ref={input} className="search-box" type="search" value={text} placeholder="purl, CVE/GHSA id, model name or digest, SBOM name, dataset…" aria-label="search"
        onChange={(e) => setText(e.target.value)} onKeyDown={onKey} />
      <p className="muted hint">↑/↓ choose, Enter opens, <kbd>/</kbd> comes back here from any page.</p>
      {result === null ? <Examples /> : null}
      {result?.state === 'loading' ? <Loading /> : null}
      {result?.state === 'error' ? <ErrorBox error={result.error} /> : null}
      {result?.state === 'done' ? <Results groups={result.data} active={flat[active]} /> : null}
    </div>
  );
}

function Results({ groups, active }: { groups: Map<string, Hit[]>; active: Hit | undefined }) {
  const nonEmpty = [...groups.entries()].filter(([, hits]) => hits.length > 0);
  if (nonEmpty.length === 0) return <p className="muted">Nothing found.</p>;
  return (
    <div className="results">
      {nonEmpty.map(([g, hits]) => (
        <section key={g} data-group={g}>
          <h2>{g}<span className="count">{hits.length}</span></h2>
          <ul>
            {hits.map((h) => (
              <li key={h.id} className={h === active ? 'active' : ''}>
                {h.href ? <Link href={h.href} className="mono">{h.label}</Link> : <span className="mono">{h.label}</span>}
                {h.detail ? <span className="muted"> {h.detail}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Examples() {
  return (
    <div className="muted examples">
      <p>Try a vulnerability id (<code>CVE-2024-3094</code>, <code>GHSA-…</code>), a purl with or without version
        (<code>pkg:pypi/django</code>, <code>pkg:npm/lodash@4.17.20</code>), a model name or <code>sha256:</code> digest, or an SBOM name.</p>
    </div>
  );
}
