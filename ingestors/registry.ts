/**
 * Every format the service reads, in detection order. Adding a format means
 * writing a DocumentParser and listing it here; nothing else changes.
 */
import { cycloneDxJsonParser } from './cyclonedx/json.js';
import { cycloneDxXmlParser } from './cyclonedx/xml.js';
import { omsSignatureParser } from './oms/parse.js';
import { inTotoParser } from './intoto/statement.js';
import { spdx2JsonParser } from './spdx2/json.js';
import { spdx2TagValueParser } from './spdx2/tag-value.js';
import { spdx3JsonLdParser } from './spdx3/jsonld.js';
import { cycloneDxVexParser } from './cyclonedx-vex/vex.js';
import { osvParser } from './osv/osv.js';
import { csafParser } from './csaf/csaf.js';
import { cve5Parser } from './cve5/cve5.js';
import { openVexParser } from './openvex/openvex.js';
import { scorecardParser } from './scorecard/scorecard.js';
import { IngestError, type DocumentInput, type DocumentParser } from './parser.js';

export const PARSERS: readonly DocumentParser[] = [
  omsSignatureParser, inTotoParser,
  // A CycloneDX document with vulnerabilities and no inventory is VEX: claimed before the SBOM parser.
  cycloneDxVexParser, cycloneDxJsonParser, cycloneDxXmlParser, spdx2JsonParser, spdx2TagValueParser, spdx3JsonLdParser,
  osvParser, csafParser, cve5Parser, openVexParser, scorecardParser,
];

export function parserFor(input: DocumentInput): DocumentParser {
  const forced = input.options.format;
  if (forced) {
    const p = PARSERS.find((x) => x.format === forced);
    if (!p) throw new IngestError('UNSUPPORTED_FORMAT', `unknown format "${forced}"; supported: ${PARSERS.map((x) => x.format).join(', ')}`);
    return p;
  }
  const p = PARSERS.find((x) => x.detect(input));
  if (!p) {
    throw new IngestError('UNSUPPORTED_FORMAT',
      `the document is not in a supported format (supported: ${PARSERS.map((x) => x.format).join(', ')}); ${whatItIs(input)}`);
  }
  return p;
}

/** What an unrecognised document looked like, so the message points at what was expected of it. */
function whatItIs(input: DocumentInput): string {
  if (input.json !== undefined) return 'it is JSON but none of the formats recognised it';
  const text = (input.text ?? '').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return 'it is XML but not a CycloneDX BOM (root element <bom> in a CycloneDX namespace)';
  if (/^((#.*|---[ \t]*|[ \t]*)\r?\n)*(["']?)[A-Za-z_][\w-]*\3[ \t]*:([ \t]|\r?\n|$)/.test(text)) {
    return 'it is YAML but not an OSV record (OSV YAML needs top-level "id" and OSV fields such as "modified" and "affected")';
  }
  return 'it is not JSON, XML, SPDX tag-value or OSV YAML';
}
