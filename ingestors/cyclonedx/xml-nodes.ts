/**
 * Reading fast-xml-parser's output for CycloneDX XML. The parser maps one
 * element to a string, an object or an array depending on how often it occurs
 * and whether it has attributes or children; these helpers read all three
 * shapes, so the readers (xml.ts for the inventory, xml-vulnerabilities.ts for
 * VEX) never depend on how many times an element happens to occur.
 */

export type XmlNode = Record<string, unknown>;

export function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

export function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** An element as an object: text-only elements become `{ '#text': … }`. */
export function node(v: unknown): XmlNode | null {
  const f = first(v);
  if (isNode(f)) return f;
  if (typeof f === 'string') return { '#text': f };
  return null;
}

/** Every occurrence of an element, in document order, so positions match the document's. */
export function nodes(v: unknown): XmlNode[] {
  const out: XmlNode[] = [];
  for (const x of list(v)) {
    if (isNode(x)) out.push(x);
    else if (typeof x === 'string') out.push({ '#text': x });
  }
  return out;
}

export function text1(v: unknown): string | null {
  const f = first(v);
  const s = typeof f === 'string' ? f : isNode(f) ? f['#text'] : typeof f === 'number' ? String(f) : null;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
}

export function attr(o: XmlNode, name: string): string | null {
  return text1(o[`@_${name}`]);
}

/** Does the element have child elements (not only text and attributes)? */
export function hasChildElements(o: XmlNode): boolean {
  return Object.keys(o).some((k) => k !== '#text' && !k.startsWith('@_'));
}
