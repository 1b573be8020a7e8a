/**
 * Compressed uploads: gzip, bzip2, xz and zstd, recognised by their magic
 * bytes (never by file name), decompressed as a stream with a running byte
 * count. The moment the output passes `maxDecompressedBytes`
 * (SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES) decompression stops and the document
 * fails with DECOMPRESSION_LIMIT, so a bomb costs at most the limit in memory
 * and the time to produce it. A corrupt stream fails with DECOMPRESSION_FAILED
 * and the codec's own message.
 *
 * One level only: if the decompressed bytes are themselves compressed (a gzip
 * inside a gzip) the document fails with DECOMPRESSION_FAILED saying so. No SBOM
 * tool writes that; refusing it keeps the limit simple to reason about.
 *
 * Codecs: gzip → node:zlib; zstd → fzstd (after a pass over the frame headers
 * that refuses dictionaries, windows over 128 MiB and declared sizes over the
 * limit before anything is allocated); bzip2 → seek-bzip, driven block by
 * block; xz → xz-decompress (xz-embedded compiled to WebAssembly). All pure
 * JavaScript / WebAssembly: nothing native, nothing downloaded at install.
 */
import { createRequire } from 'node:module';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import zlib from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import { IngestError } from '../parser.js';

export type ContentEncoding = 'identity' | 'gzip' | 'bzip2' | 'xz' | 'zstd';

export interface DecompressLimits {
  maxDecompressedBytes: number;
}

export interface DecompressedDocument {
  bytes: Buffer;
  encoding: ContentEncoding;
}

/** zstd's reference decoder refuses windows above 2^27 unless told otherwise; so do we. */
export const MAX_ZSTD_WINDOW_BYTES = 128 * 1024 * 1024;
const INPUT_SLICE = 1024 * 1024;

/** The encoding named by the first bytes; `identity` for anything else. */
export function detectEncoding(bytes: Uint8Array): ContentEncoding {
  const b = bytes;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.length >= 4 && b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68 && b[3]! >= 0x31 && b[3]! <= 0x39) return 'bzip2';
  if (b.length >= 6 && b[0] === 0xfd && b[1] === 0x37 && b[2] === 0x7a && b[3] === 0x58 && b[4] === 0x5a && b[5] === 0x00) return 'xz';
  if (b.length >= 4 && b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd) return 'zstd';
  return 'identity';
}

export async function decompressDocument(bytes: Buffer, limits: DecompressLimits): Promise<DecompressedDocument> {
  const limit = limits.maxDecompressedBytes;
  const encoding = detectEncoding(bytes);
  if (encoding === 'identity') {
    if (bytes.byteLength > limit) {
      throw new IngestError('DOCUMENT_TOO_LARGE', `the document is ${bytes.byteLength} bytes, over the limit of ${limit} (SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES)`);
    }
    return { bytes, encoding };
  }
  const sink = new LimitedSink(limit);
  try {
    switch (encoding) {
      case 'gzip':
        await gunzip(bytes, sink);
        break;
      case 'zstd':
        await unzstd(bytes, sink, limit);
        break;
      case 'bzip2':
        await bunzip2(bytes, sink);
        break;
      case 'xz':
        await unxz(bytes, sink);
        break;
    }
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError('DECOMPRESSION_FAILED', `the ${encoding} stream could not be decompressed: ${(err as Error)?.message ?? String(err)}`);
  }
  const out = sink.result();
  const inner = detectEncoding(out);
  if (inner !== 'identity') {
    throw new IngestError('DECOMPRESSION_FAILED', `the ${encoding}-decompressed document is itself ${inner}-compressed; nested compression is not supported, upload the document compressed once`);
  }
  return { bytes: out, encoding };
}

function limitError(limit: number): IngestError {
  return new IngestError('DECOMPRESSION_LIMIT', `the document expands beyond ${limit} bytes (SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES): decompression bomb?`);
}

/** Collects output chunks, failing as soon as their total passes the limit. */
class LimitedSink {
  private readonly chunks: Buffer[] = [];
  total = 0;

