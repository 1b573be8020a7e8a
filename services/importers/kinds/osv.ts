/**
 * OSV: an ecosystem's `all.zip` (URL or path) or a directory of OSV JSON
 * records. The archive is fetched with conditional GET, so an unchanged
 * `all.zip` costs one 304; inside it a record is imported when its `modified`
 * differs from the one recorded for its id.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { EntryError } from '../errors.js';
import { asEntryError, parseEntryJson, type ImportEntry, type ImportItem, type KindContext } from '../entry.js';
import { fetchResource } from '../fetch.js';
import { isDirectory, listFiles } from '../local-files.js';
import { isZip, readZip } from '../zip.js';

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
    for (const rel of await listFiles(source, (f) => f.endsWith('.json'))) {
      let bytes: Buffer;
      try {
        bytes = await readFile(path.join(source, rel));
      } catch (err) {
        yield { failure: asEntryError(err, rel) };
        continue;
      }
      yield item(rel, bytes);
    }
    return;
  }
  const fetched = await fetchResource(source, { previous: ctx.cursor[source], maxBytes: ctx.maxBytes, signal: ctx.signal });
  if (fetched.status === 'not-modified') {
    ctx.nextCursor[source] = ctx.cursor[source]!;
    return;
  }
  if (fetched.validators) ctx.nextCursor[source] = fetched.validators;
  if (!isZip(fetched.body)) {
    yield item(path.posix.basename(source), fetched.body);
    return;
  }
  for (const m of readZip(fetched.body, source, ctx.maxBytes, (n) => n.endsWith('.json'))) {
    yield m.ok ? item(m.name, m.bytes) : { failure: new EntryError(m.code, m.name, m.reason) };
  }
}
