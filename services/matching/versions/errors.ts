import { SupplygraphError } from '../../../schema/errors/supplygraph-error.js';

/** Raised when a version string is not valid for the scheme it is compared in. */
export class VersionParseError extends SupplygraphError<'UNPARSABLE_VERSION'> {
  constructor(
    readonly scheme: string,
    readonly version: string,
    readonly detail?: string,
  ) {
    super('UNPARSABLE_VERSION', `unparsable ${scheme} version ${JSON.stringify(version)}${detail ? `: ${detail}` : ''}`);
  }
}

/** A comparator for one version scheme. `compare` throws VersionParseError on invalid input. */
export interface SchemeComparator {
  /** True when `compare` accepts the string. */
  isValid(version: string): boolean;
  /** Total order: negative, zero or positive. */
  compare(a: string, b: string): number;
}
