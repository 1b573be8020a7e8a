/** "Which signed models depend on X": the answer of `signedModels`, for package and dataset pages. */
import { Badge, Empty, NodeLink } from './ui';

export const SIGNED_MODELS = `model { id kind: __typename name purl version } depth via signatures { trust signer { subject keyFingerprint issuer } }`;

export interface SignedModelMatch {
  model: { id: string; kind: string; name: string; purl: string | null; version: string | null };
  depth: number; via: string[];
  signatures: Array<{ trust: string; signer: { subject: string | null; keyFingerprint: string | null; issuer: string | null } | null }>;
}

export function SignedModels({ matches }: { matches: SignedModelMatch[] }) {
  if (matches.length === 0) return <Empty>No model with a trusted signature depends on this.</Empty>;
  return (
    <table>
      <thead><tr><th>Model</th><th>Depth</th><th>Via</th><th>Signatures</th></tr></thead>
      <tbody>{matches.map((m) => (
        <tr key={m.model.id}>
          <td><NodeLink node={m.model} /></td><td>{m.depth}</td><td className="small">{m.via.join(' → ')}</td>
          <td>{m.signatures.map((s, i) => <span key={i}><Badge value={s.trust} /> <span className="small">{s.signer?.subject ?? s.signer?.keyFingerprint ?? ''}</span> </span>)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}
