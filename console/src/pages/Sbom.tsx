/**
 * An SBOM: subject, components (filtered by type, ecosystem, licence; paged by
 * cursor), licence summary, vulnerabilities, and the original document. One request per page.
 */
import { useState } from 'react';
import { gql, restBlob } from '../api';
import { navigate, to, usePlace } from '../router';
import { Empty, ErrorBox, Link, Loading, NodeLink, Section, useLoad, type ComponentLike } from '../components/ui';
import { FINDING, Findings, type Finding } from '../components/Findings';
import { download } from '../export';

const PAGE = 100;
const QUERY = `query Sbom($id: ID!, $first: Int, $after: String, $type: String, $ecosystem: String, $license: String) {
  sbom(id: $id) {
    id format specVersion name serialNumber version createdAt ingestedAt byteSize componentCount warningCount
    subject { id kind purl name version }
    components(first: $first, after: $after, type: $type, ecosystem: $ecosystem, license: $license) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { ref type scope component { id kind purl name version } } }
    }
    licenses { license components }
    vulnerabilities(orderBy: SEVERITY) { ${FINDING} }
  }
}`;

interface SbomData {
  sbom: null | {
    id: string; format: string; specVersion: string | null; name: string | null; serialNumber: string | null; version: number | null; createdAt: string | null; ingestedAt: string;
    byteSize: number; componentCount: number; warningCount: number; subject: ComponentLike[];
    components: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { ref: string | null; type: string | null; scope: string | null; component: ComponentLike } }> };
    licenses: Array<{ license: string; components: number }>;
    vulnerabilities: Finding[];
  };
}

const ECOSYSTEMS = ['npm', 'pypi', 'maven', 'golang', 'cargo', 'gem', 'nuget', 'deb', 'rpm', 'apk', 'alpine', 'oci', 'docker', 'github', 'huggingface', 'generic'];
const TYPES = ['library', 'application', 'framework', 'container', 'operating-system', 'file', 'firmware', 'device', 'machine-learning-model', 'data'];

export function SbomPage() {
  const { params } = usePlace();
  const id = params.get('id') ?? '';
  const filters = { type: params.get('type') ?? '', ecosystem: params.get('ecosystem') ?? '', license: params.get('license') ?? '' };
  const after = params.get('after');
  const [dlError, setDlError] = useState<unknown>(null);
  const loaded = useLoad(`${id}|${filters.type}|${filters.ecosystem}|${filters.license}|${after}`, (signal) => gql<SbomData>(QUERY, {
    id, first: PAGE, after, type: filters.type || null, ecosystem: filters.ecosystem || null, license: filters.license || null,
  }, signal));
  const link = (extra: Record<string, string | null>) => {
    const p: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...filters, after, ...extra })) if (v) p[k] = v;
    return to.sbom(id, p);
  };
  if (!id) return <Empty>No SBOM id given.</Empty>;
  if (loaded.state === 'loading') return <><h1>SBOM</h1><Loading /></>;
  if (loaded.state === 'error') return <><h1>SBOM</h1><ErrorBox error={loaded.error} /></>;
  const s = loaded.data.sbom;
  if (!s) return <><h1>SBOM</h1><Empty>No SBOM {id}.</Empty></>;

  const original = async () => {
    setDlError(null);
    try {
      const blob = await restBlob(`/api/v1/documents/${encodeURIComponent(s.id)}/content`);
      download(`${s.name ?? s.id.slice(7, 19)}.${s.format.includes('xml') ? 'xml' : s.format.includes('tag-value') ? 'spdx' : 'json'}`, blob);
    } catch (err) {
      setDlError(err);
    }
  };

  return (
    <div>
      <h1>{s.name ?? 'SBOM'} <span className="muted small">{s.format} {s.specVersion ?? ''}</span></h1>
      <dl className="facts">
        <dt>Id</dt><dd className="mono">{s.id}</dd>
        <dt>Subject</dt><dd>{s.subject.length === 0 ? <span className="muted">none declared</span> : s.subject.map((c) => <div key={c.id}><NodeLink node={c} /></div>)}</dd>
        <dt>Components</dt><dd>{s.componentCount}</dd>
        <dt>Created</dt><dd>{s.createdAt ?? '—'}</dd>
        <dt>Ingested</dt><dd>{s.ingestedAt}{s.warningCount ? ` (${s.warningCount} warnings)` : ''}</dd>
        <dt>Original</dt><dd><button type="button" onClick={() => void original()}>Download ({s.byteSize} bytes)</button>{dlError ? <ErrorBox error={dlError} /> : null}</dd>
      </dl>
      <Section title="Vulnerabilities" count={s.vulnerabilities.length}><Findings findings={s.vulnerabilities} /></Section>
      <Section title="Licences" count={s.licenses.length}>
        {s.licenses.length === 0 ? <Empty>No licences declared.</Empty> : (
          <table className="narrow"><thead><tr><th>Licence</th><th>Components</th></tr></thead><tbody>{s.licenses.map((l) => (
            <tr key={l.license}><td><Link href={link({ license: l.license, after: null })}>{l.license}</Link></td><td>{l.components}</td></tr>
          ))}</tbody></table>
        )}
      </Section>
      <Section title="Components" count={s.components.totalCount} id="components">
        <div className="toolbar">
          <label>Type <select value={filters.type} onChange={(e) => navigate(link({ type: e.target.value, after: null }))}><option value="">any</option>{TYPES.map((t) => <option key={t}>{t}</option>)}</select></label>
          <label>Ecosystem <select value={filters.ecosystem} onChange={(e) => navigate(link({ ecosystem: e.target.value, after: null }))}><option value="">any</option>{ECOSYSTEMS.map((t) => <option key={t}>{t}</option>)}</select></label>
          <label>Licence <select value={filters.license} onChange={(e) => navigate(link({ license: e.target.value, after: null }))}><option value="">any</option>{s.licenses.map((l) => <option key={l.license}>{l.license}</option>)}</select></label>
        </div>
        <table>
          <thead><tr><th>Component</th><th>Type</th><th>Scope</th><th>Ref</th></tr></thead>
          <tbody>{s.components.edges.map(({ node }) => (
            <tr key={`${node.ref}-${node.component.id}`}><td><NodeLink node={node.component} /></td><td>{node.type ?? '—'}</td><td>{node.scope ?? '—'}</td><td className="mono small">{node.ref ?? ''}</td></tr>
          ))}</tbody>
        </table>
        <div className="pager">
          {after ? <button type="button" onClick={() => history.back()}>← Previous</button> : null}
          {after ? <Link href={link({ after: null })}>First page</Link> : null}
          {s.components.pageInfo.hasNextPage && s.components.pageInfo.endCursor ? <Link href={link({ after: s.components.pageInfo.endCursor })}>Next page →</Link> : null}
        </div>
      </Section>
    </div>
  );
}
