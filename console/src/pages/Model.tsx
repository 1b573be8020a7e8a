/**
 * A model: signatures with their verdict and reason, signer identity and
 * issuer, files and digests, base models, datasets, the documents describing
 * it, its vulnerabilities, and the signed models built on it. One request.
 */
import { gql } from '../api';
import { to, usePlace } from '../router';
import { Badge, DocLink, Empty, ErrorBox, Link, Loading, NodeLink, Section, useLoad, type DocRef } from '../components/ui';
import { FINDING, Findings, type Finding } from '../components/Findings';
import { SIGNED_MODELS, SignedModels, type SignedModelMatch } from '../components/SignedModels';

const DOC = 'assertedBy { id kind format name }';
const QUERY = `query Model($purl: String, $name: String, $digest: String, $ref: String!) {
  models(purl: $purl, name: $name, digest: $digest) {
    id name purl version synthetic signed
    signatures { id method predicateType formatVersion trust reasonCode reason signedAt verifiedAt rootDigest signer { id kind keyFingerprint subject san issuer } ${DOC} }
    files { path digest ${DOC} }
    baseModels { id name relation ${DOC} }
    datasets { id name relation ${DOC} }
    documents { id kind format name }
    provenance { builds { builder buildType ${DOC} } sources { repository revision ${DOC} } materials { kind id uri ${DOC} } }
    vulnerabilities(orderBy: SEVERITY) { ${FINDING} }
  }
  signedModels(dependingOn: $ref) { ${SIGNED_MODELS} }
}`;

interface Relation { id: string; name: string | null; relation: string | null; assertedBy: DocRef | null }
interface ModelData {
  models: Array<{
    id: string; name: string; purl: string | null; version: string | null; synthetic: boolean; signed: boolean;
    signatures: Array<{ id: string; method: string; predicateType: string | null; formatVersion: string | null; trust: string; reasonCode: string; reason: string; signedAt: string | null; verifiedAt: string; rootDigest: string | null;
      signer: { id: string; kind: string; keyFingerprint: string | null; subject: string | null; san: string | null; issuer: string | null } | null; assertedBy: DocRef | null }>;
    files: Array<{ path: string; digest: string; assertedBy: DocRef | null }>;
    baseModels: Relation[]; datasets: Relation[];
    documents: DocRef[];
    provenance: { builds: Array<{ builder: string; buildType: string | null; assertedBy: DocRef | null }>; sources: Array<{ repository: string; revision: string | null; assertedBy: DocRef | null }>; materials: Array<{ kind: string; id: string; uri: string | null; assertedBy: DocRef | null }> };
    vulnerabilities: Finding[];
  }>;
  signedModels: SignedModelMatch[];
}

/** `models` looks up by purl, digest or name; a model key (`model:<name>@<version>`) is looked up by its name and picked by id. */
function lookup(ref: string): { purl?: string; digest?: string; name?: string; keep: (id: string) => boolean } {
  if (ref.startsWith('pkg:')) return { purl: ref, keep: () => true };
  if (/^(sha256:)?[0-9a-f]{64}$/i.test(ref)) return { digest: ref, keep: () => true };
  if (ref.startsWith('model:')) return { name: ref.slice(6).replace(/@[^@/]*$/, ''), keep: (id) => id === ref };
  return { name: ref, keep: () => true };
}

