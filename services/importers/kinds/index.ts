/** Importer kinds by name; adding a kind is one file and one line here. */
import type { ImporterKind } from '../config.js';
import type { ImporterKindRunner } from '../entry.js';
import { csafEntries } from './csaf.js';
import { cve5Entries } from './cve5.js';
import { osvEntries } from './osv.js';
import { sbomDirEntries } from './sbom-dir.js';

export const KIND_RUNNERS: Record<ImporterKind, ImporterKindRunner> = {
  osv: osvEntries,
  csaf: csafEntries,
  cve5: cve5Entries,
  'sbom-dir': sbomDirEntries,
};
