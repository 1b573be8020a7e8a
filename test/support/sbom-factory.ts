/**
 * Builds CycloneDX JSON documents for tests: the project's own tests make
 * their inputs rather than reading ../shared.
 */
export interface GeneratedComponent {
  ref?: string;
  name: string;
  version?: string;
  purl?: string;
  type?: string;
  group?: string;
  hashes?: Array<{ alg: string; content: string }>;
  licenses?: Array<{ license: { id?: string; name?: string } } | { expression: string }>;
  components?: GeneratedComponent[];
  externalReferences?: Array<{ type: string; url: string }>;
  modelCard?: unknown;
}

export interface GeneratedBom {
  subject?: GeneratedComponent;
  components: GeneratedComponent[];
  dependencies?: Array<{ ref: string; dependsOn?: string[]; provides?: string[] }>;
  specVersion?: string;
  serial?: string;
}

export function cyclonedx(bom: GeneratedBom): Record<string, unknown> {
  const toJson = (c: GeneratedComponent): Record<string, unknown> => ({
    type: c.type ?? 'library',
    'bom-ref': c.ref ?? c.purl ?? c.name,
    ...(c.group ? { group: c.group } : {}),
    name: c.name,
    ...(c.version ? { version: c.version } : {}),
    ...(c.purl ? { purl: c.purl } : {}),
    ...(c.hashes ? { hashes: c.hashes } : {}),
    ...(c.licenses ? { licenses: c.licenses } : {}),
    ...(c.externalReferences ? { externalReferences: c.externalReferences } : {}),
    ...(c.modelCard ? { modelCard: c.modelCard } : {}),
    ...(c.components ? { components: c.components.map(toJson) } : {}),
  });
  return {
    bomFormat: 'CycloneDX',
    specVersion: bom.specVersion ?? '1.5',
    serialNumber: bom.serial ?? `urn:uuid:${crypto.randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: '2026-01-01T00:00:00Z',
      ...(bom.subject ? { component: toJson(bom.subject) } : {}),
    },
    components: bom.components.map(toJson),
    ...(bom.dependencies ? { dependencies: bom.dependencies } : {}),
  };
}

export function npm(name: string, version: string): GeneratedComponent {
  return { name, version, purl: `pkg:npm/${name}@${version}`, ref: `pkg:npm/${name}@${version}` };
}

/** An application SBOM: app → direct deps, with a shared library under both. */
export function appSbom(app: string, deps: Array<[string, string]>, shared: [string, string] | null): Record<string, unknown> {
  const subject = { name: app, version: '1.0.0', purl: `pkg:npm/${app}@1.0.0`, ref: 'app', type: 'application' };
  const comps = deps.map(([n, v]) => npm(n, v));
  if (shared) comps.push(npm(shared[0], shared[1]));
  return cyclonedx({
    subject,
    components: comps,
    dependencies: [
      { ref: 'app', dependsOn: deps.map(([n, v]) => `pkg:npm/${n}@${v}`) },
      ...deps.map(([n, v]) => ({ ref: `pkg:npm/${n}@${v}`, dependsOn: shared ? [`pkg:npm/${shared[0]}@${shared[1]}`] : [] })),
    ],
  });
}

/** An SBOM of `count` components drawn from a shared universe, with a dependency chain. */
export function universeSbom(name: string, count: number, universe: number, seed: number): Record<string, unknown> {
  // xorshift32: deterministic per seed, and exact in JS numbers (no precision loss, no short cycles).
  const picked = new Set<number>();
  let x = (seed * 0x9e3779b1) >>> 0 || 1;
  while (picked.size < Math.min(count, universe)) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    picked.add(x % universe);
  }
  const comps = [...picked].sort((a, b) => a - b).map((i) => npm(`u${i}`, `1.${i % 7}.0`));
  const deps = comps.slice(1).map((c, i) => ({ ref: comps[i]!.ref!, dependsOn: [c.ref!] }));
  return cyclonedx({ subject: { name, version: '1.0.0', purl: `pkg:npm/${name}@1.0.0`, ref: 'root', type: 'application' }, components: comps, dependencies: [{ ref: 'root', dependsOn: comps.slice(0, 3).map((c) => c.ref!) }, ...deps] });
}
