import type { CypherDialect } from '../dialect.js';

export const neo4jDialect: CypherDialect = {
  engine: 'neo4j',
  label: (v) => `labels(${v})[0]`,
  shortestPathsFrom: (p, from, rels, direction, maxDepth, to, toLabel) => {
    const target = toLabel ? `${to}:${toLabel}` : to;
    // Neo4j 5 GQL shortest: one shortest path per (from, to) partition.
    return direction === 'out'
      ? `MATCH ${p} = SHORTEST 1 (${from})-[:${rels}]->{1,${maxDepth}}(${target})`
      : `MATCH ${p} = SHORTEST 1 (${from})<-[:${rels}]-{1,${maxDepth}}(${target})`;
  },
  pathNodeKeys: (p) => `[_sg IN nodes(${p}) | _sg.key]`,
  pathNodeLabels: (p) => `[_sg IN nodes(${p}) | labels(_sg)[0]]`,
  pathRelTypes: (p) => `[_sg IN relationships(${p}) | type(_sg)]`,
  pathLength: (p) => `length(${p})`,
  shortestPathBetween: (p, a, b, rels, maxLength) => `MATCH ${p} = SHORTEST 1 (${a})-[:${rels}]-{1,${maxLength}}(${b})`,
};
