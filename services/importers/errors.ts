import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';

/**
 * Importer failures carry a code a script can branch on. An entry failure
 * (one advisory in a feed) is recorded and the run goes on; a run failure
 * (the feed itself unreachable) ends the run.
 */
export type ImporterErrorCode =
  | 'IMPORTER_CONFIG_INVALID'
  | 'IMPORTER_NOT_FOUND'
  | 'IMPORTER_BUSY'
  | 'SOURCE_UNREADABLE'
  | 'FEED_HTTP_STATUS'
  | 'FEED_INVALID'
  | 'FEED_TOO_LARGE'
  | 'ARCHIVE_INVALID'
  | 'SIGNING_KEY_INVALID';

export class ImporterError extends SupplygraphError<ImporterErrorCode> {}

export type EntryErrorCode =
  | 'ENTRY_UNREADABLE'
  | 'ENTRY_NOT_JSON'
  | 'ENTRY_INVALID'
  | 'ENTRY_TOO_LARGE'
  | 'ENTRY_HASH_MISSING'
  | 'ENTRY_HASH_MISMATCH'
  | 'ENTRY_SIGNATURE_MISSING'
  | 'ENTRY_SIGNATURE_INVALID'
  | 'ENTRY_REJECTED';

/** One entry of a feed could not be imported; the others still are. */
export class EntryError extends SupplygraphError<EntryErrorCode> {
  constructor(code: EntryErrorCode, readonly entry: string, message: string) {
    super(code, `${entry}: ${message}`);
  }
}
