/**
 * SPDX 2.x tag-value → the SPDX 2 model (./model.ts) → OntologyBatch (./map.ts).
 *
 * One pass over the lines, no regular expressions over the whole text. A
 * `Tag: value` line belongs to the section opened last (PackageName, FileName,
 * SnippetSPDXID, LicenseID, Annotator, Reviewer); `<text>…</text>` values may
 * span lines. As the tag-value format defines, files that follow a package
 * belong to it (they become its `hasFiles`). Problems name the line: a
 * malformed or misplaced line is a warning; a Relationship that is not
 * `<id> <TYPE> <id>`, an element without SPDXID, an unterminated `<text>` or a
 * missing SPDXVersion fails the document.
 */
import type { IngestWarning, OntologyBatch } from '../../schema/ontology/batch.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import type { SpdxChecksum } from '../common/spdx.js';
import { mapSpdx2, type Spdx2MapResult } from './map.js';
import type { Spdx2Document, Spdx2ExternalDocumentRef, Spdx2File, Spdx2Package, Spdx2Relationship } from './model.js';

export const spdx2TagValueParser: DocumentParser = {
  format: 'spdx2-tag-value',
  kind: 'sbom',
  detect: (input) => input.text !== null && looksLikeSpdx2TagValue(input.text),
  parse: parseSpdx2TagValue,
};

export function parseSpdx2TagValue(input: DocumentInput): OntologyBatch {
  return mapSpdx2TagValue(input).batch;
}

export function mapSpdx2TagValue(input: DocumentInput): Spdx2MapResult {
  const text = input.text ?? input.bytes.toString('utf8');
  return mapSpdx2(readSpdx2TagValue(text), input, 'spdx2-tag-value');
}

const TAG = /^[A-Za-z][A-Za-z0-9_-]*$/;
const VERSION_LINE = /^[ \t]*SPDXVersion[ \t]*:[ \t]*SPDX-2\./m;

/** The first meaningful line is a `Tag: value` line, and some line says `SPDXVersion: SPDX-2.…`. */
export function looksLikeSpdx2TagValue(text: string): boolean {
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end).trim();
    pos = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0 || !TAG.test(line.slice(0, colon).trim())) return false;
    break;
  }
  return VERSION_LINE.test(text);
}

type Section = 'document' | 'package' | 'file' | 'snippet' | 'license' | 'annotation' | 'review';

interface PendingFile {
  file: Spdx2File;
  owner: Spdx2Package | null;
}