  constructor(readonly limit: number) {}

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.total += chunk.byteLength;
    if (this.total > this.limit) throw limitError(this.limit);
    // A copy: codecs may reuse the memory behind the chunks they hand out.
    this.chunks.push(Buffer.from(chunk));
  }

  result(): Buffer {
    const out = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.total);
    this.chunks.length = 0;
    return out;
  }
}

// --- gzip ---------------------------------------------------------------------

function gunzip(bytes: Buffer, sink: LimitedSink): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const z = zlib.createGunzip({ chunkSize: 256 * 1024 });
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      z.destroy();
      reject(err);
    };
    z.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        sink.push(chunk);
      } catch (err) {
        fail(err);
      }
    });
    z.on('error', fail);
    z.on('end', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    z.end(bytes);
  });
}

// --- zstd ---------------------------------------------------------------------

async function unzstd(bytes: Buffer, sink: LimitedSink, limit: number): Promise<void> {
  checkZstdFrames(bytes, limit);
  const d = new ZstdDecompress((chunk) => sink.push(chunk));
  for (let off = 0; off < bytes.length; off += INPUT_SLICE) {
    const end = Math.min(off + INPUT_SLICE, bytes.length);
    d.push(bytes.subarray(off, end), end === bytes.length);
    if (end < bytes.length) await yieldToEventLoop();
  }
}

/**
 * Walks the zstd frames and block headers (no decompression) so hostile
 * parameters are refused before fzstd allocates a window: dictionaries (not
 * supported), windows over MAX_ZSTD_WINDOW_BYTES, declared content sizes over
 * the limit, reserved block types and truncation.
 */
export function checkZstdFrames(b: Uint8Array, limit: number): void {
  const fail = (msg: string): never => {
    throw new IngestError('DECOMPRESSION_FAILED', `the zstd stream could not be decompressed: ${msg}`);
  };
  const le = (at: number, n: number): number => {
    let v = 0;
    for (let k = n - 1; k >= 0; k--) v = v * 256 + b[at + k]!;
    return v;
  };
  let declared = 0;
  let p = 0;
  while (p < b.length) {
    if (b.length - p < 8) fail(`truncated frame header at byte ${p}`);
    const magic = le(p, 4);
    if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
      p += 8 + le(p + 4, 4);
      continue;
    }
    if (magic !== 0xfd2fb528) fail(`no zstd frame at byte ${p}`);
    const fhd = b[p + 4]!;
    if (fhd & 0x08) fail('reserved bit set in frame header');
    const single = (fhd >> 5) & 1;
    const hasChecksum = (fhd >> 2) & 1;
    const dictBytes = [0, 1, 2, 4][fhd & 3]!;
    const fcsBytes = [single, 2, 4, 8][fhd >> 6]!;
    let q = p + 5;
    let window = 0;
    if (!single) {
      const wd = b[q++]!;
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    if (q + dictBytes + fcsBytes > b.length) fail(`truncated frame header at byte ${p}`);
    if (dictBytes > 0 && le(q, dictBytes) !== 0) fail('the frame needs a dictionary, which is not supported');
    q += dictBytes;
    if (fcsBytes > 0) {
      const size = le(q, fcsBytes) + (fcsBytes === 2 ? 256 : 0);
      if (single) window = size;
      declared += size;
      if (declared > limit) throw limitError(limit);
    }
    q += fcsBytes;
    if (window > MAX_ZSTD_WINDOW_BYTES) fail(`window of ${window} bytes is over the ${MAX_ZSTD_WINDOW_BYTES} supported`);
    for (;;) {
      if (q + 3 > b.length) fail('unexpected end of data (truncated?)');
      const h = b[q]! | (b[q + 1]! << 8) | (b[q + 2]! << 16);
      const type = (h >> 1) & 3;
      const size = h >>> 3;
      q += 3;
      if (type === 3) fail(`reserved block type at byte ${q - 3}`);
      q += type === 1 ? 1 : size;
      if (q > b.length) fail('unexpected end of data (truncated?)');
      if (h & 1) break;
    }
    q += hasChecksum ? 4 : 0;
    if (q > b.length) fail('unexpected end of data (truncated?)');
    p = q;
  }
}

// --- bzip2 --------------------------------------------------------------------

interface BzInput {
  readByte(): number;
  read(buffer: Uint8Array, offset: number, length: number): number;
  eof(): boolean;
  seek(pos: number): void;
}

