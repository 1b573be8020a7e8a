/**
 * Every format the service reads, in detection order. Adding a format means
 * writing a DocumentParser and listing it here; nothing else changes.
 */
import { cycloneDxJsonParser } from './cyclonedx/json.js';
import { omsSignatureParser } from './oms/parse.js';
import { IngestError, type DocumentInput, type DocumentParser } from './parser.js';

export const PARSERS: readonly DocumentParser[] = [omsSignatureParser, cycloneDxJsonParser];

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
      `the document is not in a supported format (supported: ${PARSERS.map((x) => x.format).join(', ')}); ` +
      (input.json !== undefined ? 'it is JSON but none of the formats recognised it' : 'it is not JSON'));
  }
  return p;
}
