/**
 * The intermediate model both SPDX 2 syntaxes (JSON and tag-value) are read
 * into; ./map.ts turns it into an OntologyBatch, so the two syntaxes cannot
 * drift apart in what they mean. Every element keeps `at`: a JSON pointer or
 * `line N`, for warnings.
 */
import type { IngestWarning } from '../../schema/ontology/batch.js';
import type { SpdxChecksum } from '../common/spdx.js';

export interface Spdx2ExternalRef {
  category: string;
  type: string;
  locator: string;
}

export interface Spdx2Package {
  spdxId: string;
  name: string | null;
  version: string | null;
  /** "Organization: X" / "Person: Y"; read but not mapped (the ontology has no supplier). */
  supplier: string | null;
  originator: string | null;
  downloadLocation: string | null;
  checksums: SpdxChecksum[];
  externalRefs: Spdx2ExternalRef[];
  licenseConcluded: string | null;
  licenseDeclared: string | null;
  /** SPDX 2.3 `primaryPackagePurpose` as written (`OPERATING-SYSTEM`). */
  primaryPackagePurpose: string | null;
  /** File SPDXIDs the package contains (JSON `hasFiles`; tag-value: files that follow the package). */
  hasFiles: Array<{ ref: string; at: string }>;
  at: string;
}

export interface Spdx2File {
  spdxId: string;
  fileName: string | null;
  checksums: SpdxChecksum[];
  licenseConcluded: string | null;
  at: string;
}

export interface Spdx2Relationship {
  from: string;
  /** Upper case, as SPDX 2 spells it (`DEPENDS_ON`). */
  type: string;
  to: string;
  at: string;
}

export interface Spdx2ExternalDocumentRef {
  /** `DocumentRef-…` */
  id: string;
  namespace: string | null;
}

export interface Spdx2Document {
  /** `SPDX-2.3` as written. */
  spdxVersion: string;
  spdxId: string;
  name: string | null;
  namespace: string | null;
  created: string | null;
  creators: string[];
  /** `documentDescribes` (JSON) — tag-value expresses this with DESCRIBES relationships. */
  describes: Array<{ ref: string; at: string }>;
  externalDocumentRefs: Spdx2ExternalDocumentRef[];
  packages: Spdx2Package[];
  files: Spdx2File[];
  /** Ids of other declared elements (snippets): known, but without a graph node. */
  otherElementIds: string[];
  relationships: Spdx2Relationship[];
  /** Problems the reader found and tolerated; the mapper adds them to the batch first. */
  warnings: IngestWarning[];
}

/** `SPDX-2.3` → `2.3`. */
export function specVersionOf(spdxVersion: string): string {
  return spdxVersion.replace(/^SPDX-/i, '');
}
