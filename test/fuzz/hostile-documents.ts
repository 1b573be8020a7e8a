/**
 * Every input that ever broke the service, generated rather than committed:
 * regression tests (test/fuzz/regressions.test.ts) and the isolation e2e
 * (test/e2e/parse-isolation.test.ts) replay them.
 */
import { XZ_BOMB_16M } from './compressed-samples.js';

/** Issue 19's probe: `depth` levels of nested CycloneDX components (100,000 → 4.5 MB), no bom-refs. */
export function nestedComponents(depth: number): Buffer {
  return Buffer.from('{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[' +
    '{"type":"library","name":"x","components":['.repeat(depth) + ']}'.repeat(depth) + ']}');
}

/** CycloneDX XML with `depth` nested <component> elements. */
export function nestedXmlComponents(depth: number): Buffer {
  return Buffer.from('<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components>' +
    '<component type="library"><name>x</name><components>'.repeat(depth) + '</components></component>'.repeat(depth) + '</components></bom>');
}

/** An OSV record in YAML whose `affected` is `depth` nested flow sequences. */
export function nestedYaml(depth: number): Buffer {
  return Buffer.from(`id: PYSEC-0000-1\nmodified: 2026-01-01T00:00:00Z\naffected: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
}

/**
 * A zstd frame of RLE blocks (128 KiB of spaces each, no declared size):
 * `bytes` of output from 4 bytes per 128 KiB, so 1 GiB from 32 KiB.
 */
export function zstdBomb(bytes: number): Buffer {
  const block = 128 * 1024;
  const count = Math.ceil(bytes / block);
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (17 - 10) << 3])];
  for (let i = 0; i < count; i++) {
    const h = (i === count - 1 ? 1 : 0) | (1 << 1) | (block << 3);
    parts.push(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, 0x20]));
  }
  return Buffer.concat(parts);
}

/** `copies` xz streams of 16 MiB of zeros back to back (2.5 KB each): 64 copies expand to 1 GiB. */
export function xzBomb(copies: number): Buffer {
  const one = Buffer.from(XZ_BOMB_16M, 'base64');
  return Buffer.concat(Array.from({ length: copies }, () => one));
}

/** A CycloneDX document whose component name is Latin-1 ("café", "naïve"): not UTF-8. */
export function latin1Document(): Buffer {
  return Buffer.from('{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{"type":"library","name":"caf\u00e9","version":"1","purl":"pkg:npm/cafe@1"},{"type":"library","name":"na\u00efve","version":"1"}]}', 'latin1');
}

/**
 * SPDX 3: a model containing a chain of `length` files, each file `trainedOn` a
 * dataset. Attributing each trainedOn to the enclosing model once walked the
 * chain per relationship: 20,000 levels took over ten minutes.
 */
export function spdx3ContainsChain(length: number): Buffer {
  const graph: unknown[] = [
    { type: 'CreationInfo', '@id': '_:ci', specVersion: '3.0.1', created: '2026-01-01T00:00:00Z', createdBy: ['https://example.com/tool'] },
    { type: 'SpdxDocument', spdxId: 'https://example.com/doc', creationInfo: '_:ci', rootElement: ['https://example.com/model'] },
    { type: 'ai_AIPackage', spdxId: 'https://example.com/model', creationInfo: '_:ci', name: 'model', software_packageVersion: '1' },
    { type: 'dataset_DatasetPackage', spdxId: 'https://example.com/data', creationInfo: '_:ci', name: 'data', software_packageVersion: '1' },
  ];
  let parent = 'https://example.com/model';
  for (let i = 0; i < length; i++) {
    const file = `https://example.com/f${i}`;
    graph.push({ type: 'software_File', spdxId: file, creationInfo: '_:ci', name: `f${i}` });
    graph.push({ type: 'Relationship', spdxId: `https://example.com/c${i}`, creationInfo: '_:ci', from: parent, relationshipType: 'contains', to: [file] });
    graph.push({ type: 'Relationship', spdxId: `https://example.com/t${i}`, creationInfo: '_:ci', from: file, relationshipType: 'trainedOn', to: ['https://example.com/data'] });
    parent = file;
  }
  return Buffer.from(JSON.stringify({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': graph }));
}
