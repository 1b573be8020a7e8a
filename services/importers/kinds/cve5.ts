/**
 * CVE JSON 5 records laid out as CVEProject/cvelistV5 does
 * (`cves/<year>/<n>xxx/CVE-<year>-<n>.json`), as a directory or a zip.
 * A directory with `cves/deltaLog.json` is read incrementally: after a
 * finished run only the records the deltas since its newest `fetchTime` name
 * as new or updated are read. Otherwise every record is read and imported
 * when its `dateUpdated` differs from the one recorded.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { EntryError } from '../errors.js';
import { asEntryError, parseEntryJson, type ImportItem, type KindContext } from '../entry.js';
import { isDirectory, listFiles, readLocalEntries } from '../local-files.js';
import { remoteRecords } from '../remote-records.js';

const RECORD = /(^|\/)CVE-\d{4}-\d{4,}\.json$/;
const DELTA_CURSOR = 'deltaLog.fetchTime';

interface Delta { fetchTime?: string; new?: Array<{ cveId?: string }>; updated?: Array<{ cveId?: string }> }

function item(name: string, bytes: Buffer): ImportItem {
  try {
    const doc = parseEntryJson(bytes, name);
    const meta = doc.cveMetadata as { cveId?: unknown; dateUpdated?: unknown; datePublished?: unknown } | undefined;
    if (doc.dataType !== 'CVE_RECORD' || typeof meta?.cveId !== 'string') throw new EntryError('ENTRY_INVALID', name, 'is not a CVE JSON 5 record (dataType CVE_RECORD with cveMetadata.cveId)');
    const fingerprint = typeof meta.dateUpdated === 'string' ? meta.dateUpdated : typeof meta.datePublished === 'string' ? meta.datePublished : '';
    return { entry: { id: meta.cveId, fingerprint, fileName: path.posix.basename(name), load: async () => bytes } };
  } catch (err) {
    return { failure: asEntryError(err, name) };
  }
}

/** Where cvelistV5 keeps a record: CVE-2024-27088 → cves/2024/27xxx/CVE-2024-27088.json. */
export function cvelistPath(cveId: string): string | null {
  const m = /^CVE-(\d{4})-(\d{4,})$/.exec(cveId);
  if (!m) return null;
  return `cves/${m[1]}/${Math.floor(Number(m[2]) / 1000)}xxx/${cveId}.json`;
}

async function readDeltaLog(root: string): Promise<Delta[] | null> {
  let text: string;
  try {
    text = await readFile(path.join(root, 'cves', 'deltaLog.json'), 'utf8');
  } catch {
    return null;
  }
  const log = JSON.parse(text) as unknown;
  return Array.isArray(log) ? (log as Delta[]) : null;
}

export async function* cve5Entries(ctx: KindContext): AsyncIterable<ImportItem> {
  const { source } = ctx.definition;
  if (await isDirectory(source)) {
    const deltas = await readDeltaLog(source);
    const newest = deltas?.map((d) => d.fetchTime ?? '').sort().at(-1);
    const since = ctx.cursor[DELTA_CURSOR];
    let files: string[];
    if (deltas && since) {
      const ids = new Set<string>();
      for (const d of deltas) {
        if ((d.fetchTime ?? '') <= since) continue;
        for (const c of [...(d.new ?? []), ...(d.updated ?? [])]) if (c.cveId) ids.add(c.cveId);
      }
      files = [...ids].map(cvelistPath).filter((p): p is string => p !== null).sort();
      ctx.log.info({ importer: ctx.definition.name, since, changed: files.length }, 'cve5: reading the records the delta log names');
    } else {
      files = await listFiles(source, (f) => RECORD.test(f));
    }
    if (newest) ctx.nextCursor[DELTA_CURSOR] = newest > (since ?? '') ? newest : since!;
    yield* readLocalEntries(source, files, item);
    return;
  }
  yield* remoteRecords(ctx, (n) => RECORD.test(n), item);
}
