/**
 * Document labels: `key=value` pairs a user attaches to a document (team, env,
 * release…) at upload or later, to find documents and to restrict investigator
 * queries to the facts of labelled documents. Stored on the Document as a JSON
 * object: they describe the stored copy, not anything the document asserts, so
 * `supplygraph check` leaves them alone.
 */
import type { DocumentLog } from '../recovery/document-log.js';
import type { GraphStore } from '../graph/store.js';
import { DocumentLifecycleError } from './errors.js';

export type DocumentLabels = Record<string, string>;

const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$/;
const MAX_VALUE = 256;
const MAX_LABELS = 64;

/** Validates labels; throws BAD_LABEL naming the offending one. */
export function validLabels(labels: Record<string, unknown>): DocumentLabels {
  const out: DocumentLabels = {};
  const entries = Object.entries(labels);
  if (entries.length > MAX_LABELS) throw new DocumentLifecycleError('BAD_LABEL', `at most ${MAX_LABELS} labels per document (got ${entries.length})`);
  for (const [k, v] of entries) {
    if (!LABEL_KEY.test(k)) throw new DocumentLifecycleError('BAD_LABEL', `label key "${k}" must be 1–63 letters, digits, '.', '_', '/' or '-', starting with a letter or digit`);
    if (typeof v !== 'string' || v.length > MAX_VALUE) throw new DocumentLifecycleError('BAD_LABEL', `label "${k}" needs a string value of at most ${MAX_VALUE} characters`);
    out[k] = v;
  }
  return out;
}

/** `k=v` (CLI `--label`, a label filter). */
export function parseLabel(text: string): [string, string] {
  const i = text.indexOf('=');
  if (i <= 0) throw new DocumentLifecycleError('BAD_LABEL', `label "${text}" must be written key=value`);
  const [[k, v]] = Object.entries(validLabels({ [text.slice(0, i)]: text.slice(i + 1) })) as [[string, string]];
  return [k, v];
}

/** `label.<k>=<v>` query parameters / form fields of an upload. */
export function labelsFromQuery(query: Record<string, unknown>): DocumentLabels {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) if (k.startsWith('label.')) raw[k.slice(6)] = v;
  return validLabels(raw);
}

export function readLabels(stored: string | null | undefined): DocumentLabels {
  if (!stored) return {};
  try {
    const parsed = JSON.parse(stored) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as DocumentLabels) : {};
  } catch {
    return {};
  }
}

/**
 * Sets a document's labels: `merge` adds/overwrites the given ones (an empty value removes a
 * label), `replace` makes them the whole set. Returns the labels now stored.
 */
export async function setDocumentLabels(store: GraphStore, key: string, labels: DocumentLabels, mode: 'merge' | 'replace', documentLog?: DocumentLog | null): Promise<DocumentLabels> {
  const rows = await store.read<{ labels: string | null }>('MATCH (d:Document {key: $k}) RETURN d.labels AS labels', { k: key });
  if (!rows[0]) throw new DocumentLifecycleError('DOCUMENT_NOT_FOUND', `no document ${key}`);
  const next: DocumentLabels = mode === 'merge' ? { ...readLabels(rows[0].labels) } : {};
  for (const [k, v] of Object.entries(validLabels(labels))) {
    if (v === '') delete next[k];
    else next[k] = v;
  }
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  // Logged before the write: the embedded store rebuilt after a crash must carry the labels too.
  await documentLog?.append({ op: 'labelled', documentKey: key, labels: sorted });
  await store.write([{ cypher: 'MATCH (d:Document {key: $k}) SET d.labels = $labels', params: { k: key, labels: JSON.stringify(sorted) } }]);
  return sorted;
}
