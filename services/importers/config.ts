/**
 * The importers file (SUPPLYGRAPH_IMPORTERS_CONFIG): which feeds to mirror and
 * how often. Validated whole at start-up so a typo stops the process with the
 * path of the wrong field instead of an importer that silently never runs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ImporterError } from './errors.js';

export const IMPORTER_KINDS = ['osv', 'csaf', 'cve5', 'sbom-dir'] as const;
export type ImporterKind = (typeof IMPORTER_KINDS)[number];

export const TLP_LABELS = ['WHITE', 'GREEN', 'AMBER', 'RED'] as const;
export type TlpLabel = (typeof TLP_LABELS)[number];

export interface ImporterDefinition {
  /** Unique; names the importer's state, lock, metrics and API path. */
  name: string;
  kind: ImporterKind;
  /** URL (http/https) or local path; relative paths are relative to the config file. */
  source: string;
  /** Milliseconds between runs; null: runs only when asked (API/CLI). */
  intervalMs: number | null;
  /** csaf: only advisories with these TLP labels; null: every label. */
  tlp: TlpLabel[] | null;
  /** csaf: file with the provider's armored OpenPGP public key(s); when set, every advisory's `.asc` must verify. */
  publicKey: string | null;
}

const DURATION = /^(\d+)\s*(s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function fail(where: string, message: string): never {
  throw new ImporterError('IMPORTER_CONFIG_INVALID', `${where}: ${message}`);
}

export function parseDuration(where: string, value: unknown): number {
  const m = typeof value === 'string' ? DURATION.exec(value.trim()) : null;
  if (!m) fail(where, `${JSON.stringify(value)} is not a duration like 30m, 6h or 1d`);
  const ms = Number(m[1]) * UNIT_MS[m[2]!]!;
  if (ms < 60_000) fail(where, 'runs at most once a minute (a feed is not a queue); use 1m or more');
  return ms;
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Validates one importer as given in the file or to `importer run <kind> <source>`. */
export function importerDefinition(where: string, raw: unknown, baseDir: string): ImporterDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(where, 'must be a mapping with name, kind and source');
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!['name', 'kind', 'source', 'interval', 'tlp', 'publicKey'].includes(k)) fail(`${where}.${k}`, 'unknown setting (known: name, kind, source, interval, tlp, publicKey)');
  if (typeof r.name !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,62}$/.test(r.name)) fail(`${where}.name`, `${JSON.stringify(r.name)} is not a name of lower-case letters, digits, ".", "_" and "-" (at most 63)`);
  if (typeof r.kind !== 'string' || !(IMPORTER_KINDS as readonly string[]).includes(r.kind)) fail(`${where}.kind`, `${JSON.stringify(r.kind)} is not one of ${IMPORTER_KINDS.join(', ')}`);
  if (typeof r.source !== 'string' || r.source.trim() === '') fail(`${where}.source`, 'is required: a URL (http/https) or a path');
  const kind = r.kind as ImporterKind;
  const source = r.source.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !isUrl(source)) fail(`${where}.source`, `only http:// and https:// URLs are fetched (got ${source})`);
  if (kind === 'csaf' && !isUrl(source) && !source.endsWith('.json')) fail(`${where}.source`, 'a CSAF provider is its provider-metadata.json (URL or path)');
  let tlp: TlpLabel[] | null = null;
  if (r.tlp !== undefined) {
    if (kind !== 'csaf') fail(`${where}.tlp`, 'only csaf importers filter by TLP');
    if (!Array.isArray(r.tlp) || r.tlp.length === 0) fail(`${where}.tlp`, 'must be a list such as [WHITE, GREEN]');
    tlp = r.tlp.map((l, i) => {
      const label = typeof l === 'string' ? l.toUpperCase() : l;
      if (typeof label !== 'string' || !(TLP_LABELS as readonly string[]).includes(label)) fail(`${where}.tlp[${i}]`, `${JSON.stringify(l)} is not one of ${TLP_LABELS.join(', ')}`);
      return label as TlpLabel;
    });
  }
  if (r.publicKey !== undefined) {
    if (kind !== 'csaf') fail(`${where}.publicKey`, 'only csaf importers verify OpenPGP signatures');
    if (typeof r.publicKey !== 'string' || r.publicKey.trim() === '') fail(`${where}.publicKey`, 'must be the path of a file with the provider\'s armored OpenPGP public key');
  }
  return {
    name: r.name,
    kind,
    source: isUrl(source) ? source : path.resolve(baseDir, source),
    intervalMs: r.interval === undefined ? null : parseDuration(`${where}.interval`, r.interval),
    tlp,
    publicKey: typeof r.publicKey === 'string' ? path.resolve(baseDir, r.publicKey.trim()) : null,
  };
}

/** Parses the importers file's text; `file` names it in errors and anchors relative paths. */
export function parseImportersConfig(text: string, file: string): ImporterDefinition[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    fail(file, `not YAML: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { importers?: unknown }).importers)) {
    fail(file, 'expected a top-level `importers:` list');
  }
  const list = (doc as { importers: unknown[] }).importers;
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const def = importerDefinition(`${file}: importers[${i}]`, raw, path.dirname(file));
    if (seen.has(def.name)) fail(`${file}: importers[${i}].name`, `"${def.name}" is used twice; names must be unique`);
    seen.add(def.name);
    return def;
  });
}

export async function loadImportersConfig(file: string): Promise<ImporterDefinition[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ImporterError('IMPORTER_CONFIG_INVALID', `${file}: cannot read the importers file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); fix SUPPLYGRAPH_IMPORTERS_CONFIG`);
  }
  return parseImportersConfig(text, file);
}
