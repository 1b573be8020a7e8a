/**
 * The neighbourhood of a node as an interactive graph (cytoscape): dependents,
 * dependencies or provenance, to a chosen depth. At most MAX_DRAWN nodes are
 * drawn; the rest are folded into one node per depth and kind ("+812 packages").
 */
import { useEffect, useRef, useState } from 'react';
import cytoscape, { type ElementDefinition } from 'cytoscape';
import { gql } from '../api';
import { navigate, pageFor, to, usePlace } from '../router';
import { Empty, ErrorBox, Link, Loading, useLoad } from '../components/ui';

const MAX_DRAWN = 150;
const FETCH = 400;
const DIRECTIONS = ['dependents', 'dependencies', 'provenance'] as const;
type Direction = (typeof DIRECTIONS)[number];

const REACHED = 'totalCount edges { node { component { id kind purl name version } depth path via } }';
const QUERIES: Record<Direction, string> = {
  dependents: `query G($node: String!, $depth: Int!) { dependents(purl: $node, maxDepth: $depth, first: ${FETCH}) { components { ${REACHED} } } }`,
  dependencies: `query G($node: String!, $depth: Int!) { dependencies(purl: $node, transitive: true, maxDepth: $depth, first: ${FETCH}) { ${REACHED} } }`,
  provenance: `query G($node: String!) { provenance(of: $node) {
    target { id kind name purl } digests
    signatures { id trust signer { id kind subject keyFingerprint } }
    builds { builder buildType } materials { kind id uri } sources { repository revision }
    documents { relation document { id kind format name } } } }`,
};

interface Reached { component: { id: string; kind: string; purl: string | null; name: string | null; version: string | null }; depth: number; path: string[]; via: string[] }
interface Connection { totalCount: number; edges: Array<{ node: Reached }> }
interface Provenance {
  target: { id: string; kind: string; name: string | null; purl: string | null }; digests: string[];
  signatures: Array<{ id: string; trust: string; signer: { id: string; kind: string; subject: string | null; keyFingerprint: string | null } | null }>;
  builds: Array<{ builder: string; buildType: string | null }>; materials: Array<{ kind: string; id: string; uri: string | null }>;
  sources: Array<{ repository: string; revision: string | null }>;
  documents: Array<{ relation: string; document: { id: string; kind: string; format: string; name: string | null } }>;
}

export interface NodeData { id: string; label: string; kind: string; purl?: string; aggregate?: boolean; root?: boolean }
export interface Drawing { elements: ElementDefinition[]; drawn: number; total: number; folded: number }

const short = (s: string) => (s.length > 48 ? `${s.slice(0, 45)}…` : s);
const KIND_NAMES: Record<string, string> = { PACKAGE_VERSION: 'packages', MODEL: 'models', DATASET: 'datasets', ARTIFACT: 'artifacts' };

/** Reached components as nodes and path edges, folding what does not fit into per-depth, per-kind aggregates. */
export function drawReach(start: string, conn: Connection, direction: 'dependents' | 'dependencies'): Drawing {
  const nodes = new Map<string, NodeData>([[start, { id: start, label: short(start), kind: 'root', root: true }]]);
  const edges = new Map<string, ElementDefinition>();
  const sorted = [...conn.edges.map((e) => e.node)].sort((a, b) => a.depth - b.depth);
  const folded = new Map<string, { depth: number; kind: string; count: number; parent: string }>();
  for (const r of sorted) {
    const path = r.path[0] === start ? r.path : [start, ...r.path];
    const fits = nodes.size < MAX_DRAWN && path.slice(0, -1).every((p) => nodes.has(p));
    if (!fits) {
      const parent = [...path].reverse().find((p) => nodes.has(p)) ?? start;
      const key = `${parent}|${r.depth}|${r.component.kind}`;
      const f = folded.get(key) ?? { depth: r.depth, kind: r.component.kind, count: 0, parent };
      f.count++;
      folded.set(key, f);
      continue;
    }
    const c = r.component;
    nodes.set(c.id, { id: c.id, label: short(c.purl ?? c.name ?? c.id), kind: c.kind, purl: c.purl ?? undefined });
    for (let i = 1; i < path.length; i++) {
      const [a, b] = direction === 'dependents' ? [path[i]!, path[i - 1]!] : [path[i - 1]!, path[i]!];
      edges.set(`${a}>${b}`, { data: { id: `${a}>${b}`, source: a, target: b, label: r.via[i - 1] ?? '' } });
    }
  }
  let foldedCount = 0;
  const aggregates: ElementDefinition[] = [];
  for (const [key, f] of folded) {
    foldedCount += f.count;
    const id = `agg:${key}`;
    aggregates.push({ data: { id, label: `+${f.count} ${KIND_NAMES[f.kind] ?? f.kind} at depth ${f.depth}`, kind: 'aggregate', aggregate: true } });
    aggregates.push({ data: { id: `${id}>e`, source: direction === 'dependents' ? id : f.parent, target: direction === 'dependents' ? f.parent : id, label: '' } });
  }
  const unloaded = conn.totalCount - conn.edges.length;
  if (unloaded > 0) {
    aggregates.push({ data: { id: 'agg:unloaded', label: `+${unloaded} more not loaded`, kind: 'aggregate', aggregate: true } });
    aggregates.push({ data: { id: 'agg:unloaded>e', source: start, target: 'agg:unloaded', label: '' } });
  }
  return {
    elements: [...[...nodes.values()].map((n) => ({ data: { ...n } })), ...edges.values(), ...aggregates],
    drawn: nodes.size, total: conn.totalCount + 1, folded: foldedCount + Math.max(unloaded, 0),
  };
}