export function ModelPage() {
  const { params } = usePlace();
  const ref = params.get('ref') ?? '';
  const l = lookup(ref);
  const loaded = useLoad(ref, (signal) => gql<ModelData>(QUERY, { purl: l.purl ?? null, name: l.name ?? null, digest: l.digest ?? null, ref }, signal));
  if (!ref) return <Empty>No model given.</Empty>;
  if (loaded.state === 'loading') return <><h1 className="mono">{ref}</h1><Loading /></>;
  if (loaded.state === 'error') return <><h1 className="mono">{ref}</h1><ErrorBox error={loaded.error} /></>;
  const models = loaded.data.models.filter((m) => l.keep(m.id));
  if (models.length === 0) return <><h1 className="mono">{ref}</h1><Empty>No model {ref} in the graph.</Empty></>;
  return (
    <div>
      {models.map((m) => (
        <article key={m.id} className="model">
          <h1 className="mono">{m.purl ?? m.id} {m.signed ? <Badge value="TRUSTED" /> : <span className="badge badge-unsigned">NO TRUSTED SIGNATURE</span>}</h1>
          <p className="muted">name {m.name}{m.version ? `, version ${m.version}` : ''}{m.synthetic ? ' (identified by name, no purl)' : ''} · <Link href={to.graph(m.purl ?? m.id, 'provenance', 1)}>provenance graph</Link> · <Link href={to.graph(m.purl ?? m.id, 'dependencies', 2)}>dependency graph</Link></p>
          <Section title="Signatures" count={m.signatures.length}>
            {m.signatures.length === 0 ? <Empty>No signature covers this model.</Empty> : (
              <table className="signatures">
                <thead><tr><th>Verdict</th><th>Reason</th><th>Method</th><th>Signer</th><th>Issuer</th><th>Signed</th><th>Document</th></tr></thead>
                <tbody>{m.signatures.map((s) => (
                  <tr key={s.id} data-trust={s.trust}>
                    <td><Badge value={s.trust} /></td>
                    <td><span className="mono small">{s.reasonCode}</span><div className="small">{s.reason}</div></td>
                    <td>{s.method}</td>
                    <td className="small signer">{s.signer ? <>
                      {s.signer.kind}: <span className="mono">{s.signer.subject ?? s.signer.san ?? s.signer.keyFingerprint ?? s.signer.id}</span>
                      {s.signer.san && s.signer.subject ? <div>SAN <span className="mono">{s.signer.san}</span></div> : null}
                      {s.signer.keyFingerprint && (s.signer.subject || s.signer.san) ? <div className="muted">key <span className="mono">{s.signer.keyFingerprint}</span></div> : null}
                    </> : <span className="muted">unknown</span>}</td>
                    <td className="small">{s.signer?.issuer ?? '—'}</td>
                    <td className="small">{s.signedAt?.slice(0, 10) ?? '—'}</td>
                    <td className="small"><DocLink doc={s.assertedBy} /></td>
                  </tr>
                ))}</tbody>
              </table>
            )}
          </Section>
          <Section title="Files" count={m.files.length}>
            {m.files.length === 0 ? <Empty>No files recorded.</Empty> : (
              <table><thead><tr><th>Path</th><th>Digest</th><th>Asserted by</th></tr></thead><tbody>{m.files.map((f) => (
                <tr key={f.path + f.digest}><td className="mono">{f.path}</td><td className="mono small"><Link href={to.graph(f.digest, 'provenance', 1)}>{f.digest}</Link></td><td className="small"><DocLink doc={f.assertedBy} /></td></tr>
              ))}</tbody></table>
            )}
          </Section>
          <Section title="Base models" count={m.baseModels.length}>
            {m.baseModels.length === 0 ? <Empty>None recorded.</Empty> : <RelationTable rows={m.baseModels} kind="Model" />}
          </Section>
          <Section title="Datasets" count={m.datasets.length}>
            {m.datasets.length === 0 ? <Empty>None recorded.</Empty> : <RelationTable rows={m.datasets} kind="Dataset" />}
          </Section>
          <Section title="Documents that describe it (SBOMs, signatures, provenance)" count={m.documents.length}>
            <ul>{m.documents.map((d) => <li key={d.id}><DocLink doc={d} /></li>)}</ul>
            {m.provenance.builds.map((b, i) => <p key={i} className="small">Built by <span className="mono">{b.builder}</span>{b.buildType ? ` (${b.buildType})` : ''} — <DocLink doc={b.assertedBy} /></p>)}
            {m.provenance.sources.map((s, i) => <p key={i} className="small">Source <span className="mono">{s.repository}{s.revision ? `@${s.revision}` : ''}</span> — <DocLink doc={s.assertedBy} /></p>)}
          </Section>
          <Section title="Vulnerabilities" count={m.vulnerabilities.length}><Findings findings={m.vulnerabilities} /></Section>
        </article>
      ))}
      <Section title="Signed models built on this one" count={loaded.data.signedModels.length}><SignedModels matches={loaded.data.signedModels.filter((s) => !models.some((m) => m.id === s.model.id))} /></Section>
    </div>
  );
}

function RelationTable({ rows, kind }: { rows: Relation[]; kind: string }) {
  return (
    <table><thead><tr><th>Name</th><th>Relation</th><th>Asserted by</th></tr></thead><tbody>{rows.map((r) => (
      <tr key={r.id + (r.relation ?? '')}><td><NodeLink node={{ id: r.id, kind, name: r.name ?? r.id }} /></td><td>{r.relation ?? '—'}</td><td className="small"><DocLink doc={r.assertedBy} /></td></tr>
    ))}</tbody></table>
  );
}
