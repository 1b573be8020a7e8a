/** Local sources: every file under a directory, in a stable order so progress and logs read the same each run. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ImporterError } from './errors.js';
import { asEntryError, type ImportItem } from './entry.js';

export async function isDirectory(location: string): Promise<boolean> {
  try {
    return (await stat(location)).isDirectory();
  } catch {
    return false;
  }
}

export async function listFiles(dir: string, keep: (relative: string) => boolean): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (err) {
    throw new ImporterError('SOURCE_UNREADABLE', `cannot list ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter(keep)
    .sort();
}

/** Reads each of `files` (relative to `dir`) and turns it into an item; a file that cannot be read fails alone. */
export async function* readLocalEntries(dir: string, files: readonly string[], toItem: (relative: string, bytes: Buffer) => ImportItem): AsyncIterable<ImportItem> {
  for (const rel of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(dir, rel));
    } catch (err) {
      yield { failure: asEntryError(err, rel) };
      continue;
    }
    yield toItem(rel, bytes);
  }
}
