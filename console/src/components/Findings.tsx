/** Vulnerability findings (of a version, SBOM or model), most severe first, with their severity, VEX status and evidence. */
import { Badge, DocLink, Empty, Link, NodeLink, type ComponentLike, type DocRef } from './ui';
import { to } from '../router';

export const FINDING = `vulnerability advisory matchReason status maxSeverity score packageVersion { id kind purl name version }
  statement { status justification assertedBy { id kind format name } }`;

export interface Finding {
  vulnerability: string; advisory: string; matchReason: string; status: string; packageVersion: ComponentLike;
  maxSeverity: string | null; score: number | null;
  statement: { status: string; justification: string | null; assertedBy: DocRef | null } | null;
}

export function Findings({ findings, showVersion = true }: { findings: Finding[]; showVersion?: boolean }) {
  if (findings.length === 0) return <Empty>No known vulnerabilities.</Empty>;
  return (
    <table>
      <thead><tr><th>Vulnerability</th><th>Severity</th>{showVersion ? <th>Package version</th> : null}<th>VEX status</th><th>Advisory (why it matched)</th><th>VEX document</th></tr></thead>
      <tbody>{findings.map((f, i) => (
        <tr key={`${f.vulnerability}-${f.packageVersion.id}-${i}`}>
          <td><Link href={to.vulnerability(f.vulnerability)} className="mono">{f.vulnerability}</Link></td>
          <td className="small">{[f.maxSeverity, f.score === null ? null : f.score.toFixed(1)].filter((x) => x !== null).join(' ') || '–'}</td>
          {showVersion ? <td><NodeLink node={f.packageVersion} /></td> : null}
          <td><Badge value={f.status} />{f.statement?.justification ? <div className="muted small">{f.statement.justification}</div> : null}</td>
          <td className="small">{f.advisory} <span className="muted">({f.matchReason})</span></td>
          <td className="small"><DocLink doc={f.statement?.assertedBy} /></td>
        </tr>
      ))}</tbody>
    </table>
  );
}
