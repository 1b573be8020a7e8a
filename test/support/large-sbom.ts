/**
 * A large CycloneDX SBOM of about 1.35 kB per component (hashes, licence, references,
 * three dependencies each), for the large-document tests and bench/large-document.ts.
 */
/** Generated as text in pieces: the document itself must not be built as one object graph here. */
export function largeSbom(components: number): Buffer {
  const parts: string[] = ['{"bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":"urn:uuid:00000000-0000-4000-8000-000000000100","version":1,',
    '"metadata":{"timestamp":"2026-01-01T00:00:00Z","component":{"type":"application","bom-ref":"root","name":"monolith","version":"1.0.0","purl":"pkg:npm/monolith@1.0.0"}},"components":['];
  for (let i = 0; i < components; i++) {
    const name = `package-number-${i}-with-a-longish-name`;
    parts.push(`${i ? ',' : ''}{"type":"library","bom-ref":"c${i}","group":"org.example.group${i % 97}","name":"${name}","version":"${1 + (i % 9)}.${i % 13}.${i % 7}",` +
      `"purl":"pkg:maven/org.example.group${i % 97}/${name}@${1 + (i % 9)}.${i % 13}.${i % 7}?type=jar",` +
      `"description":"Generated component ${i} for the large-document benchmark; the text pads it to a realistic size for SBOMs produced by build plugins.",` +
      `"hashes":[{"alg":"SHA-256","content":"${(i.toString(16).padStart(8, '0')).repeat(8)}"},{"alg":"SHA-1","content":"${(i.toString(16).padStart(8, '0')).repeat(5)}"}],` +
      `"licenses":[{"license":{"id":"${['Apache-2.0', 'MIT', 'BSD-3-Clause', 'EPL-2.0'][i % 4]}"}}],` +
      `"externalReferences":[{"type":"website","url":"https://example.com/${name}"},{"type":"vcs","url":"https://github.com/example/${name}.git"}]}`);
  }
  parts.push('],"dependencies":[');
  parts.push(`{"ref":"root","dependsOn":[${Array.from({ length: Math.min(components, 50) }, (_, i) => `"c${i}"`).join(',')}]}`);
  for (let i = 0; i < components; i++) {
    const deps = [1, 2, 3].map((d) => (i * 7 + d * 13) % components).filter((j) => j !== i);
    parts.push(`,{"ref":"c${i}","dependsOn":[${deps.map((j) => `"c${j}"`).join(',')}]}`);
  }
  parts.push(']}');
  return Buffer.from(parts.join(''));
}

