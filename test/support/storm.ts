/**
 * A multi-document corpus for crash and soak tests: SBOMs over a shared package
 * universe (so nodes are shared and re-asserted), advisories about some of those
 * packages, and later versions of some advisories (properties and matches are
 * replaced: the in-place updates the embedded engine once corrupted).
 */
import { universeSbom } from './sbom-factory.js';

export interface StormDocument {
  name: string;
  body: string;
}

export function stormCorpus(options: { sboms: number; componentsPerSbom: number; advisories: number; updates: number }): StormDocument[] {
  const docs: StormDocument[] = [];
  const universe = options.componentsPerSbom * 4;
  for (let i = 0; i < options.sboms; i++) {
    docs.push({ name: `svc-${i}.cdx.json`, body: JSON.stringify(universeSbom(`svc-${i}`, options.componentsPerSbom, universe, i + 1)) });
  }
  const advisory = (k: number, modified: string, fixed: string): StormDocument => ({
    name: `GHSA-storm-${k}-${modified.slice(0, 10)}.osv.json`,
    body: JSON.stringify({
      schema_version: '1.6.0', id: `GHSA-storm-${String(k).padStart(4, '0')}`, aliases: [`CVE-2099-${String(9000 + k)}`],
      published: `2099-01-${String((k % 27) + 1).padStart(2, '0')}T00:00:00Z`, modified,
      summary: `storm advisory ${k} (${modified})`,
      affected: [{ package: { ecosystem: 'npm', name: `u${(k * 37) % universe}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }],
    }),
  });
  for (let k = 0; k < options.advisories; k++) docs.push(advisory(k, '2099-02-01T00:00:00Z', '1.3.0'));
  for (let k = 0; k < options.updates; k++) docs.push(advisory(k, '2099-03-01T00:00:00Z', '1.5.0'));
  return docs;
}

/** Deterministic pseudo-random numbers (mulberry32); the seed is printed so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
