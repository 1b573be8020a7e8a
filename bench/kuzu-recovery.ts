/**
 * The evidence behind the embedded store's crash recovery
 * (services/graph/kuzu/crash-recovery.ts): Kuzu 0.11.3 alone, no supplygraph
 * code in the loop. A child process writes 5,000-row COPY transactions to one
 * table as fast as it can; it is killed with SIGKILL at a random moment; then,
 * under the chosen policy, the store is reopened and five more transactions are
 * written. A trial is broken when that fails (duplicated primary key, segfault)
 * or the row count is not a whole number of transactions.
 *
 *   npm run bench:kuzu-recovery -- --trials 30 --policy kuzu          # Kuzu's own recovery (WAL replay)
 *   npm run bench:kuzu-recovery -- --trials 30 --policy apply-shadow  # keep the shadow file, drop the WAL
 *   npm run bench:kuzu-recovery -- --trials 30 --policy checkpoint    # drop WAL and shadow: the last checkpoint
 *                                                                     # (discarded when killed mid-checkpoint)
 *   npm run bench:kuzu-recovery -- --trials 30 --policy discard       # what the store does: start empty
 *
 * `checkpoint` passes this single-table loop, but not the server's kill storm
 * (documents, many tables, edges, concurrent reads): there the primary-key index
 * mapped keys to other keys' rows afterwards, which is why the store discards.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import kuzu from 'kuzu';

type Policy = 'kuzu' | 'apply-shadow' | 'checkpoint' | 'discard';
const ROWS = 5000;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** The child: open, then write transactions forever (`loop`) or five of them and report the count. */
async function writer(db: string, mode: 'loop' | 'five'): Promise<void> {
  const database = new kuzu.Database(db);
  await database.init();
  const c = new kuzu.Connection(database);
  await c.init();
  await c.query('CREATE NODE TABLE IF NOT EXISTS N(k STRING PRIMARY KEY, v STRING)');
  const countRows = async (): Promise<number> => {
    const r = await c.query('MATCH (n:N) RETURN count(*) AS n');
    return Number((await (Array.isArray(r) ? r[0]! : r).getAll())[0]!.n);
  };
  let i = Math.ceil((await countRows()) / ROWS) + 1;
  const ps = await c.prepare('COPY N FROM (UNWIND $rows AS r RETURN r.k, r.v)');
  for (let t = 0; mode === 'loop' || t < 5; t++, i++) {
    const rows = Array.from({ length: ROWS }, (_, j) => ({ k: `k${i}-${j}`, v: 'x'.repeat(50) }));
    await c.query('BEGIN TRANSACTION');
    await c.execute(ps, { rows });
    await c.query('COMMIT');
  }
  process.stdout.write(`COUNT ${await countRows()}\n`);
  await c.close();
  await database.close();
  // Kuzu's native destructors crash at a natural exit once a prepared statement existed; the CLI exits the same way.
  process.exit(0);
}

function run(db: string, mode: 'loop' | 'five', killAfterMs?: number): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

async function size(file: string): Promise<number | null> {
  return stat(file).then((s) => s.size, () => null);
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) return writer(arg('db', ''), arg('child', 'five') as 'loop' | 'five');
  const trials = Number(arg('trials', '20'));
  const policy = arg('policy', 'kuzu') as Policy;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kuzu-recovery-'));
  const db = path.join(dir, 'g.kuzu');
  const tally = { ok: 0, broken: 0, midCheckpoint: 0, discarded: 0 };
  process.stdout.write(`Kuzu crash recovery, policy "${policy}", ${trials} trials (${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, ${new Date().toISOString()})\n`);
  await run(db, 'five');
  for (let t = 1; t <= trials; t++) {
    await run(db, 'loop', 300 + Math.floor(Math.random() * 2500));
    const shadow = await size(`${db}.shadow`);
    if (shadow !== null && shadow > 0) tally.midCheckpoint++;
    if (policy === 'discard') {
      for (const f of [db, `${db}.wal`, `${db}.shadow`]) await rm(f, { force: true });
      tally.discarded++;
    } else if (policy === 'checkpoint') {
      if (shadow !== null && shadow > 0) { await rm(db, { force: true }); tally.discarded++; }
      await rm(`${db}.wal`, { force: true });
      await rm(`${db}.shadow`, { force: true });
    } else if (policy === 'apply-shadow') {
      await rm(`${db}.wal`, { force: true });
    }
    const r = await run(db, 'five');
    const count = Number(/COUNT (\d+)/.exec(r.out)?.[1] ?? NaN);
    if (r.code === 0 && count % ROWS === 0) {
      tally.ok++;
    } else {
      tally.broken++;
      process.stdout.write(`trial ${t}: broken (exit ${r.code ?? r.signal}): ${r.out.split('\n').find((l) => /Error|exception/i.test(l))?.slice(0, 160) ?? r.out.slice(-160)}\n`);
      for (const f of [db, `${db}.wal`, `${db}.shadow`]) await rm(f, { force: true });
      await run(db, 'five');
    }
  }
  process.stdout.write(`policy ${policy}: ${tally.ok} of ${trials} stores usable after the kill, ${tally.broken} broken; killed mid-checkpoint (non-empty shadow file) ${tally.midCheckpoint} times${tally.discarded > 0 ? `, discarded ${tally.discarded}` : ''}\n`);
  await rm(dir, { recursive: true, force: true });
}

await main();
