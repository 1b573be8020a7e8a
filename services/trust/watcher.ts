/**
 * Hot-reloading trust policy. Watches the configuration file and every file it
 * references (keys, CA bundles, trusted roots) through their directories — so editors
 * that save by rename are seen — and reloads after a debounce. A reload that fails
 * keeps the last good policy in force and reports the error.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TrustPolicy } from '../../verify/index.js';
import { loadTrustConfig } from './config.js';

export interface TrustPolicyWatcher {
  /** The policy in force (last successful load). */
  current(): TrustPolicy;
  /** The error of the last reload, or null when it succeeded. */
  lastError(): Error | null;
  /** Files being watched (absolute paths). */
  files(): string[];
  /** Reload now; resolves with the policy in force afterwards. */
  reload(): Promise<TrustPolicy>;
  close(): void;
}

export interface WatchOptions {
  /** Quiet period after the last change before reloading (default 200 ms). */
  debounceMs?: number;
  onReload?: (policy: TrustPolicy) => void;
  onError?: (error: Error) => void;
}

/** Load `configPath` (throws if the first load fails) and keep it fresh. */
export async function watchTrustConfig(configPath: string, opts: WatchOptions = {}): Promise<TrustPolicyWatcher> {
  const debounceMs = opts.debounceMs ?? 200;
  const first = await loadTrustConfig(configPath);
  let policy = first.policy;
  let files = first.files;
  let error: Error | null = null;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let loading: Promise<TrustPolicy> | null = null;
  let again = false;
  const watchers = new Map<string, fs.FSWatcher>();

  const relevant = (dir: string, filename: string | null): boolean =>
    filename === null || files.some((f) => path.dirname(f) === dir && path.basename(f) === filename.toString());

  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void doReload();
    }, debounceMs);
  };

  const syncWatchers = () => {
    const dirs = new Set(files.map((f) => path.dirname(f)));
    for (const [dir, w] of watchers) {
      if (!dirs.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        const w = fs.watch(dir, { persistent: false }, (_event, filename) => {
          if (relevant(dir, filename === null ? null : String(filename))) schedule();
        });
        w.on('error', () => {
          w.close();
          watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch {
        // Directory vanished; the next successful reload re-creates the watch.
      }
    }
  };

  const doReload = async (): Promise<TrustPolicy> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        const loaded = await loadTrustConfig(configPath);
        if (closed) return policy;
        policy = loaded.policy;
        files = loaded.files;
        error = null;
        syncWatchers();
        opts.onReload?.(policy);
      } catch (e) {
        error = e instanceof Error ? e : new Error(String(e));
        opts.onError?.(error);
      }
      return policy;
    })();
    try {
      return await loading;
    } finally {
      loading = null;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };

  syncWatchers();
  return {
    current: () => policy,
    lastError: () => error,
    files: () => [...files],
    reload: doReload,
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
