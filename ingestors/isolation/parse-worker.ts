/**
 * A parse process: takes one document at a time from the pool, runs the pure
 * pipeline and replies with the batch's header (or a flattened error), then
 * sends the batch chunk by chunk as the pool asks. A document that exhausts
 * this process's heap, or runs too long, kills only this process; the pool
 * reports it and starts a fresh one.
 */
import type { OntologyBatch } from '../../schema/ontology/batch.js';
import { IngestError } from '../parser.js';
import { parseStoredDocument } from './parse-document.js';
import { chunkJson, headerOf, type ChunkRequest, type ParseFailure, type ParseReply, type ParseTask } from './messages.js';

if (!process.send) throw new Error('parse-worker runs only as a child of the parse pool (ingestors/isolation/parse-pool.ts)');
const send = (reply: ParseReply): void => { process.send!(reply); };
// The server is gone (exited, or killed with -9): nothing will ask for this child's work again.
process.on('disconnect', () => process.exit(0));

/** The batch being handed over, until its last chunk is sent. */
let held: { id: number; batch: OntologyBatch; chunks: number } | null = null;

process.on('message', (message: ParseTask | ChunkRequest) => {
  if ('pull' in message) {
    if (!held || held.id !== message.pull) return;
    const json = chunkJson(held.batch, message.index);
    if (message.index >= held.chunks - 1) held = null;
    send({ id: message.pull, index: message.index, json });
    return;
  }
  void run(message).then(send);
});
// The imports above are loaded by now (parsers, schemas, codecs).
send({ ready: true });

async function run(task: ParseTask): Promise<ParseReply> {
  try {
    const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
    const parsed = await parseStoredDocument(raw, task.request);
    const header = headerOf(parsed);
    held = { id: task.id, batch: parsed.batch, chunks: header.nodeChunks + header.edgeChunks };
    return { id: task.id, ok: true, header };
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
