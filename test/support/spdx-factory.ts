/** SPDX 2.3 JSON documents built in tests, shaped like the ones other tools write. */

export interface SpdxPackage { id: string; name: string; version?: string; refs?: Array<[string, string, string]> }

/** A minimal SPDX 2.3 JSON document as syft and Red Hat write them (no documentDescribes unless given). */
export function spdx(name: string, packages: SpdxPackage[], relationships: Array<[string, string, string]> = []): Record<string, unknown> {
  return {
    spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name,
    documentNamespace: `https://example.com/spdx/${name}-${crypto.randomUUID()}`,
    creationInfo: { created: '2024-01-02T03:04:05Z', creators: ['Tool: supplygraph-test'] },
    packages: packages.map((p) => ({
      SPDXID: p.id, name: p.name, ...(p.version ? { versionInfo: p.version } : {}), downloadLocation: 'NOASSERTION',
      externalRefs: (p.refs ?? []).map(([referenceCategory, referenceType, referenceLocator]) => ({ referenceCategory, referenceType, referenceLocator })),
    })),
    relationships: relationships.map(([spdxElementId, relationshipType, relatedSpdxElement]) => ({ spdxElementId, relationshipType, relatedSpdxElement })),
  };
}
