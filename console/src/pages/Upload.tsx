/**
 * Drop documents; each is POSTed to /api/v1/documents and its job followed
 * (GET /api/v1/jobs/:id every half second) until it completes or fails.
 */
import { useRef, useState, type DragEvent } from 'react';
import { restJson, ApiError } from '../api';
import { to } from '../router';
import { Badge, ErrorBox, Link } from '../components/ui';

interface JobView {
  id: string; state: string; progress: number; attempts: number;
  result: null | { status: string; documentKey: string; format: string; kind: string; nodes: number; edges: number; warnings: Array<{ code: string; message: string }>; vulnerabilityMatches: { edgesAdded: number } };
  failure: null | { code: string; message: string; transient: boolean };
}
interface Upload { key: number; name: string; size: number; error: unknown; job: JobView | null }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function UploadPage() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  const update = (key: number, patch: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  const send = async (file: File) => {
    const key = ++seq.current;
    setUploads((list) => [{ key, name: file.name, size: file.size, error: null, job: null }, ...list]);
    try {
      const accepted = await restJson<{ jobId: string }>(`/api/v1/documents?filename=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream' } });
      for (;;) {
        const job = await restJson<JobView>(`/api/v1/jobs/${encodeURIComponent(accepted.jobId)}`);
        update(key, { job });
        if (job.state === 'completed' || job.state === 'failed') break;
        await sleep(500);
      }
    } catch (error) {
      update(key, { error });
    }
  };
  const take = (files: FileList | null) => { for (const f of Array.from(files ?? [])) void send(f); };
  const onDrop = (e: DragEvent) => { e.preventDefault(); setOver(false); take(e.dataTransfer.files); };

  return (
    <div>
      <h1>Upload</h1>
      <div className={`dropzone ${over ? 'over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}
        role="button" tabIndex={0} onClick={() => input.current?.click()} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.current?.click(); } }}>
        Drop SBOMs, advisories, VEX, signatures or attestations here, or press Enter to choose files.
        <input ref={input} type="file" multiple hidden onChange={(e) => { take(e.target.files); e.target.value = ''; }} aria-label="files" />
      </div>
      <p className="muted small">Needs a token with the <code>ingest</code> scope when the server has tokens.</p>
      {uploads.length ? (
        <table className="uploads">
          <thead><tr><th>File</th><th>State</th><th>Result</th></tr></thead>
          <tbody>{uploads.map((u) => (
            <tr key={u.key} data-file={u.name} data-state={u.job?.state ?? (u.error ? 'refused' : 'sending')}>
              <td className="mono">{u.name}<div className="muted small">{u.size} bytes</div></td>
              <td>{u.error ? <Badge value={u.error instanceof ApiError ? String(u.error.status) : 'ERROR'} /> : u.job ? <><Badge value={u.job.state.toUpperCase()} /> <progress max={100} value={u.job.progress} /></> : 'sending…'}</td>
              <td>
                {u.error ? <ErrorBox error={u.error} /> : null}
                {u.job?.failure ? <div className="error"><strong>{u.job.failure.code}</strong> {u.job.failure.message}{u.job.failure.transient ? ' (will be retried)' : ''}</div> : null}
                {u.job?.result ? (
                  <div className="small">
                    {u.job.result.kind} ({u.job.result.format}), {u.job.result.status === 'already-ingested' ? 'already ingested' : `${u.job.result.nodes} nodes, ${u.job.result.edges} edges`}
                    {u.job.result.vulnerabilityMatches.edgesAdded ? `, ${u.job.result.vulnerabilityMatches.edgesAdded} vulnerability matches` : ''}
                    {u.job.result.kind === 'sbom' ? <> · <Link href={to.sbom(u.job.result.documentKey)}>open SBOM</Link></> : null}
                    {u.job.result.warnings.length ? <ul className="warnings">{u.job.result.warnings.map((w, i) => <li key={i}><span className="mono">{w.code}</span> {w.message}</li>)}</ul> : null}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}</tbody>
        </table>
      ) : null}
    </div>
  );
}
