/**
 * Embedded importer state: `<data dir>/importers/<name>.status.json`
 * (rewritten through a temp file and a rename, so a crash leaves the old or
 * the new one) and `<name>.entries.jsonl`, appended one line per imported
 * entry so recording an entry costs one small write however large the feed.
 * A line torn by a crash is ignored: that entry is simply imported again,
 * which the blob store and the graph make a no-op.
 */
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { emptyStatus, type ImporterStateStore, type ImporterStatusRecord } from './state-store.js';

export class FileImporterStateStore implements ImporterStateStore {
  constructor(private readonly directory: string) {}

  private file(importer: string, suffix: string): string {
    return path.join(this.directory, `${importer}.${suffix}`);
  }

  async readStatus(importer: string): Promise<ImporterStatusRecord> {
    try {
      return { ...emptyStatus(), ...(JSON.parse(await readFile(this.file(importer, 'status.json'), 'utf8')) as ImporterStatusRecord) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyStatus();
      throw err;
    }
  }

  async writeStatus(importer: string, status: ImporterStatusRecord): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const target = this.file(importer, 'status.json');
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(status));
    await rename(temp, target);
  }

  async readEntries(importer: string): Promise<Map<string, string>> {
    const entries = new Map<string, string>();
    let text: string;
    try {
      text = await readFile(this.file(importer, 'entries.jsonl'), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return entries;
      throw err;
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const [id, fingerprint] = JSON.parse(line) as [string, string];
        entries.set(id, fingerprint);
      } catch {
        // A line torn by a crash: the entry is imported again.
      }
    }
    return entries;
  }

  async recordEntry(importer: string, entry: string, fingerprint: string): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await appendFile(this.file(importer, 'entries.jsonl'), `${JSON.stringify([entry, fingerprint])}\n`);
  }

  async compactEntries(importer: string, entries: ReadonlyMap<string, string>): Promise<void> {
    const target = this.file(importer, 'entries.jsonl');
    const temp = `${target}.${process.pid}.tmp`;
    await mkdir(this.directory, { recursive: true });
    await writeFile(temp, [...entries].map((e) => `${JSON.stringify(e)}\n`).join(''));
    await rename(temp, target);
  }

  async close(): Promise<void> {}
}
