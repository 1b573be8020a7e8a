export * from './nodes.js';
export * from './edges.js';
export * from './batch.js';
