/**
 * The configured importers (GET /api/v1/admin/importers, admin scope): where
 * each reads, when it runs, how its last run went, and "Run now", which
 * starts a run (POST …/run) and follows it by polling the importer's status
 * until that run has finished, so the counts move on screen.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, restJson } from '../api';
import { Badge, ErrorBox, Loading, useTokenTick } from '../components/ui';

interface RunView {
  runId: string; startedAt: string; finishedAt: string | null; outcome: string | null;
  seen: number; new: number; failed: number;
  failures: Array<{ entry: string; code: string; message: string }>;
  error: { code: string; message: string } | null;
}
interface ImporterView {
  name: string; kind: string; source: string; configured: boolean; interval: string | null; running: boolean;
  lastRun: RunView | null; nextRunAt: string | null; lastError: { code: string; message: string; at: string } | null;
}
interface StartedRun { importer: string; runId: string; startedAt: string }

const POLL_MS = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statusPath = (name: string) => `/api/v1/admin/importers/${encodeURIComponent(name)}`;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** A 403 here means the token is not an admin one: say which scope, not only "forbidden". */
function Refusal({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 403) {
    return (
      <div className="error" role="alert">
        <strong>Forbidden (403): importers need a token with the admin scope</strong>
        <div>{error.message}. Paste an admin token under “Token” at the top right.</div>
      </div>
    );
  }
  return <ErrorBox error={error} />;
}

function LastRun({ run }: { run: RunView | null }) {
  if (!run) return <span className="muted">never</span>;
  return (
    <>
      <Badge value={run.outcome ? run.outcome.toUpperCase() : 'RUNNING'} />
      <div className="small">{when(run.startedAt)} → {run.finishedAt ? when(run.finishedAt) : 'in progress'}</div>
      {run.error ? <div className="small mono">{run.error.code}: {run.error.message}</div> : null}
    </>
  );
}

function ImporterRow({ initial }: { initial: ImporterView }) {
  const [importer, setImporter] = useState(initial);
  const [following, setFollowing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const alive = useRef(true);
  useEffect(() => () => { alive.current = false; }, []);

  const runNow = async () => {
    setError(null);
    setFollowing(true);
    try {
      const started = await restJson<StartedRun>(`${statusPath(importer.name)}/run`, { method: 'POST' });
      for (;;) {
        const status = await restJson<ImporterView>(statusPath(importer.name));
        if (!alive.current) return;
        setImporter(status);
        if (status.lastRun?.runId === started.runId && status.lastRun.finishedAt) break;
        await sleep(POLL_MS);
      }
    } catch (err) {
      if (alive.current) setError(err);
    } finally {
      if (alive.current) setFollowing(false);
    }
  };

  const run = importer.lastRun;
  const busy = following || importer.running;
  return (
    <tr data-importer={importer.name} data-state={busy ? 'running' : (run?.outcome ?? 'never')}>
      <td><strong>{importer.name}</strong><div className="small muted">{importer.kind}</div></td>
      <td className="mono small">{importer.source}</td>
      <td>{importer.interval ? `every ${importer.interval}` : <span className="muted">by hand</span>}</td>
      <td><LastRun run={run} /></td>
      <td className="small">{when(importer.nextRunAt)}</td>
      <td className="counts">
        <span data-count="seen">{run?.seen ?? 0}</span> / <span data-count="new">{run?.new ?? 0}</span> / <span data-count="failed">{run?.failed ?? 0}</span>
      </td>
      <td className="small">
        {importer.lastError ? <><span className="mono">{importer.lastError.code}</span> {importer.lastError.message}<div className="muted">{when(importer.lastError.at)}</div></> : <span className="muted">—</span>}
        {run && run.failures.length > 0 ? (
          <details><summary>{run.failures.length} failed {run.failures.length === 1 ? 'entry' : 'entries'}</summary>
            <ul>{run.failures.map((f) => <li key={f.entry} className="mono">{f.entry}: {f.code}</li>)}</ul>
          </details>
        ) : null}
      </td>
      <td>
        <button type="button" disabled={busy} onClick={() => { void runNow(); }}>{busy ? 'Running…' : 'Run now'}</button>
        {error ? <Refusal error={error} /> : null}
      </td>
    </tr>
  );
}

export function ImportersPage() {
  const [loaded, setLoaded] = useState<{ state: 'loading' } | { state: 'error'; error: unknown } | { state: 'done'; importers: ImporterView[]; at: number }>({ state: 'loading' });
  const tokenTick = useTokenTick();
  useEffect(() => {
    const ctl = new AbortController();
    setLoaded({ state: 'loading' });
    restJson<{ importers: ImporterView[] }>('/api/v1/admin/importers', { signal: ctl.signal }).then(
      (body) => { if (!ctl.signal.aborted) setLoaded({ state: 'done', importers: body.importers, at: Date.now() }); },
      (error: unknown) => { if (!ctl.signal.aborted) setLoaded({ state: 'error', error }); },
    );
    return () => ctl.abort();
  }, [tokenTick]);

  return (
    <div>
      <h1>Importers</h1>
      <p className="muted small">Feeds the server imports from (OSV, CSAF, CVE 5, SBOM directories). Needs a token with the <code>admin</code> scope when the server has tokens.</p>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <Refusal error={loaded.error} /> : null}
      {loaded.state === 'done' && loaded.importers.length === 0 ? (
        <p className="empty-importers">
          No importers are configured. Set <code>SUPPLYGRAPH_IMPORTERS_CONFIG</code> to a YAML file listing them and restart the server;
          see <code>docs/importers.md</code>.
        </p>
      ) : null}
      {loaded.state === 'done' && loaded.importers.length > 0 ? (
        <table className="importers">
          <thead><tr><th>Importer</th><th>Source</th><th>Schedule</th><th>Last run</th><th>Next run</th><th>Seen / new / failed</th><th>Last error</th><th /></tr></thead>
          <tbody>{loaded.importers.map((i) => <ImporterRow key={`${loaded.at}-${i.name}`} initial={i} />)}</tbody>
        </table>
      ) : null}
    </div>
  );
}
