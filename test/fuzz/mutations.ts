/**
 * Mutations of seed documents, as fast-check arbitraries: byte-level edits
 * (flips, inserted structural characters, deletions, duplications, cuts) and,
 * for JSON seeds, edits of the parsed tree (a value replaced by arbitrary JSON,
 * deleted, wrapped, repeated, or turned into a string).
 */
import fc from 'fast-check';

export type ByteMutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number };

const TOKENS = ['{', '[', '"', '\\', ']', '}', ',', ':', '<', '>', '</x>', '<!--', '<![CDATA[', 'null', '1e999', '-0', '\uFFFF', '\u0000',
  '&amp;', '&#0;', '\n', 'SPDXID: ', 'Relationship: ', '- ', '*', '"__proto__":', '"constructor":', '"bom-ref":', '"ref":', '\t\t', 'pkg:', '%'];

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.constantFrom(...TOKENS).map((t) => new Uint8Array(Buffer.from(t))) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 256 }), times: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function applyBytes(seed: Uint8Array, mutations: readonly ByteMutation[]): Buffer {
  let b = Buffer.from(seed);
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    switch (m.kind) {
      case 'flip':
        if (b.length > 0) b[at % b.length] = m.value;
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
        break;
      case 'duplicate': {
        const part = b.subarray(at, at + m.length);
        b = Buffer.concat([b.subarray(0, at), ...Array.from({ length: m.times + 1 }, () => part), b.subarray(at + m.length)]);
        break;
      }
      case 'truncate':
        b = b.subarray(0, at);
        break;
    }
  }
  return b;
}

export interface TreeMutation {
  pick: number;
  kind: 'replace' | 'delete' | 'wrap' | 'repeat' | 'stringify';
  value: unknown;
  times: number;
}

export const treeMutation: fc.Arbitrary<TreeMutation> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('replace' as const, 'delete' as const, 'wrap' as const, 'repeat' as const, 'stringify' as const),
  value: fc.jsonValue({ maxDepth: 3 }),
  times: fc.integer({ min: 1, max: 200 }),
});

type Container = Record<string, unknown> | unknown[];

/** Applies tree mutations to a copy of `json`; each picks a slot (parent, key) among all slots in the tree. */
export function applyTree(json: unknown, mutations: readonly TreeMutation[]): Buffer {
  const root: { v: unknown } = { v: structuredClone(json) };
  for (const m of mutations) {
    const slots: Array<[Container, string | number]> = [[root as unknown as Container, 'v']];
    const stack: unknown[] = [root.v];
    while (stack.length > 0) {
      const x = stack.pop();
      if (Array.isArray(x)) x.forEach((v, i) => { slots.push([x, i]); stack.push(v); });
      else if (typeof x === 'object' && x !== null) for (const [k, v] of Object.entries(x)) { slots.push([x as Record<string, unknown>, k]); stack.push(v); }
    }
    const [parent, key] = slots[m.pick % slots.length]!;
    const get = (): unknown => (parent as Record<string | number, unknown>)[key];
    const set = (v: unknown): void => { (parent as Record<string | number, unknown>)[key] = v; };
    switch (m.kind) {
      case 'replace':
        set(structuredClone(m.value));
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else if (parent !== (root as unknown)) delete (parent as Record<string, unknown>)[key as string];
        break;
      case 'wrap':
        set(m.times % 2 ? [get()] : { wrapped: get() });
        break;
      case 'repeat':
        if (Array.isArray(parent)) parent.push(...Array.from({ length: m.times }, () => structuredClone(get())));
        else set(Array.from({ length: Math.min(m.times, 20) }, () => structuredClone(get())));
        break;
      case 'stringify':
        set(JSON.stringify(get()) ?? null);
        break;
    }
  }
  return Buffer.from(JSON.stringify(root.v) ?? 'null');
}
