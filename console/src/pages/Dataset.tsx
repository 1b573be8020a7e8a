/** A dataset: the documents that name it and the signed models trained or built on it. One request. */
import { gql } from '../api';
import { to, usePlace } from '../router';
import { DocLink, Empty, ErrorBox, Link, Loading, Section, useLoad, type DocRef } from '../components/ui';
import { SIGNED_MODELS, SignedModels, type SignedModelMatch } from '../components/SignedModels';

const QUERY = `query Dataset($purl: String, $name: String, $ref: String!) {
  datasets(purl: $purl, name: $name) { id name purl version synthetic documents { id kind format name } }
  signedModels(dependingOn: $ref) { ${SIGNED_MODELS} }
}`;

interface DatasetData {
  datasets: Array<{ id: string; name: string; purl: string | null; version: string | null; synthetic: boolean; documents: DocRef[] }>;
  signedModels: SignedModelMatch[];
}

export function DatasetPage() {
  const { params } = usePlace();
  const ref = params.get('ref') ?? '';
  const byPurl = ref.startsWith('pkg:');
  const name = ref.startsWith('dataset:') ? ref.slice(8) : ref;
  const loaded = useLoad(ref, (signal) => gql<DatasetData>(QUERY, { purl: byPurl ? ref : null, name: byPurl ? null : name, ref }, signal));
  if (!ref) return <Empty>No dataset given.</Empty>;
  if (loaded.state === 'loading') return <><h1 className="mono">{ref}</h1><Loading /></>;
  if (loaded.state === 'error') return <><h1 className="mono">{ref}</h1><ErrorBox error={loaded.error} /></>;
  const { datasets, signedModels } = loaded.data;
  return (
    <div>
      <h1 className="mono">{ref}</h1>
      {datasets.length === 0 ? <Empty>No dataset {ref} in the graph.</Empty> : datasets.map((d) => (
        <Section key={d.id} title={`Dataset ${d.name}${d.version ? `@${d.version}` : ''}`}>
          <p className="muted">{d.purl ?? d.id} · <Link href={to.graph(d.purl ?? d.id, 'dependents', 2)}>graph of dependents</Link></p>
          <ul>{d.documents.map((doc) => <li key={doc.id}><DocLink doc={doc} /></li>)}</ul>
        </Section>
      ))}
      <Section title="Signed models that depend on it" count={signedModels.length} id="signed-models"><SignedModels matches={signedModels} /></Section>
    </div>
  );
}
