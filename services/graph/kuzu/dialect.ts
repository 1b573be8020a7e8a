import type { CypherDialect } from '../dialect.js';

export const kuzuDialect: CypherDialect = {
  engine: 'kuzu',
  label: (v) => `label(${v})`,
  relType: (r) => `label(${r})`,
  reachablePaths: (p, from, rels, direction, maxDepth, to) => (direction === 'out'
    ? `MATCH ${p} = (${from})-[:${rels}* SHORTEST 1..${maxDepth}]->(${to})`
    : `MATCH ${p} = (${from})<-[:${rels}* SHORTEST 1..${maxDepth}]-(${to})`),
  pathNodeKeys: (p) => `properties(nodes(${p}), 'key')`,
  pathNodeLabels: (p) => `list_transform(nodes(${p}), _sg -> label(_sg))`,
  pathRelTypes: (p) => `list_transform(rels(${p}), _sg -> label(_sg))`,
  pathLength: (p) => `length(${p})`,
  shortestPathBetween: (p, a, b, rels, maxLength) => `MATCH ${p} = (${a})-[:${rels}* SHORTEST 1..${maxLength}]-(${b})`,
};