function drawProvenance(start: string, p: Provenance): Drawing {
  const els: ElementDefinition[] = [{ data: { id: start, label: short(p.target.purl ?? p.target.name ?? p.target.id), kind: 'root', root: true } }];
  const add = (id: string, label: string, kind: string, edge: string, outward = true) => {
    if (els.some((e) => e.data.id === id)) return;
    els.push({ data: { id, label: short(label), kind } });
    els.push({ data: { id: `${start}>${id}`, source: outward ? start : id, target: outward ? id : start, label: edge } });
  };
  p.digests.forEach((d) => add(d, d, 'Artifact', 'HAS_DIGEST'));
  p.signatures.forEach((s) => add(s.id, `${s.trust} ${s.signer?.subject ?? s.signer?.keyFingerprint ?? ''}`, 'Signature', 'SIGNED_BY', false));
  p.builds.forEach((b) => add(`build:${b.builder}`, b.builder, 'Builder', 'BUILT_BY', false));
  p.materials.forEach((m) => add(m.id, m.uri ?? m.id, m.kind, 'BUILT_FROM'));
  p.sources.forEach((s) => add(`src:${s.repository}`, `${s.repository}${s.revision ? `@${s.revision.slice(0, 12)}` : ''}`, 'Source', 'FROM_SOURCE'));
  p.documents.forEach((d) => add(d.document.id, `${d.document.kind}: ${d.document.name ?? d.document.format}`, 'Document', d.relation, false));
  const n = els.filter((e) => !('source' in e.data)).length;
  return { elements: els, drawn: n, total: n, folded: 0 };
}

const STYLE = [
  { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, width: 14, height: 14, 'background-color': '#5b7db1', color: '#222', 'text-wrap': 'ellipsis', 'text-max-width': '160px' } },
  { selector: 'node[kind = "root"]', style: { 'background-color': '#d9534f', width: 22, height: 22, 'font-weight': 'bold' } },
  { selector: 'node[kind = "MODEL"], node[kind = "Model"]', style: { 'background-color': '#8e44ad', shape: 'diamond' } },
  { selector: 'node[kind = "DATASET"], node[kind = "Dataset"]', style: { 'background-color': '#16a085', shape: 'hexagon' } },
  { selector: 'node[kind = "ARTIFACT"], node[kind = "Artifact"]', style: { 'background-color': '#7f8c8d', shape: 'rectangle' } },
  { selector: 'node[kind = "Document"]', style: { 'background-color': '#e67e22', shape: 'round-rectangle' } },
  { selector: 'node[kind = "Signature"]', style: { 'background-color': '#27ae60', shape: 'star' } },
  { selector: 'node[?aggregate]', style: { 'background-color': '#ccc', shape: 'round-rectangle', width: 30, height: 18, 'font-style': 'italic' } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f1c40f' } },
  { selector: 'edge', style: { width: 1, 'line-color': '#aaa', 'target-arrow-color': '#aaa', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 7, color: '#888', 'text-rotation': 'autorotate' } },
];

