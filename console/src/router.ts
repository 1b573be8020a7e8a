/**
 * Client-side routes as plain URLs (path + query string), so every page is a
 * shareable deep link; services/api/console/plugin.ts serves index.html for each path.
 */
import { useSyncExternalStore } from 'react';

const EVENT = 'supplygraph-navigate';

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
  if (!opts.replace) window.scrollTo(0, 0);
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(EVENT, cb);
  };
}

export interface Place {
  path: string;
  params: URLSearchParams;
}

export function usePlace(): Place {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, location.origin);
  return { path: url.pathname, params: url.searchParams };
}

const q = (params: Record<string, string | number | undefined | null>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const to = {
  search: (text: string) => `/${q({ q: text })}`,
  vulnerability: (id: string, extra: Record<string, string> = {}) => `/vulnerability${q({ id, ...extra })}`,
  package: (purl: string) => `/package${q({ purl })}`,
  model: (ref: string) => `/model${q({ ref })}`,
  dataset: (ref: string) => `/dataset${q({ ref })}`,
  sbom: (id: string, extra: Record<string, string> = {}) => `/sbom${q({ id, ...extra })}`,
  graph: (node: string, direction = 'dependents', depth = 2) => `/graph${q({ node, direction, depth })}`,
  upload: () => '/upload',
  importers: () => '/importers',
};

/** The page for a graph node, from its label (GraphNode.kind / Component.kind) and id. */
export function pageFor(kind: string, id: string, purl?: string | null): string | null {
  switch (kind) {
    case 'Package': case 'PackageVersion': case 'PACKAGE_VERSION': return purl || id.startsWith('pkg:') ? to.package(purl ?? id) : null;
    case 'Model': case 'MODEL': return to.model(purl ?? id);
    case 'Dataset': case 'DATASET': return to.dataset(purl ?? id);
    case 'Vulnerability': return to.vulnerability(id);
    case 'Document': return to.sbom(id);
    case 'Artifact': case 'ARTIFACT': return to.graph(id, 'provenance', 1);
    default: return null;
  }
}
