/**
 * A directory (or an HTTP index: a JSON list of URLs) of SBOMs, model
 * signatures or any other document supplygraph reads. An entry is imported
 * when its bytes changed (its fingerprint is their SHA-256); the index itself
 * is fetched with conditional GET, so an unchanged index costs one 304.
 */
import path from 'node:path';
import { EntryError, ImporterError } from '../errors.js';
import { asEntryError, sha256Hex, type ImportItem, type KindContext } from '../entry.js';
import { fetchBytes, fetchResource } from '../fetch.js';
import { isDirectory, listFiles, readLocalEntries } from '../local-files.js';

export async function* sbomDirEntries(ctx: KindContext): AsyncIterable<ImportItem> {
  const { source } = ctx.definition;
  if (await isDirectory(source)) {
    // Hidden files are editors' and tools' own (.DS_Store, .swp), never documents.
    const files = await listFiles(source, (f) => !f.split('/').some((part) => part.startsWith('.')));
    yield* readLocalEntries(source, files, (rel, bytes) => ({ entry: { id: rel, fingerprint: sha256Hex(bytes), fileName: path.posix.basename(rel), load: async () => bytes } }));
    return;
  }
  const index = await fetchResource(source, { previous: ctx.cursor[source], maxBytes: ctx.maxBytes, signal: ctx.signal });
  if (index.status === 'not-modified') {
    ctx.nextCursor[source] = ctx.cursor[source]!;
    return;
  }
  if (index.validators) ctx.nextCursor[source] = index.validators;
  let urls: unknown;
  try {
    urls = JSON.parse(index.body.toString('utf8'));
  } catch (err) {
    throw new ImporterError('FEED_INVALID', `${source} is not a JSON index (${(err as Error).message}); an sbom-dir index is a JSON list of document URLs`);
  }
  if (!Array.isArray(urls)) throw new ImporterError('FEED_INVALID', `${source} is not a JSON list of document URLs`);
  for (const ref of urls) {
    if (typeof ref !== 'string') {
      yield { failure: new EntryError('ENTRY_INVALID', source, `index entry ${JSON.stringify(ref)} is not a URL string`) };
      continue;
    }
    const url = new URL(ref, source).toString();
    let bytes: Buffer;
    try {
      bytes = await fetchBytes(url, ctx.maxBytes, ctx.signal);
    } catch (err) {
      yield { failure: asEntryError(err, url) };
      continue;
    }
    yield { entry: { id: url, fingerprint: sha256Hex(bytes), fileName: path.posix.basename(new URL(url).pathname), load: async () => bytes } };
  }
}
