/**
 * A parse thread: takes one document at a time from the pool, runs the pure
 * pipeline and replies with the batch or a flattened error. A document that
 * exhausts this thread's heap, or runs too long, kills only this thread; the
 * pool reports it and starts a fresh one.
 */
import { parentPort } from 'node:worker_threads';
import { IngestError } from '../parser.js';
import { parseStoredDocument } from './parse-document.js';
import { encodeParse, type ParseFailure, type ParseReply, type ParseTask } from './messages.js';

if (!parentPort) throw new Error('parse-worker.ts runs only as a worker thread (ingestors/isolation/parse-pool.ts)');
const port = parentPort;

port.on('message', (task: ParseTask) => {
  void run(task).then((reply) => port.postMessage(reply));
});
// The imports above are loaded by now (parsers, schemas, codecs).
port.postMessage({ ready: true } satisfies ParseReply);

async function run(task: ParseTask): Promise<ParseReply> {
  try {
    const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
    return { id: task.id, ok: true, result: encodeParse(await parseStoredDocument(raw, task.request)) };
  } catch (err) {
    return { id: task.id, ok: false, failure: flatten(err) };
  }
}

function flatten(err: unknown): ParseFailure {
  if (err instanceof IngestError) {
    const suffix = err.at === undefined ? '' : ` (at ${err.at})`;
    const message = suffix && err.message.endsWith(suffix) ? err.message.slice(0, -suffix.length) : err.message;
    return err.at === undefined ? { code: err.code, message } : { code: err.code, message, at: err.at };
  }
  const e = err as NodeJS.ErrnoException | undefined;
  // Stack and string-length limits hit while reading the document: the document's fault, not ours.
  if (e?.code === 'ERR_STRING_TOO_LONG' || (err instanceof RangeError && /call stack|Invalid string length|Invalid array length|Array buffer allocation/i.test(err.message))) {
    return { code: 'DOCUMENT_TOO_COMPLEX', message: `the document is too large or too deeply nested to parse: ${err instanceof Error ? err.message : String(err)}; split it, or raise SUPPLYGRAPH_PARSE_MEMORY_MB` };
  }
  return { code: null, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}
