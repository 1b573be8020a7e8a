/**
 * A feed served as one file or one zip of records (OSV's all.zip, a zipped
 * cvelistV5): fetched with conditional GET, so an unchanged feed costs one 304
 * and keeps its recorded validators; a zip's members are read under the
 * decompression limit, each failing alone.
 */
import path from 'node:path';
import { EntryError } from './errors.js';
import type { ImportItem, KindContext } from './entry.js';
import { fetchResource } from './fetch.js';
import { isZip, readZip } from './zip.js';

export async function* remoteRecords(ctx: KindContext, isRecord: (memberName: string) => boolean, toItem: (name: string, bytes: Buffer) => ImportItem): AsyncIterable<ImportItem> {
  const { source } = ctx.definition;
  const fetched = await fetchResource(source, { previous: ctx.cursor[source], maxBytes: ctx.maxBytes, signal: ctx.signal });
  if (fetched.status === 'not-modified') {
    ctx.nextCursor[source] = ctx.cursor[source]!;
    return;
  }
  if (fetched.validators) ctx.nextCursor[source] = fetched.validators;
  if (!isZip(fetched.body)) {
    yield toItem(path.posix.basename(source), fetched.body);
    return;
  }
  for (const m of readZip(fetched.body, source, ctx.maxBytes, isRecord)) {
    yield m.ok ? toItem(m.name, m.bytes) : { failure: new EntryError(m.code, m.name, m.reason) };
  }
}
