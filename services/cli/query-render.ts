/**
 * Human-readable output of `supplygraph query …`: pure functions from a
 * GraphQL answer (query-documents.ts) to text.
 *
 * Two styles: on a terminal, tables fit the window (purls without qualifiers,
 * short digests, long cells cut with `…`, VEX justifications as notes, bold
 * headers unless NO_COLOR); anywhere else, plain aligned text with every
 * value whole and one row per line, so `grep`/`awk` see full purls and ids.
 * Scripts that need structure should use `--json` instead.
 */
import { formatTable, truncateEnd, type Align } from './progress.js';
import type {
  AffectedData,
  AffectedProductInfo,
  ComponentRef,
  DependentsData,
  DocumentRef,
  ProvenanceData,
  ReachedInfo,
  SignatureInfo,
  SignedModelsData,
  SeverityLevel,
  VulnerabilitiesData,
} from './query-documents.js';

export interface RenderStyle {
  /** Terminal output: fit tables to `width`. */
  tty: boolean;
  /** Terminal width in columns (tty only). */
  width: number;
  /** Bold headers (tty only). */
  color: boolean;
}

const NONE = '-';

// ---------------------------------------------------------------------------
// tables

/**
 * A table in the given style. Plain: formatTable (full values). TTY: cells
 * made readable (compactForTerminal), then columns shrunk, widest first, until
 * the table fits `width` (never below `minWidths[i]`, default 8 or the
 * header's width), long cells cut at the end with `…` (the start of a purl,
 * a URL or a name says the most).
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  style: RenderStyle,
  align: readonly Align[] = [],
  minWidths: readonly number[] = [],
): string {
  if (!style.tty) return formatTable(headers, rows, align);
  const clean = (s: string): string => compactForTerminal(s.replace(/\s*[\r\n]+\s*/g, ' '));
  const body = rows.map((r) => headers.map((_h, i) => clean(r[i] ?? '')));
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const budget = Math.max(20, style.width) - 2 * (headers.length - 1);
  const floor = headers.map((h, i) => Math.min(widths[i], minWidths[i] ?? Math.max(8, Math.min(h.length, 12))));
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i] > floor[i] && (widest < 0 || widths[i] > widths[widest])) widest = i;
    if (widest < 0) break;
    widths[widest]--;
  }
  const fit = (cell: string, i: number): string => fitCell(cell, widths[i]);
  const line = (cells: string[], bold: boolean): string =>
    cells
      .map((raw, i) => {
        const cell = fit(raw, i);
        const padded = i === cells.length - 1 && align[i] !== 'right' ? cell : align[i] === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
        return bold && style.color ? `\x1b[1m${padded}\x1b[22m` : padded;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line([...headers], true), rule, ...body.map((r) => line(r, false))].join('\n');
}

/**
 * What a person at a terminal needs of a cell: purls without their qualifiers
 * and with %-escapes decoded (`pkg:alpine/musl@1.2.3-r0`,
 * `pkg:generic/docker.io/library/alpine:latest@sha256:1304f1745573…`), and
 * digests cut to 12 hex digits. Display only: piped output and --json keep
 * every value whole.
 */
