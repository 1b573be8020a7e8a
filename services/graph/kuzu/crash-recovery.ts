/**
 * What the embedded store does with its files after the process died without
 * closing it (kill -9, OOM kill, power loss), before Kuzu opens them.
 *
 * Kuzu 0.11.3's own recovery is not trustworthy, and neither is its data file
 * without the log (measured, docs/architecture.md "Embedded engine: crash
 * recovery"): replaying the write-ahead log over a data file that a checkpoint
 * was updating leaves the primary-key index out of step with the rows (later
 * writes fail with "Found duplicated primary key value", some opens segfault);
 * and dropping the log to fall back to the last checkpoint left a primary-key
 * index that maps one key to another key's row. So after an unclean shutdown
 * the store is discarded — the data file first, so a crash during this step
 * repeats it — and rebuilt from the stored documents by replaying the document
 * log (services/recovery). The graph then is what a clean ingest of the same
 * documents makes, which `supplygraph check` verifies. A marker file holding the
 * owner's pid tells a clean shutdown (marker removed by close) from a crash.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { StoreRecovery } from '../store.js';
import { SupplygraphError } from '../../../schema/errors/supplygraph-error.js';

/** `none`: the previous process closed the store (or it is new). `discarded`: it did not; the store is rebuilt. */
export type KuzuRecovery = StoreRecovery;

export class KuzuStoreInUseError extends SupplygraphError<'GRAPH_UNAVAILABLE'> {
  constructor(readonly directory: string, readonly pid: number) {
    super('GRAPH_UNAVAILABLE', `the embedded graph at ${directory} is open in another supplygraph process (pid ${pid}); stop it or use a different --data-dir`);
  }
}

const markerPath = (db: string): string => `${db}.open`;
/** Stores this process has open: a second open here must not mistake our own marker for a crash. */
const openHere = new Set<string>();
const walPath = (db: string): string => `${db}.wal`;
const shadowPath = (db: string): string => `${db}.shadow`;

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid recorded by a process that opened the store and has not closed it, or null. */
async function ownerPid(db: string): Promise<number | null> {
  try {
    const pid = Number.parseInt((await readFile(markerPath(db), 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Decides from the files alone; then marks the store as open by this process.
 * A marker whose process still lives (and is not this one: a container restart
 * reuses pids) means another process has the store: nothing is touched.
 */
export async function prepareKuzuFiles(db: string): Promise<KuzuRecovery> {
  if (openHere.has(db)) throw new KuzuStoreInUseError(db, process.pid);
  const owner = await ownerPid(db);
  if (owner !== null && owner !== 0 && owner !== process.pid && alive(owner)) throw new KuzuStoreInUseError(db, owner);
  let recovery: KuzuRecovery = { action: 'none', reason: 'the store was closed cleanly', discardedBytes: 0 };
  if (owner !== null) {
    const [data, wal, shadow] = await Promise.all([sizeOf(db), sizeOf(walPath(db)), sizeOf(shadowPath(db))]);
    const pending = shadow !== null && shadow > 0
      ? `during a checkpoint (${shadow} bytes of shadow pages, ${wal ?? 0} bytes of write-ahead log)`
      : `with ${wal ?? 0} bytes of write-ahead log`;
    recovery = { action: 'discarded', reason: `the previous process (pid ${owner}) died ${data === null ? 'before the store had a data file' : pending}; the store is rebuilt from the document log`, discardedBytes: (data ?? 0) + (wal ?? 0) + (shadow ?? 0) };
    await rm(db, { force: true, recursive: true });
    await rm(walPath(db), { force: true });
    await rm(shadowPath(db), { force: true });
  }
  await writeFile(markerPath(db), `${process.pid}\n`);
  openHere.add(db);
  return recovery;
}

/** After Kuzu closed the database (it checkpoints on close): the next start is clean. */
export async function markKuzuClosed(db: string): Promise<void> {
  await rm(markerPath(db), { force: true });
  openHere.delete(db);
}

/** When opening failed after prepareKuzuFiles: the marker stays (the files are in an unknown state), but this process no longer holds them. */
export function forgetKuzuOpen(db: string): void {
  openHere.delete(db);
}
