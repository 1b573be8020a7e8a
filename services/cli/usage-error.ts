import { SupplygraphError } from '../../schema/errors/supplygraph-error.js';

/**
 * The command line was wrong (a bad option value, a path that matched
 * nothing): the command prints the message and exits 2 without a stack,
 * like commander's own usage errors.
 */
export class UsageError extends SupplygraphError<'USAGE'> {
  constructor(message: string) {
    super('USAGE', message);
  }
}
