/** Small building blocks shared by the pages: links, status badges, errors, data loading. */
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { explain } from '../api';
import { navigate, pageFor } from '../router';

export function Link({ href, children, className, title }: { href: string; children: ReactNode; className?: string; title?: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // let the browser open a new tab
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={onClick} className={className} title={title}>{children}</a>;
}

export interface ComponentLike {
  id: string;
  kind: string;
  purl?: string | null;
  name?: string | null;
  version?: string | null;
}

/** A component named by its purl (or name), linked to its page. */
export function NodeLink({ node }: { node: ComponentLike }) {
  const label = node.purl ?? (node.name ? `${node.name}${node.version ? `@${node.version}` : ''}` : node.id);
  const href = pageFor(node.kind, node.id, node.purl);
  return href ? <Link href={href} className="mono">{label}</Link> : <span className="mono">{label}</span>;
}

export interface DocRef {
  id: string;
  kind?: string;
  format?: string;
  name?: string | null;
}

/** The document that asserted a fact. */
export function DocLink({ doc }: { doc: DocRef | null | undefined }) {
  if (!doc) return <span className="muted">—</span>;
  const text = `${doc.format ?? doc.kind ?? 'document'}${doc.name ? `: ${doc.name}` : ''}`;
  if (doc.kind === 'sbom') return <Link href={`/sbom?id=${encodeURIComponent(doc.id)}`} title={doc.id}>{text}</Link>;
  return <span title={doc.id}>{text} <span className="muted mono">{doc.id.slice(7, 19)}</span></span>;
}

export function Badge({ value }: { value: string }) {
  return <span className={`badge badge-${value.toLowerCase()}`}>{value}</span>;
}

export function ErrorBox({ error }: { error: unknown }) {
  const { title, detail } = explain(error);
  return <div className="error" role="alert"><strong>{title}</strong><div>{detail}</div></div>;
}

export function Loading() {
  return <div className="muted" aria-busy="true">Loading…</div>;
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'done'; data: T };

/** Changes whenever the user sets or forgets the token, so pages load again with it. */
export function useTokenTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((n) => n + 1);
    window.addEventListener('supplygraph-token', bump);
    return () => window.removeEventListener('supplygraph-token', bump);
  }, []);
  return tick;
}

/** Runs `load` whenever `key` changes (a new URL), dropping answers to stale requests. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const tokenTick = useTokenTick();
  useEffect(() => {
    const ctl = new AbortController();
    setResult({ state: 'loading' });
    load(ctl.signal).then(
      (data) => { if (!ctl.signal.aborted) setResult({ state: 'done', data }); },
      (error: unknown) => { if (!ctl.signal.aborted) setResult({ state: 'error', error }); },
    );
    return () => ctl.abort();
    // `load` is rebuilt every render; `key` names what it loads.
  }, [key, tokenTick]);
  return result;
}

export function Section({ title, count, children, id }: { title: string; count?: number; children: ReactNode; id?: string }) {
  return (
    <section id={id}>
      <h2>{title}{count !== undefined ? <span className="count">{count}</span> : null}</h2>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted">{children}</p>;
}
