import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
const text = readFileSync('/tmp/cdxbench/s16.xml', 'utf8');
const base = { ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, trimValues: true, processEntities: true, htmlEntities: false, ignoreDeclaration: true, ignorePiTags: true, maxNestedTags: 512 };
for (const [name, extra] of [['base', {}], ['jPath false', { jPath: false }], ['stopNodes', { stopNodes: ['*.properties', '*.description', '*.evidence'] }], ['processEntities false', { processEntities: false }], ['no removeNS', { removeNSPrefix: false }]] as const) {
  try {
  const p = new XMLParser({ ...base, ...extra });
  const t = performance.now(); p.parse(text); console.log(name, Math.round(performance.now() - t));
  } catch (e) { console.log(name, (e as Error).message) }
}