export function readSpdx2TagValue(text: string): Spdx2Document {
  const warnings: IngestWarning[] = [];
  const warn = (code: string, message: string, line: number): void => { warnings.push({ code, message, at: `line ${line}` }); };
  let spdxVersion: string | null = null;
  let docId: string | null = null;
  let name: string | null = null;
  let namespace: string | null = null;
  let created: string | null = null;
  const creators: string[] = [];
  const externalDocumentRefs: Spdx2ExternalDocumentRef[] = [];
  const packages: Spdx2Package[] = [];
  const pendingFiles: PendingFile[] = [];
  const otherElementIds: string[] = [];
  const relationships: Spdx2Relationship[] = [];
  let section: Section = 'document';
  let pkg: Spdx2Package | null = null;
  let file: Spdx2File | null = null;

  const needPackage = (tag: string, line: number): Spdx2Package | null => {
    if (pkg === null) warn('MISPLACED_TAG', `${tag} outside a package (no PackageName before it); ignored`, line);
    return pkg;
  };
  const needFile = (tag: string, line: number): Spdx2File | null => {
    if (section !== 'file' || file === null) {
      warn('MISPLACED_TAG', `${tag} outside a file section; ignored`, line);
      return null;
    }
    return file;
  };

  const handle = (tag: string, value: string, line: number): void => {
    const at = `line ${line}`;
    switch (tag) {
      case 'SPDXVersion': spdxVersion = value; return;
      case 'DocumentName': name = value || null; return;
      case 'DocumentNamespace': namespace = value || null; return;
      case 'Creator': if (value) creators.push(value); return;
      case 'Created': created = value || null; return;
      case 'ExternalDocumentRef': {
        const [id, ns] = value.split(/\s+/);
        if (id) externalDocumentRefs.push({ id, namespace: ns ?? null });
        else warn('INVALID_FIELD', 'ExternalDocumentRef without an id; ignored', line);
        return;
      }
      case 'SPDXID':
        if (section === 'document') {
          if (docId !== null) warn('MISPLACED_TAG', 'a second document SPDXID; ignored', line);
          else docId = value;
        } else if (section === 'package' && pkg) {
          pkg.spdxId = value;
        } else if (section === 'file' && file) {
          file.spdxId = value;
        } else {
          warn('MISPLACED_TAG', `SPDXID in a ${section} section; ignored`, line);
        }
        return;
      case 'PackageName':
        pkg = {
          spdxId: '', name: value || null, version: null, supplier: null, originator: null, downloadLocation: null,
          checksums: [], externalRefs: [], licenseConcluded: null, licenseDeclared: null, primaryPackagePurpose: null, hasFiles: [], at,
        };
        packages.push(pkg);
        section = 'package';
        file = null;
        return;
      case 'PackageVersion': { const p = needPackage(tag, line); if (p) p.version = value || null; return; }
      case 'PackageSupplier': { const p = needPackage(tag, line); if (p) p.supplier = value || null; return; }
      case 'PackageOriginator': { const p = needPackage(tag, line); if (p) p.originator = value || null; return; }
      case 'PackageDownloadLocation': { const p = needPackage(tag, line); if (p) p.downloadLocation = value || null; return; }
      case 'PackageLicenseConcluded': { const p = needPackage(tag, line); if (p) p.licenseConcluded = value || null; return; }
      case 'PackageLicenseDeclared': { const p = needPackage(tag, line); if (p) p.licenseDeclared = value || null; return; }
      case 'PrimaryPackagePurpose': { const p = needPackage(tag, line); if (p) p.primaryPackagePurpose = value || null; return; }
      case 'PackageChecksum': {
        const p = needPackage(tag, line);
        const c = checksum(value);
        if (p && c) p.checksums.push(c);
        else if (p) warn('INVALID_FIELD', 'PackageChecksum is not "<ALGORITHM>: <value>"; ignored', line);
        return;
      }
      case 'ExternalRef': {
        const p = needPackage(tag, line);
        if (!p) return;
        const parts = value.split(/\s+/);
        if (parts.length < 3) {
          warn('INVALID_FIELD', 'ExternalRef is not "<category> <type> <locator>"; ignored', line);
          return;
        }
        p.externalRefs.push({ category: parts[0]!, type: parts[1]!, locator: parts.slice(2).join(' ') });
        return;
      }
      case 'FileName':
        file = { spdxId: '', fileName: value || null, checksums: [], licenseConcluded: null, at };
        pendingFiles.push({ file, owner: pkg });
        section = 'file';
        return;
      case 'FileChecksum': {
        const f = needFile(tag, line);
        const c = checksum(value);
        if (f && c) f.checksums.push(c);
        else if (f) warn('INVALID_FIELD', 'FileChecksum is not "<ALGORITHM>: <value>"; ignored', line);
        return;
      }
      case 'LicenseConcluded':
        // Also a snippet field; only a file's is read.
        if (section === 'file' && file) file.licenseConcluded = value || null;
        return;
      case 'SnippetSPDXID':
        section = 'snippet';
        if (value) otherElementIds.push(value);
        return;
      case 'LicenseID': section = 'license'; return;
      case 'Annotator': section = 'annotation'; return;
      case 'Reviewer': section = 'review'; return;
      case 'Relationship': {
        const parts = value.split(/\s+/);
        if (parts.length !== 3) {
          throw new IngestError('INVALID_DOCUMENT', `Relationship must be "<SPDXID> <TYPE> <SPDXID>", got "${value.length > 120 ? `${value.slice(0, 117)}...` : value}"`, at);
        }
        relationships.push({ from: parts[0]!, type: parts[1]!.toUpperCase(), to: parts[2]!, at });
        return;
      }
      default:
        // Tags this ingestor does not map (and unknown ones) are read past.
        return;
    }
  };

  let pos = 0;
  let lineNo = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const raw = text.slice(pos, end);
    pos = end + 1;
    lineNo += 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const tag = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!TAG.test(tag)) {
      warn('MALFORMED_LINE', `not a "Tag: value" line: "${line.length > 80 ? `${line.slice(0, 77)}...` : line}"; ignored`, lineNo);
      continue;
    }
    const startLine = lineNo;
    let value = line.slice(colon + 1).trim();
    if (value.startsWith('<text>')) {
      const first = value.slice('<text>'.length);
      const close = first.indexOf('</text>');
      if (close >= 0) {
        value = first.slice(0, close).trim();
      } else {
        const parts = [first];
        let closed = false;
        while (pos < text.length) {
          let e = text.indexOf('\n', pos);
          if (e < 0) e = text.length;
          const next = text.slice(pos, e).replace(/\r$/, '');
          pos = e + 1;
          lineNo += 1;
          const c = next.indexOf('</text>');
          if (c >= 0) {
            parts.push(next.slice(0, c));
            closed = true;
            break;
          }
          parts.push(next);
        }
        if (!closed) throw new IngestError('PARSE_ERROR', `the <text> block opened by ${tag} is never closed`, `line ${startLine}`);
        value = parts.join('\n').trim();
      }
    }
    handle(tag, value, startLine);
  }

  if (spdxVersion === null) throw new IngestError('INVALID_DOCUMENT', 'missing "SPDXVersion"', 'line 1');
  for (const p of packages) {
    if (p.spdxId === '') throw new IngestError('INVALID_DOCUMENT', `package "${p.name ?? ''}" has no SPDXID`, p.at);
  }
  const files: Spdx2File[] = [];
  for (const { file: f, owner } of pendingFiles) {
    if (f.spdxId === '') throw new IngestError('INVALID_DOCUMENT', `file "${f.fileName ?? ''}" has no SPDXID`, f.at);
    files.push(f);
    if (owner) owner.hasFiles.push({ ref: f.spdxId, at: f.at });
  }
  return {
    spdxVersion,
    spdxId: docId ?? 'SPDXRef-DOCUMENT',
    name,
    namespace,
    created,
    creators,
    describes: [],
    externalDocumentRefs,
    packages,
    files,
    otherElementIds,
    relationships,
    warnings,
  };
}

function checksum(value: string): SpdxChecksum | null {
  const colon = value.indexOf(':');
  if (colon <= 0) return null;
  const algorithm = value.slice(0, colon).trim();
  const v = value.slice(colon + 1).trim();
  return algorithm && v ? { algorithm, value: v } : null;
}
