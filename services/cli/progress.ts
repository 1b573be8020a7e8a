/**
 * Terminal output helpers for CLI commands: a one-line progress bar redrawn in
 * place on a TTY, plus plain-text tables and human-readable numbers.
 *
 * Everything that decides what the text looks like is a pure function
 * (renderProgress, formatTable, formatDuration, ...); ProgressBar only owns the
 * timer and the cursor juggling.
 */

export interface ProgressState {
  /** Files to process in total. */
  total: number;
  /** Files finished (successfully or not). */
  done: number;
  /** Finished and ingested (including "already ingested"). */
  ok: number;
  /** Finished and failed (upload error, failed job, time-out). */
  failed: number;
  /** File currently being worked on (the most recently started one still running), or null. */
  current: string | null;
  /** What is happening to `current` ("uploading", "parsing 40%"); optional. */
  phase?: string | null;
  /** How many files are in flight right now, `current` included. */
  active?: number;
  /** Milliseconds since the run started. */
  elapsedMs: number;
}

export interface RenderOptions {
  /** Terminal width in columns; the line never exceeds it. Default 80. */
  width?: number;
  /** Width of the bar itself (between the brackets). Default: scaled to width, 10..30. */
  barWidth?: number;
}

/**
 * One progress line, e.g.
 * `[##########..........] 9/18 ok 8 failed 1 0:12 parsing 40% sboms/big.cdx.json (+3)`.
 * Never wider than `width`; the file name is shortened in the middle first.
 */
export function renderProgress(state: ProgressState, options: RenderOptions = {}): string {
  const width = Math.max(20, Math.floor(options.width ?? 80));
  const total = Math.max(0, state.total);
  const done = Math.min(Math.max(0, state.done), total);
  const ratio = total === 0 ? 1 : done / total;
  const barWidth = Math.max(1, Math.floor(options.barWidth ?? clamp(Math.floor(width / 4), 10, 30)));
  const filled = Math.floor(ratio * barWidth);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;

  const parts = [bar, `${done}/${total}`, `ok ${state.ok}`];
  if (state.failed > 0) parts.push(`failed ${state.failed}`);
  parts.push(formatClock(state.elapsedMs));
  let head = parts.join(' ');

  if (state.current === null || state.current === '') return truncateEnd(head, width);

  const more = (state.active ?? 1) > 1 ? ` (+${(state.active ?? 1) - 1})` : '';
  const phase = state.phase ? `${state.phase} ` : '';
  head += ' ';
  const room = width - head.length - phase.length - more.length;
  if (room < 8) {
    // Too narrow for a useful name: drop the phase first, then the name.
    const bare = width - head.length - more.length;
    if (bare >= 8) return head + shortenPath(state.current, bare) + more;
    return truncateEnd(head.trimEnd(), width);
  }
  return head + phase + shortenPath(state.current, room) + more;
}

/**
 * Shortens a path to `max` characters, keeping the file name whole when it
 * fits (`sboms/ve…/app.cdx.json`), else shortening the name in the middle.
 */
export function shortenPath(p: string, max: number): string {
  if (p.length <= max) return p;
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  const name = cut >= 0 ? p.slice(cut) : p; // includes the separator
  const prefixRoom = max - name.length - 1;
  if (cut < 0 || prefixRoom < 0) return truncateMiddle(cut >= 0 ? p.slice(cut + 1) : p, max);
  return p.slice(0, prefixRoom) + '…' + name;
}