export function compactForTerminal(cell: string): string {
  return cell
    .replace(/pkg:[^\s?#,]+(?:\?[^\s#,]*)?(?:#[^\s,]*)?/g, (purl) => {
      const bare = purl.replace(/[?#].*$/, '');
      try {
        return decodeURIComponent(bare);
      } catch {
        return bare;
      }
    })
    .replace(/\b(sha1|sha256|sha384|sha512):([0-9a-f]{12})[0-9a-f]{16,}/g, '$1:$2…');
}

/**
 * Shortens a cell to `max` characters. A purl with a namespace loses the end
 * of its namespace first (`pkg:maven/io.quarkus…/quarkus-arc@2.13.4.Final`),
 * so the name and version stay; anything else is cut at the end.
 */
export function fitCell(text: string, max: number): string {
  if (text.length <= max) return text;
  const m = /^(pkg:[^/\s]+\/)([^\s]*\/)([^/\s]+)$/.exec(text);
  if (m) {
    const [, head, namespace, tail] = m as unknown as [string, string, string, string];
    const room = max - head.length - tail.length - 2;
    if (room >= 0) return `${head}${namespace.slice(0, room)}…/${tail}`;
    if (max - head.length - 2 >= 8) return `${head}…/${truncateEnd(tail, max - head.length - 2)}`;
  }
  return truncateEnd(text, max);
}

function heading(text: string, style: RenderStyle): string {
  return style.tty && style.color ? `\x1b[1m${text}\x1b[22m` : text;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The best single name for a component: its purl, else its id. */
function componentText(c: ComponentRef | null): string {
  if (!c) return NONE;
  return c.purl ?? c.id;
}

function documentCell(d: DocumentRef | null): string {
  if (!d) return NONE;
  return `${d.format} ${d.id}`;
}

const KIND_WORD: Record<string, string> = { PACKAGE_VERSION: 'package', MODEL: 'model', DATASET: 'dataset', ARTIFACT: 'artifact' };

// ---------------------------------------------------------------------------
// query affected

export function renderAffected(id: string, data: AffectedData, style: RenderStyle): string {
  const v = data.vulnerability;
  if (!v) return `No vulnerability "${id}" in the graph (no advisory, SBOM or VEX document names it).\n`;
  const out: string[] = [];
  const others = v.aliases.filter((a) => a.toLowerCase() !== v.id.toLowerCase());
  out.push(heading(`Vulnerability ${v.id}`, style) + (others.length > 0 ? `  (aliases: ${others.join(', ')})` : ''));
  out.push(`Severity: ${severityText(v.maxSeverity, v.score)}`);
  if (v.advisories.length === 0) {
    out.push('Advisories: none ingested (the id is known only from VEX or SBOM documents)');
  } else {
    out.push('Advisories:');
    for (const a of v.advisories) {
      const dates = [a.published ? `published ${a.published}` : null, a.modified ? `modified ${a.modified}` : null, a.withdrawn ? `WITHDRAWN ${a.withdrawn}` : null].filter((x) => x !== null);
      out.push(`  ${a.id}${a.title ? `  ${a.title}` : ''}${dates.length ? `  (${dates.join(', ')})` : ''}`);
    }
  }
  out.push('');
  if (v.affected.length === 0) {
    out.push('No affected package versions with the requested status.');
    return out.join('\n') + '\n';
  }
  // On a terminal the justification goes to a numbered note under the table, so
  // the STATUS column stays narrow; piped, it stays in the cell (one line per row for grep).
  const notes = new Map<string, { n: number; text: string }>();
  const statusCell = (a: AffectedProductInfo): string => {
    const st = a.statement;
    const why = st ? [st.justification, st.impactStatement].filter((x): x is string => !!x).join('; ') : '';
    if (!st || why === '') return a.status;
    if (!style.tty) return `${a.status} (${why})`;
    let note = notes.get(st.id);
    if (!note) {
      const by = st.assertedBy ? ` (${st.assertedBy.format}${st.assertedBy.name ? ` ${st.assertedBy.name}` : ''}${st.timestamp ? `, ${st.timestamp}` : ''})` : '';
      note = { n: notes.size + 1, text: `${st.status}: ${why}${by}` };
      notes.set(st.id, note);
    }
    return `${a.status} [${note.n}]`;
  };
  // Most severe first (the server's order), then by product.
  const sorted = [...v.affected].sort((x, y) =>
    (y.score ?? -1) - (x.score ?? -1) ||
    componentText(x.packageVersion).localeCompare(componentText(y.packageVersion)) ||
    componentText(x.subject).localeCompare(componentText(y.subject)) ||
    (x.sbom?.id ?? '').localeCompare(y.sbom?.id ?? ''));
  const rows = sorted.map((a) => [componentText(a.packageVersion), componentText(a.subject), a.sbom?.id ?? NONE, severityText(a.maxSeverity, a.score), statusCell(a)]);
  out.push(renderTable(['PACKAGE VERSION', 'SUBJECT', 'SBOM', 'SEVERITY', 'STATUS'], rows, style, [], [8, 8, 8, 8, 12]));
  for (const note of notes.values()) out.push(`[${note.n}] ${note.text}`);
  out.push('');
  const counts = new Map<string, number>();
  for (const a of v.affected) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  const products = new Set(v.affected.map((a) => `${a.subject?.id ?? ''}|${a.sbom?.id ?? ''}|${a.packageVersion.id}`)).size;
  out.push(`${plural(products, 'row')}: ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}`);
  return out.join('\n') + '\n';
}

/** `HIGH 7.5`, `HIGH` (a vendor word only), `7.5`, or `-` when unrated. */
export function severityText(level: SeverityLevel | null, score: number | null): string {
  const parts = [level, score === null ? null : score.toFixed(1)].filter((x) => x !== null);
  return parts.length > 0 ? parts.join(' ') : NONE;
}

// ---------------------------------------------------------------------------
// query vulnerabilities

export function renderVulnerabilities(of: string, data: VulnerabilitiesData, style: RenderStyle): string {
  const out: string[] = [heading(`Vulnerabilities of ${of}`, style)];
  if (data.vulnerabilities.length === 0) {
    out.push('No vulnerabilities with the requested severity.');
    return out.join('\n') + '\n';
  }
  const rows = data.vulnerabilities.map((f) => [f.vulnerability, severityText(f.maxSeverity, f.score), componentText(f.packageVersion), f.advisory, f.status]);
  out.push(renderTable(['VULNERABILITY', 'SEVERITY', 'PACKAGE VERSION', 'ADVISORY', 'STATUS'], rows, style, [], [12, 8, 8, 8, 8]));
  out.push('');
  out.push(plural(data.vulnerabilities.length, 'finding'));
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// query dependents

/** Edge kinds along a path, and the nodes strictly between its ends. */
function pathCells(r: { path: string[]; via: string[] }): [string, string] {
  const via = r.via.length > 0 ? r.via.join(' > ') : NONE;
  const between = r.path.slice(1, -1);
  return [via, between.length > 0 ? between.join(' > ') : NONE];
}

export interface DependentsRequest {
  purl: string;
  transitive: boolean;
  maxDepth: number;
}

export function renderDependents(req: DependentsRequest, data: DependentsData, style: RenderStyle): string {
  const d = data.dependents;
  const out: string[] = [];
  const scope = req.transitive ? `transitive, up to ${req.maxDepth} hops` : 'direct only';
  out.push(heading(`Dependents of ${req.purl}`, style) + `  (${scope})`);
  if (d.targets.length === 0) {
    out.push('Nothing in the graph matches this purl.');
    return out.join('\n') + '\n';
  }
  out.push(`Matches ${plural(d.targets.length, 'component')}:`);
  for (const t of d.targets) out.push(`  ${componentText(t)}  (${KIND_WORD[t.kind] ?? t.kind})`);
  out.push('');

  const groups: Array<[string, ReachedInfo[]]> = [['package', d.packages], ['model', d.models], ['dataset', d.datasets], ['artifact', d.artifacts]];
  const rows: string[][] = [];
  for (const [kind, items] of groups) {
    for (const r of [...items].sort((a, b) => a.depth - b.depth || componentText(a.component).localeCompare(componentText(b.component)))) {
      rows.push([kind, componentText(r.component), String(r.depth), ...pathCells(r)]);
    }
  }
  if (rows.length === 0) {
    out.push('No package, model, dataset or artifact depends on or contains it.');
  } else {
    const summary = groups.filter(([, items]) => items.length > 0).map(([kind, items]) => plural(items.length, kind));
    out.push(`${summary.join(', ')} depend on or contain it:`);
    out.push(renderTable(['KIND', 'DEPENDENT', 'DEPTH', 'VIA', 'THROUGH'], rows, style, ['left', 'left', 'right'], [8, 8, 5]));
  }
  out.push('');

  const subjectsBySbom = new Map<string, string[]>();
  for (const s of d.subjects) {
    const list = subjectsBySbom.get(s.sbom.id) ?? [];
    list.push(componentText(s.subject));
    subjectsBySbom.set(s.sbom.id, list);
  }
  const sboms = d.sboms.edges.map((e) => e.node);
  if (d.sboms.totalCount === 0) {
    out.push('No SBOM lists it or any of its dependents.');
  } else {
    const shown = sboms.length < d.sboms.totalCount ? ` (first ${sboms.length}; raise --first to see more)` : '';
    out.push(`${plural(d.sboms.totalCount, 'SBOM')} list it or a dependent${shown}:`);
    out.push(renderTable(['SBOM', 'NAME', 'SUBJECT'], sboms.map((s) => [s.id, s.name ?? NONE, (subjectsBySbom.get(s.id) ?? [NONE]).join(', ')]), style));
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// query provenance

function signerText(s: SignatureInfo['signer']): string {
  if (!s) return NONE;
  if (s.kind === 'key') return s.subject ? `${s.subject} (key sha256:${s.keyFingerprint ?? '?'})` : `key sha256:${s.keyFingerprint ?? '?'}`;
  if (s.kind === 'oidc') return `${s.san ?? '?'} via ${s.issuer ?? '?'}`;
  return `${s.subject ?? s.san ?? '?'}${s.issuer ? ` issued by ${s.issuer}` : ''}`;
}

/** Who signed, in a few words: the trust file's name for the key, else the identity. */
function signerShort(s: SignatureInfo['signer']): string {
  if (!s) return 'unknown signer';
  if (s.kind === 'key') return s.subject ?? `key sha256:${s.keyFingerprint ?? '?'}`;
  if (s.kind === 'oidc') return s.san ?? s.subject ?? '?';
  return s.subject ?? s.san ?? '?';
}

function trustText(s: SignatureInfo): string {
  return s.trust === 'TRUSTED' ? 'TRUSTED' : `${s.trust} (${s.reasonCode})`;
}

export function renderProvenance(of: string, data: ProvenanceData, style: RenderStyle): string {
  const p = data.provenance;
  if (!p) return `Nothing in the graph matches "${of}".\n`;
  const out: string[] = [];
  out.push(heading(`Provenance of ${p.target.id}`, style) + `  (${p.target.kind})`);
  if (p.digests.length > 0) out.push(`Content digests: ${p.digests.join(', ')}`);
  const section = (title: string, count: number, empty: string, table: () => string): void => {
    out.push('');
    out.push(count === 0 ? `${title}: ${empty}` : `${title} (${count}):`);
    if (count > 0) out.push(table());
  };
  section('Signatures', p.signatures.length, 'none', () =>
    renderTable(['TRUST', 'METHOD', 'SIGNER', 'SIGNED AT', 'ASSERTED BY'], p.signatures.map((s) => [trustText(s), s.method, signerText(s.signer), s.signedAt ?? NONE, documentCell(s.assertedBy)]), style, [], [9, 11]));
  section('Builds', p.builds.length, 'none recorded', () =>
    renderTable(['BUILDER', 'BUILD TYPE', 'INVOCATION', 'ASSERTED BY'], p.builds.map((b) => [b.builder, b.buildType ?? NONE, b.invocationId ?? NONE, documentCell(b.assertedBy)]), style));
  section('Materials', p.materials.length, 'none recorded', () =>
    renderTable(['KIND', 'MATERIAL', 'REVISION', 'ASSERTED BY'], p.materials.map((m) => [m.kind, m.uri ?? m.id, m.revision ?? NONE, documentCell(m.assertedBy)]), style));
  section('Sources', p.sources.length, 'none recorded', () =>
    renderTable(['REPOSITORY', 'REVISION', 'ASSERTED BY'], p.sources.map((s) => [s.repository, s.revision ?? NONE, documentCell(s.assertedBy)]), style));
  section('Documents', p.documents.length, 'none', () =>
    renderTable(['RELATION', 'KIND', 'FORMAT', 'DOCUMENT', 'NAME'], p.documents.map((d) => [d.relation, d.document.kind, d.document.format, d.document.id, d.document.name ?? NONE]), style));
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// query signed-models

export interface SignedModelsRequest {
  dependsOn: string;
  anyValid: boolean;
  maxDepth: number;
}

export function renderSignedModels(req: SignedModelsRequest, data: SignedModelsData, style: RenderStyle): string {
  const out: string[] = [];
  const which = req.anyValid ? 'any valid signature, trusted or not' : 'TRUSTED signature required';
  out.push(heading(`Signed models depending on ${req.dependsOn}`, style) + `  (${which}; up to ${req.maxDepth} hops)`);
  const models = data.signedModels;
  if (models.length === 0) {
    out.push(req.anyValid ? 'None.' : 'None. (Models signed by an untrusted key only show with --any-valid.)');
    return out.join('\n') + '\n';
  }
  const rows = models.map((m) => {
    const sigs = m.signatures.map((s) => `${s.trust} ${signerShort(s.signer)} (${s.method})`).join('; ');
    return [m.model.purl ?? m.model.id, String(m.depth), ...pathCells(m), sigs || NONE];
  });
  out.push(renderTable(['MODEL', 'DEPTH', 'VIA', 'THROUGH', 'SIGNATURES'], rows, style, ['left', 'right'], [8, 5]));
  out.push('');
  out.push(`${plural(models.length, 'model')}`);
  return out.join('\n') + '\n';
}
