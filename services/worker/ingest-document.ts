/**
 * One ingest job, start to end: blob → decode → detect format → parse into an
 * ontology batch → write the batch → derive (vulnerability matches) → mark the
 * document complete. Document problems become permanent job failures with a code
 * and position; infrastructure problems are transient so the queue retries them.
 * A document found already written but not complete (a crash or failure after
 * the write) is finished here, so a retry or a re-ingest converges.
 */
import type { BlobStore } from '../blobstore/blob-store.js';
import { BlobNotFoundError } from '../blobstore/blob-store.js';
import { GraphError, type GraphStore } from '../graph/store.js';
import { JobError, type IngestJobResult, type RunningJob } from '../queue/job-queue.js';
import { IngestError } from '../../ingestors/parser.js';
import { parseIsolated, type ParseIsolationLimits } from '../../ingestors/isolation/parse-pool.js';
import type { Logger } from '../log/logger.js';
import type { TrustPolicy } from '../../verify/index.js';
import { emptyTrustPolicy } from '../../verify/index.js';
import { resolveContentIdentifiedModels } from './resolve-models.js';
import { matchAfterWrite } from './match-vulnerabilities.js';
import { markDocumentComplete } from '../graph/derived/document-state.js';

export interface IngestDependencies {
  blobs: BlobStore;
  graph: GraphStore;
  log: Logger;
  limits: ParseIsolationLimits;
  /** The trust policy in force now (reloaded from the trust file when it changes). */
  trustPolicy?: () => TrustPolicy;
  now?: () => Date;
}

export async function ingestDocument(deps: IngestDependencies, job: RunningJob): Promise<IngestJobResult> {
  const t0 = performance.now();
  try {
    const raw = await deps.blobs.get(job.data.blobDigest);
    const t1 = performance.now();
    await job.updateProgress(10);
    // Decompression, decoding and parsing run in a child process under memory and time limits (ingestors/isolation).
    const ingestedAt = job.data.ingestedAt ?? (deps.now?.() ?? new Date()).toISOString();
    const { parser, batch: parsed } = await parseIsolated(raw, { limits: deps.limits, options: job.data.options, ingestedAt, trustPolicy: deps.trustPolicy?.() ?? emptyTrustPolicy() });
    const resolved = await resolveContentIdentifiedModels(deps.graph, parsed);
    // What `supplygraph check` needs to re-derive this document exactly: its blob and options.
    const batch = { ...resolved, document: { ...resolved.document, blobDigest: job.data.blobDigest, ingestOptions: JSON.stringify(job.data.options ?? {}), ...labelsOf(job) } };
    const t2 = performance.now();
    await job.updateProgress(50);
    const written = await deps.graph.writeBatch(batch);
    await job.updateProgress(80);
    const complete = written.status === 'already-ingested' && written.documentState === 'complete';
    let matches = { edgesAdded: 0, edgesRemoved: 0, unknown: 0 };
    if (!complete) {
      if (written.status === 'already-ingested') deps.log.info({ document: batch.document.key, state: written.documentState }, 'document was written but not finished; finishing it');
      matches = await matchAfterWrite(deps.graph, batch, deps.log);
      await markDocumentComplete(deps.graph, batch.document.key);
    }
    const t3 = performance.now();
    await job.updateProgress(100);
    return {
      // The document is complete now either way; `resumed` says this job finished what an earlier one left.
      status: written.status,
      resumed: written.resumed === true || (written.status === 'already-ingested' && !complete),
      documentKey: batch.document.key,
      ingestedAt,
      format: parser.format,
      // The Document's own kind: one parser may give several (a CSAF VEX, a CycloneDX XML VEX).
      kind: batch.document.kind,
      nodes: batch.nodes.length,
      edges: batch.edges.length,
      nodesCreated: written.nodesCreated,
      edgesCreated: written.edgesCreated,
      warnings: batch.warnings,
      vulnerabilityMatches: matches,
      timings: { readMs: round(t1 - t0), parseMs: round(t2 - t1), writeMs: round(t3 - t2), totalMs: round(t3 - t0) },
    };
  } catch (err) {
    throw classify(err);
  }
}

function classify(err: unknown): JobError {
  if (err instanceof JobError) return err;
  if (err instanceof IngestError) return new JobError(err.code, err.message, false, { cause: err });
  if (err instanceof GraphError) return new JobError(err.code, err.message, err.transient, { cause: err });
  if (err instanceof BlobNotFoundError) return new JobError(err.code, err.message, true, { cause: err });
  const tooBig = (err as NodeJS.ErrnoException)?.code === 'ERR_STRING_TOO_LONG';
  if (tooBig || (err instanceof RangeError && /call stack|Invalid string length|Array buffer allocation/i.test(err.message))) {
    return new JobError('DOCUMENT_TOO_COMPLEX', `the document is too large or too deeply nested to process: ${(err as Error).message}; split it, or raise the heap (NODE_OPTIONS=--max-old-space-size)`, false, { cause: err });
  }
  const e = err as NodeJS.ErrnoException;
  // A full disk is the machine's state, not the document's: retried, the process stays up.
  if (e && typeof e.code === 'string' && /^E(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE|AGAIN|IO|MFILE|NOSPC|DQUOT)/.test(e.code)) {
    return new JobError('INFRASTRUCTURE_UNAVAILABLE', e.message, true, { cause: err });
  }
  return new JobError('INTERNAL_ERROR', `unexpected error while ingesting: ${(err as Error)?.message ?? String(err)}`, false, { cause: err });
}

/** Labels given at upload, as stored on the Document (keys sorted, as setDocumentLabels stores them). */
function labelsOf(job: RunningJob): { labels?: string } {
  const entries = Object.entries(job.data.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length > 0 ? { labels: JSON.stringify(Object.fromEntries(entries)) } : {};
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