/** `m:ss` below an hour, `h:mm:ss` above. */
export function formatClock(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `850ms`, `12.3s`, `2m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  const v = Math.max(0, ms);
  if (v < 1000) return `${Math.round(v)}ms`;
  if (v < 60_000) return `${(Math.floor(v / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.floor(v / 1000);
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m${String(totalSeconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(totalSeconds / 3600)}h${String(Math.floor((totalSeconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** `512 B`, `1.5 KiB`, `200 MiB`, `1.2 GiB` (binary units, like the server's limits). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Math.max(0, bytes);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${Math.round(v)} B`;
  const s = v >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1);
  return `${s} ${units[u]}`;
}

/** Shortens to `max` characters by replacing the middle with `…`. */
export function truncateMiddle(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return '…';
  const keep = max - 1;
  const headLen = Math.ceil(keep / 2);
  const tailLen = keep - headLen;
  return text.slice(0, headLen) + '…' + (tailLen > 0 ? text.slice(text.length - tailLen) : '');
}

/** Shortens to `max` characters by cutting the end, marking the cut with `…`. */
export function truncateEnd(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  return text.slice(0, max - 1) + '…';
}

export type Align = 'left' | 'right';

/**
 * A plain-text table: a header row, a dashed rule, then rows; columns padded to
 * their widest cell and separated by two spaces. The last column is not padded
 * (no trailing blanks). Newlines inside cells are flattened to spaces.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const clean = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ');
  const all = [headers.map(clean), ...rows.map((r) => headers.map((_h, i) => clean(r[i] ?? '')))];
  const widths = headers.map((_h, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => {
        if (i === cells.length - 1 && align[i] !== 'right') return cell;
        return align[i] === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(all[0]), rule, ...all.slice(1).map(line)].join('\n');
}

/** The bits of a writable stream the bar needs (process.stderr satisfies it). */
export interface ProgressStream {
  write(chunk: string): boolean;
  columns?: number;
  isTTY?: boolean;
}

export interface ProgressBarOptions {
  /** Redraw at most this often, and at least this often so the clock ticks. Default 100ms. */
  intervalMs?: number;
  /** Clock source (tests). Default Date.now. */
  now?: () => number;
}

/**
 * Draws `renderProgress` on one terminal line and keeps it there: `update()`
 * merges state and redraws (throttled), `log()` prints a line above the bar,
 * `stop()` erases it. Only use on a TTY; elsewhere print lines instead.
 */
export class ProgressBar {
  private state: ProgressState;
  private readonly started: number;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private lastDraw = 0;
  private drawn = false;
  private stopped = false;

  constructor(
    private readonly stream: ProgressStream,
    initial: Omit<ProgressState, 'elapsedMs'>,
    options: ProgressBarOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 100;
    this.started = this.now();
    this.state = { ...initial, elapsedMs: 0 };
  }

  start(): this {
    if (this.timer || this.stopped) return this;
    this.draw();
    this.timer = setInterval(() => this.draw(), Math.max(this.intervalMs, 250));
    this.timer.unref();
    return this;
  }

  update(patch: Partial<Omit<ProgressState, 'elapsedMs'>>): void {
    this.state = { ...this.state, ...patch };
    if (this.now() - this.lastDraw >= this.intervalMs) this.draw();
  }

  /** Prints `text` as its own line(s) above the bar, then redraws the bar. */
  log(text: string): void {
    if (this.stopped) {
      this.stream.write(text.endsWith('\n') ? text : text + '\n');
      return;
    }
    this.clear();
    this.stream.write(text.endsWith('\n') ? text : text + '\n');
    this.draw();
  }

  /** Erases the bar and stops the clock; idempotent. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.stopped) this.clear();
    this.stopped = true;
  }

  /** The current line, as it would be drawn (tests, debugging). */
  render(): string {
    return renderProgress({ ...this.state, elapsedMs: this.now() - this.started }, { width: this.width() });
  }

  private width(): number {
    // One column less than the terminal: writing into the last column makes
    // some terminals wrap, which breaks the in-place redraw.
    const columns = this.stream.columns;
    return Math.max(20, (columns !== undefined && columns > 0 ? columns : 80) - 1);
  }

  private draw(): void {
    if (this.stopped) return;
    this.lastDraw = this.now();
    this.stream.write(`\r${this.render()}\x1b[K`);
    this.drawn = true;
  }

  private clear(): void {
    if (!this.drawn) return;
    this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
