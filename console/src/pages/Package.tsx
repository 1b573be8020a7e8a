/**
 * A package (versionless purl) or one version: its versions, who depends on it
 * (transitively, grouped by kind, with depth), what it depends on, its
 * vulnerabilities with VEX, and the SBOMs that assert each version. One request.
 */
import { gqlPartial } from '../api';
import { to, usePlace } from '../router';
import { Empty, ErrorBox, Link, Loading, NodeLink, Section, useLoad, type ComponentLike } from '../components/ui';
import { FINDING, Findings, type Finding } from '../components/Findings';
import { SIGNED_MODELS, SignedModels, type SignedModelMatch } from '../components/SignedModels';

const REACHED = 'component { id kind purl name version } depth via';
const QUERY = `query Package($purl: String!) {
  package(purl: $purl) { purl type namespace name versions { purl version qualifiers synthetic sboms { id name } vulnerabilities(orderBy: SEVERITY) { ${FINDING} } } }
  dependents(purl: $purl, first: 100) {
    components { totalCount }
    packages { ${REACHED} } models { ${REACHED} } datasets { ${REACHED} } artifacts { ${REACHED} }
    subjects { sbom { id name } subject { id kind purl name version } }
  }
  dependencies(purl: $purl, transitive: true, maxDepth: 3, first: 200) { totalCount edges { node { ${REACHED} } } }
  signedModels(dependingOn: $purl) { ${SIGNED_MODELS} }
}`;

interface Reached { component: ComponentLike; depth: number; via: string[] }
interface PackageData {
  package: null | { purl: string; type: string; namespace: string | null; name: string;
    versions: Array<{ purl: string; version: string; qualifiers: string | null; synthetic: boolean; sboms: Array<{ id: string; name: string | null }>; vulnerabilities: Finding[] }> };
  dependents: null | { components: { totalCount: number }; packages: Reached[]; models: Reached[]; datasets: Reached[]; artifacts: Reached[];
    subjects: Array<{ sbom: { id: string; name: string | null }; subject: ComponentLike }> };
  dependencies: null | { totalCount: number; edges: Array<{ node: Reached }> };
  signedModels: null | SignedModelMatch[];
}

function ReachedTable({ rows }: { rows: Reached[] }) {
  if (rows.length === 0) return <Empty>None.</Empty>;
  return (
    <table>
      <thead><tr><th>Component</th><th>Depth</th><th>Via</th></tr></thead>
      <tbody>{[...rows].sort((a, b) => a.depth - b.depth).map((r) => (
        <tr key={r.component.id}><td><NodeLink node={r.component} /></td><td>{r.depth}</td><td className="small muted">{r.via.join(' → ')}</td></tr>
      ))}</tbody>
    </table>
  );
}

export function PackagePage() {
  const { params } = usePlace();
  const purl = params.get('purl') ?? '';
  const loaded = useLoad(purl, (signal) => gqlPartial<PackageData>(QUERY, { purl }, signal));
  if (!purl) return <Empty>No purl given.</Empty>;
  if (loaded.state === 'loading') return <><h1 className="mono">{purl}</h1><Loading /></>;
  if (loaded.state === 'error') return <><h1 className="mono">{purl}</h1><ErrorBox error={loaded.error} /></>;
  const { data, errors } = loaded.data;
  const p = data.package;
  const dep = data.dependents;
  const findings = (p?.versions ?? []).flatMap((v) => v.vulnerabilities);
  return (
    <div>
      <h1 className="mono">{purl}</h1>
      {errors.length ? <ErrorBox error={new Error(errors.map((e) => e.message).join('; '))} /> : null}
      <div className="toolbar">
        <Link href={to.graph(purl, 'dependents', 2)}>Graph of dependents</Link>
        <Link href={to.graph(purl, 'dependencies', 2)}>Graph of dependencies</Link>
        {p && p.purl !== purl ? <Link href={to.package(p.purl)}>All versions of {p.purl}</Link> : null}
      </div>
      {!p ? <Empty>No package {purl} in the graph.</Empty> : (
        <Section title="Versions" count={p.versions.length}>
          <table>
            <thead><tr><th>Version</th><th>Listed by (SBOMs)</th><th>Vulnerabilities</th></tr></thead>
            <tbody>{p.versions.map((v) => (
              <tr key={v.purl}><td><Link href={to.package(v.purl)} className="mono">{v.purl}</Link>{v.synthetic ? <span className="muted small"> (synthetic id)</span> : null}</td>
                <td className="small">{v.sboms.length === 0 ? <span className="muted">—</span> : v.sboms.map((s) => <div key={s.id}><Link href={to.sbom(s.id)}>{s.name ?? s.id.slice(0, 19)}</Link></div>)}</td>
                <td>{v.vulnerabilities.length === 0 ? <span className="muted">none</span> : v.vulnerabilities.map((f) => <div key={f.vulnerability + f.status}><Link href={to.vulnerability(f.vulnerability)} className="mono">{f.vulnerability}</Link> <span className={`badge badge-${f.status.toLowerCase()}`}>{f.status}</span></div>)}</td></tr>
            ))}</tbody>
          </table>
        </Section>
      )}
      <Section title="Vulnerabilities (with VEX and evidence)" count={findings.length}><Findings findings={findings} /></Section>
      {dep ? (
        <Section title="Dependents" count={dep.components.totalCount} id="dependents">
          <h3>Products (SBOM subjects) that contain it</h3>
          {dep.subjects.length === 0 ? <Empty>None.</Empty> : (
            <table><thead><tr><th>Subject</th><th>SBOM</th></tr></thead><tbody>{dep.subjects.map((s) => (
              <tr key={`${s.sbom.id}-${s.subject.id}`}><td><NodeLink node={s.subject} /></td><td><Link href={to.sbom(s.sbom.id)}>{s.sbom.name ?? s.sbom.id.slice(0, 19)}</Link></td></tr>
            ))}</tbody></table>
          )}
          <h3>Packages ({dep.packages.length})</h3><ReachedTable rows={dep.packages} />
          <h3>Models ({dep.models.length})</h3><ReachedTable rows={dep.models} />
          <h3>Datasets ({dep.datasets.length})</h3><ReachedTable rows={dep.datasets} />
          <h3>Artifacts ({dep.artifacts.length})</h3><ReachedTable rows={dep.artifacts} />
        </Section>
      ) : null}
      {data.dependencies ? (
        <Section title="Dependencies (to depth 3)" count={data.dependencies.totalCount}><ReachedTable rows={data.dependencies.edges.map((e) => e.node)} /></Section>
      ) : null}
      <Section title="Signed models that depend on it" count={data.signedModels?.length ?? 0} id="signed-models">
        <SignedModels matches={data.signedModels ?? []} />
      </Section>
    </div>
  );
}
