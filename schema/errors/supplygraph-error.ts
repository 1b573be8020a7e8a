/**
 * The one base class of every error supplygraph raises on purpose.
 *
 * Each module names its codes as a union (`GraphErrorCode`, `IngestErrorCode`,
 * `PurlErrorCode`, …) and its error class narrows `code` to that union, so a
 * caller that branches on a code is checked by the compiler, and a code cannot
 * be misspelt where it is raised. Every consumer — the job status, the REST
 * and GraphQL answers, the CLI's exit — reads the same two fields: `code`
 * (stable; scripts branch on it) and `transient` (whether trying again later
 * can succeed). docs/architecture.md lists the codes; a test keeps the list true.
 *
 * It lives in `schema/` because every layer raises errors and `schema/` is the
 * one layer every other may import.
 */
export interface SupplygraphErrorOptions {
  /** Retrying later may succeed (the machine's or a service's state, not the input's). Default false. */
  transient?: boolean;
  cause?: unknown;
}

export abstract class SupplygraphError<Code extends string = string> extends Error {
  readonly transient: boolean;

  constructor(readonly code: Code, message: string, options: SupplygraphErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // The subclass's name, so logs and `String(err)` say which module raised it.
    this.name = new.target.name;
    this.transient = options.transient ?? false;
  }
}

export function isSupplygraphError(err: unknown): err is SupplygraphError {
  return err instanceof SupplygraphError;
}