export function GraphPage() {
  const { params } = usePlace();
  const node = params.get('node') ?? '';
  const direction = (DIRECTIONS as readonly string[]).includes(params.get('direction') ?? '') ? (params.get('direction') as Direction) : 'dependents';
  const depth = Math.min(Math.max(Number(params.get('depth') ?? 2) || 2, 1), 6);
  const [text, setText] = useState(node);
  useEffect(() => setText(node), [node]);
  const loaded = useLoad(`${node}|${direction}|${depth}`, async (signal): Promise<Drawing> => {
    const d = await gql<{ dependents?: { components: Connection }; dependencies?: Connection; provenance?: Provenance | null }>(QUERIES[direction], direction === 'provenance' ? { node } : { node, depth }, signal);
    if (direction === 'provenance') {
      if (!d.provenance) return { elements: [], drawn: 0, total: 0, folded: 0 };
      return drawProvenance(node, d.provenance);
    }
    return drawReach(node, direction === 'dependents' ? d.dependents!.components : d.dependencies!, direction);
  });
  const go = (extra: Partial<{ node: string; direction: string; depth: number }>) => navigate(to.graph(extra.node ?? node, extra.direction ?? direction, extra.depth ?? depth));

  return (
    <div>
      <h1>Graph</h1>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); go({ node: text.trim() }); }}>
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="purl, model, digest…" aria-label="node" className="wide" />
        {DIRECTIONS.map((d) => <label key={d}><input type="radio" name="direction" checked={direction === d} onChange={() => go({ direction: d })} /> {d}</label>)}
        <label>Depth <select value={depth} disabled={direction === 'provenance'} onChange={(e) => go({ depth: Number(e.target.value) })} aria-label="depth">{[1, 2, 3, 4, 5, 6].map((n) => <option key={n} value={n}>{n}</option>)}</select></label>
        <button type="submit">Show</button>
      </form>
      {!node ? <Empty>Name a node to see its neighbourhood.</Empty> : null}
      {node && loaded.state === 'loading' ? <Loading /> : null}
      {node && loaded.state === 'error' ? <ErrorBox error={loaded.error} /> : null}
      {node && loaded.state === 'done' ? (loaded.data.elements.length <= 1 ? <Empty>Nothing to show: {node} has no {direction}.</Empty> : <Canvas drawing={loaded.data} />) : null}
    </div>
  );
}

function Canvas({ drawing }: { drawing: Drawing }) {
  const box = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<NodeData | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const root = drawing.elements.find((e) => e.data.root)?.data.id;
    const cy = cytoscape({
      container: box.current, elements: drawing.elements, style: STYLE as unknown as cytoscape.StylesheetJson,
      layout: { name: 'breadthfirst', directed: false, roots: root ? [root] : undefined, spacingFactor: 1.1, padding: 20 } as cytoscape.LayoutOptions,
      wheelSensitivity: 0.3, minZoom: 0.1, maxZoom: 3,
    });
    cy.on('tap', 'node', (evt) => setSelected(evt.target.data() as NodeData));
    cy.on('dbltap', 'node', (evt) => {
      const d = evt.target.data() as NodeData;
      const page = d.aggregate ? null : pageFor(d.kind, d.id, d.purl);
      if (page) navigate(page);
    });
    return () => cy.destroy();
  }, [drawing]);
  const page = selected && !selected.aggregate ? pageFor(selected.kind === 'root' ? 'PACKAGE_VERSION' : selected.kind, selected.id, selected.purl) : null;
  return (
    <div>
      <p className="muted small">{drawing.drawn} of {drawing.total} nodes drawn{drawing.folded ? `, ${drawing.folded} folded into grey aggregate nodes` : ''}. Click a node for details, double-click to open its page; scroll to zoom.</p>
      <div ref={box} className="cy" data-nodes={drawing.drawn} aria-label="graph" />
      {selected ? (
        <div className="selected">
          <strong className="mono">{selected.id}</strong> <span className="muted">{selected.kind}</span>
          {page ? <> · <Link href={page}>open page</Link></> : null}
          {!selected.aggregate && !selected.root ? <> · <Link href={to.graph(selected.purl ?? selected.id)}>centre the graph here</Link></> : null}
        </div>
      ) : null}
    </div>
  );
}
