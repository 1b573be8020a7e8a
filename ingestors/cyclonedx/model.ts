/**
 * The format-neutral shape of a CycloneDX BOM, as far as the ontology needs it.
 * The JSON reader (json.ts) and the XML reader (xml.ts) each turn their
 * document into a CdxBom; mapper.ts turns a CdxBom into an OntologyBatch, so
 * the same BOM in JSON and in XML yields the same nodes and edges.
 *
 * Only the fields that are mapped are carried; everything else in the document
 * (descriptions, properties, services, tools, evidence…) is dropped by the
 * readers. Vulnerabilities are not part of this model: they go to the VEX
 * reading (with-vex.ts). docs/formats.md lists what is mapped and ignored.
 */

export type CdxFormat = 'cyclonedx-json' | 'cyclonedx-xml';

export interface CdxHash {
  alg: string | null;
  content: string | null;
}

export interface CdxLicense {
  id: string | null;
  name: string | null;
  expression: string | null;
  /** CycloneDX 1.6 `acknowledgement`: declared | concluded. */
  acknowledgement: string | null;
}

export interface CdxExternalReference {
  type: string | null;
  url: string | null;
}

/** One entry of `modelCard.modelParameters.datasets`: a ref to a data component, or an inline dataset. */
export interface CdxDataset {
  ref: string | null;
  bomRef: string | null;
  name: string | null;
  version: string | null;
  purl: string | null;
  at: string;
}

export interface CdxComponent {
  /** Where the component is, in the document's own terms: a JSON pointer or an XPath. */
  at: string;
  /**
   * JSON-pointer-style position (`/components/3/components/0`) whatever the syntax,
   * used as the local id of components without a bom-ref so JSON and XML agree.
   */
  path: string;
  type: string | null;
  bomRef: string | null;
  name: string | null;
  group: string | null;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  scope: string | null;
  hashes: CdxHash[];
  licenses: CdxLicense[];
  externalReferences: CdxExternalReference[];
  /** `modelCard.modelParameters.datasets`, null when there is no model card. */
  datasets: CdxDataset[] | null;
  /** Nested components (whole → part). */
  components: CdxComponent[];
  /** `pedigree.ancestors`, `pedigree.descendants`, `pedigree.variants`. */
  ancestors: CdxComponent[];
  descendants: CdxComponent[];
  variants: CdxComponent[];
}

export interface CdxDependency {
  ref: string | null;
  dependsOn: Array<string | null>;
  provides: Array<string | null>;
  at: string;
}

/** Says where sub-items are, for warnings, without building a string per item up front. */
export interface CdxLocator {
  hash(componentAt: string, index: number): string;
  dependsOn(dependencyAt: string, index: number): string;
  provides(dependencyAt: string, index: number): string;
}

export interface CdxBom {
  format: CdxFormat;
  specVersion: string;
  /** Where the spec version was read from (`/specVersion` or the XML namespace). */
  specVersionAt: string;
  serialNumber: string | null;
  version: number | null;
  timestamp: string | null;
  /** `metadata.component`: what the BOM describes. */
  subject: CdxComponent | null;
  components: CdxComponent[];
  dependencies: CdxDependency[];
  locate: CdxLocator;
}

export function emptyComponent(at: string, path: string): CdxComponent {
  return {
    at, path, type: null, bomRef: null, name: null, group: null, version: null, purl: null, cpe: null, scope: null,
    hashes: [], licenses: [], externalReferences: [], datasets: null,
    components: [], ancestors: [], descendants: [], variants: [],
  };
}
