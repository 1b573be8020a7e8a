/** One path drawn left to right: nodes as boxes, the edge kind on each arrow. */
import { Fragment } from 'react';
import { NodeLink } from './ui';

export interface PathNode { id: string; kind: string; name?: string | null; purl?: string | null }

export function PathChain({ nodes, edges }: { nodes: PathNode[]; edges: string[] }) {
  return (
    <div className="path" role="list" aria-label="path">
      {nodes.map((n, i) => (
        <Fragment key={`${n.id}-${i}`}>
          {i > 0 ? <span className="edge" aria-hidden="true">{edges[i - 1] ?? ''} →</span> : null}
          <span className={`pnode pnode-${n.kind.toLowerCase()}`} role="listitem"><small>{n.kind}</small> <NodeLink node={n} /></span>
        </Fragment>
      ))}
    </div>
  );
}
