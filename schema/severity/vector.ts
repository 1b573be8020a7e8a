/**
 * Shared parsing of CVSS vector strings (`M:V/M:V/…`): every metric once, every
 * value one the spec allows, every mandatory base metric present. Anything else
 * is an invalid vector, reported with the reason and never scored.
 */

export type VectorCheck = { ok: true; metrics: ReadonlyMap<string, string> } | { ok: false; reason: string };

export function parseMetrics(body: string, allowed: Readonly<Record<string, readonly string[]>>, mandatory: readonly string[]): VectorCheck {
  if (body === '') return { ok: false, reason: 'the vector has no metrics' };
  const metrics = new Map<string, string>();
  for (const part of body.split('/')) {
    const i = part.indexOf(':');
    if (i <= 0) return { ok: false, reason: `"${part}" is not a metric:value pair` };
    const name = part.slice(0, i);
    const value = part.slice(i + 1);
    const values = allowed[name];
    if (!values) return { ok: false, reason: `unknown metric "${name}"` };
    if (!values.includes(value)) return { ok: false, reason: `metric ${name} cannot be "${value}" (one of ${values.join(', ')})` };
    if (metrics.has(name)) return { ok: false, reason: `metric ${name} is given twice` };
    metrics.set(name, value);
  }
  const missing = mandatory.filter((m) => !metrics.has(m));
  if (missing.length > 0) return { ok: false, reason: `base metric(s) ${missing.join(', ')} missing` };
  return { ok: true, metrics };
}
