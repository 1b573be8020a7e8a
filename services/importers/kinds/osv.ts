/**
 * OSV: an ecosystem's `all.zip` (URL or path) or a directory of OSV JSON
 * records. The archive is fetched with conditional GET, so an unchanged
 * `all.zip` costs one 304; inside it a record is imported when its `modified`
 * differs from the one recorded for its id.
 */
import path from 'node:path';
import { EntryError } from '../errors.js';
import { asEntryError, parseEntryJson, type ImportEntry, type ImportItem, type KindContext } from '../entry.js';
import { isDirectory, listFiles, readLocalEntries } from '../local-files.js';
import { remoteRecords } from '../remote-records.js';

function osvEntry(name: string, bytes: Buffer): ImportEntry {
  const doc = parseEntryJson(bytes, name);
  if (typeof doc.id !== 'string' || doc.id === '') throw new EntryError('ENTRY_INVALID', name, 'is not an OSV record: no "id"');
  if (typeof doc.modified !== 'string') throw new EntryError('ENTRY_INVALID', name, `OSV record ${doc.id} has no "modified" date`);
  return { id: doc.id, fingerprint: doc.modified, fileName: path.posix.basename(name), load: async () => bytes };
}

function item(name: string, bytes: Buffer): ImportItem {
  try {
    return { entry: osvEntry(name, bytes) };
  } catch (err) {
    return { failure: asEntryError(err, name) };
  }
}

export async function* osvEntries(ctx: KindContext): AsyncIterable<ImportItem> {
  const { source } = ctx.definition;
  if (await isDirectory(source)) {
    yield* readLocalEntries(source, await listFiles(source, (f) => f.endsWith('.json')), item);
    return;
  }
  yield* remoteRecords(ctx, (n) => n.endsWith('.json'), item);
}