interface BzOutput {
  writeByte(byte: number): void;
  write(buffer: Uint8Array, offset: number, length: number): number;
  flush(): void;
}

/** The parts of seek-bzip's Bunzip this module drives (it ships no types). */
interface BunzipInstance {
  reader: { read(bits: number): number };
  streamCRC: number;
  _init_block(): boolean;
  _read_bunzip(): number;
  _start_bunzip(input: BzInput, output: BzOutput): void;
}
type BunzipConstructor = new (input: BzInput, output: BzOutput) => BunzipInstance;

const require = createRequire(import.meta.url);
let bunzipCtor: BunzipConstructor | undefined;

/**
 * seek-bzip decodes a whole stream in one synchronous call; driving its block
 * loop here (as its own `decode` does) lets other work run between blocks, and
 * makes truncation an error rather than a short document.
 */
async function bunzip2(bytes: Buffer, sink: LimitedSink): Promise<void> {
  bunzipCtor ??= require('seek-bzip') as BunzipConstructor;
  let pos = 0;
  const input: BzInput = {
    readByte() {
      if (pos >= bytes.length) throw new Error('unexpected end of data (truncated?)');
      return bytes[pos++]!;
    },
    read(buffer, offset, length) {
      let n = 0;
      while (n < length && pos < bytes.length) buffer[offset + n++] = bytes[pos++]!;
      return n === 0 ? -1 : n;
    },
    eof: () => pos >= bytes.length,
    seek(p) {
      pos = p;
    },
  };
  const staging = Buffer.allocUnsafe(64 * 1024);
  let used = 0;
  const output: BzOutput = {
    writeByte(byte) {
      staging[used++] = byte;
      if (used === staging.length) {
        sink.push(staging);
        used = 0;
      }
    },
    write(buffer, offset, length) {
      for (let k = 0; k < length; k++) this.writeByte(buffer[offset + k]!);
      return length;
    },
    flush() {},
  };
  const bz = new bunzipCtor(input, output);
  for (;;) {
    if (bz._init_block()) {
      bz._read_bunzip();
      await yieldToEventLoop();
      continue;
    }
    const expected = bz.reader.read(32) >>> 0;
    if (expected !== bz.streamCRC) {
      throw new Error(`bad stream CRC (got ${bz.streamCRC.toString(16)}, expected ${expected.toString(16)})`);
    }
    if (input.eof()) break;
    // pbzip2 and friends write several streams back to back.
    bz._start_bunzip(input, output);
  }
  if (used > 0) sink.push(staging.subarray(0, used));
}

// --- xz -----------------------------------------------------------------------

type XzModule = typeof import('xz-decompress');
let xzModule: XzModule | undefined;

const XZ_ERRORS: Record<string, string> = {
  2: 'unsupported integrity check',
  3: 'out of memory',
  4: 'memory limit reached (dictionary too large)',
  5: 'not an xz stream',
  6: 'unsupported compression options',
  7: 'corrupt data',
  8: 'unexpected end of data (truncated?)',
};

async function unxz(bytes: Buffer, sink: LimitedSink): Promise<void> {
  xzModule ??= require('xz-decompress') as XzModule;
  let off = 0;
  let inputDone = false;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (off >= bytes.length) {
        inputDone = true;
        controller.close();
        return;
      }
      const end = Math.min(off + INPUT_SLICE, bytes.length);
      controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset + off, end - off));
      off = end;
    },
  });
  const reader = new xzModule.XzReadableStream(source).getReader();
  // xz-decompress serialises its decoders behind a lock that only completion,
  // an error or cancel() releases: every exit path below must reach one of them.
  let idleAfterInput = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.byteLength === 0 && inputDone) {
        // A truncated stream can leave the decoder asking for input that never comes.
        if (++idleAfterInput > 64) throw new Error('unexpected end of data (truncated?)');
        continue;
      }
      idleAfterInput = 0;
      sink.push(value);
    }
  } catch (err) {
    await reader.cancel().catch(() => undefined);
    const m = /error code (\d+)/.exec((err as Error)?.message ?? '');
    if (m && XZ_ERRORS[m[1]!]) throw new Error(XZ_ERRORS[m[1]!], { cause: err });
    throw err;
  }
}
