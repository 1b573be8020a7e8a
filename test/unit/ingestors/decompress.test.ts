import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { checkZstdFrames, decompressDocument, detectEncoding, MAX_ZSTD_WINDOW_BYTES } from '../../../ingestors/common/decompress.js';
import { IngestError, type IngestErrorCode } from '../../../ingestors/parser.js';
import { BZIP2_BOMB_256M, BZIP2_SMALL, SMALL, XZ_BOMB_16M, XZ_SMALL, ZSTD_SMALL } from '../../fuzz/compressed-samples.js';

const MB = 1024 * 1024;
const small = Buffer.from(SMALL);

async function expectCode(p: Promise<unknown>, code: IngestErrorCode, message?: RegExp): Promise<IngestError> {
  let caught: unknown;
  try {
    await p;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof IngestError, `expected IngestError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (message) assert.match(caught.message, message);
  return caught;
}

/** Peak `arrayBuffers` (where Buffers live) growth while `run` is in flight. */
async function peakBufferGrowth(run: () => Promise<unknown>): Promise<number> {
  const base = process.memoryUsage().arrayBuffers;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().arrayBuffers); }, 2);
  try {
    await run();
  } catch {
    // the caller asserts on the outcome separately
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  return peak - base;
}

/** A gzip of `bytes` zero bytes, made with zlib streaming so the zeros never exist at once. */
async function gzipOfZeros(bytes: number): Promise<Buffer> {
  const gz = zlib.createGzip({ level: 1 });
  const parts: Buffer[] = [];
  gz.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise<void>((resolve, reject) => { gz.on('end', resolve); gz.on('error', reject); });
  const zero = Buffer.alloc(MB);
  for (let left = bytes; left > 0; left -= MB) {
    if (!gz.write(left >= MB ? zero : zero.subarray(0, left))) await new Promise<void>((r) => gz.once('drain', () => r()));
  }
  gz.end();
  await done;
  return Buffer.concat(parts);
}

// --- zstd frames built by hand: raw and RLE blocks need no compressor ---------------
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

function zstdBlockHeader(last: boolean, type: 0 | 1 | 2 | 3, size: number): Buffer {
  const h = (last ? 1 : 0) | (type << 1) | (size << 3);
  return Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]);
}

/** A frame without content size, with a 2^windowLog window, from blocks. */
function zstdFrame(blocks: Buffer[], opts: { windowLog?: number; contentSize?: bigint } = {}): Buffer {
  const windowLog = opts.windowLog ?? 17;
  const header = opts.contentSize === undefined
    ? Buffer.from([0x00, (windowLog - 10) << 3])
    : Buffer.concat([Buffer.from([0xc0, (windowLog - 10) << 3]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64LE(opts.contentSize!); return b; })()]);
  return Buffer.concat([ZSTD_MAGIC, header, ...blocks]);
}

function zstdRaw(data: Buffer, chunk = 100): Buffer {
  const blocks: Buffer[] = [];
  for (let off = 0; off < data.length; off += chunk) {
    const part = data.subarray(off, off + chunk);
    blocks.push(zstdBlockHeader(off + chunk >= data.length, 0, part.length), part);
  }
  return zstdFrame(blocks);
}

describe('decompressDocument', () => {
  test('detects encodings by magic bytes, not names', () => {
    assert.equal(detectEncoding(small), 'identity');
    assert.equal(detectEncoding(zlib.gzipSync(small)), 'gzip');
    assert.equal(detectEncoding(Buffer.from(BZIP2_SMALL, 'base64')), 'bzip2');
    assert.equal(detectEncoding(Buffer.from(XZ_SMALL, 'base64')), 'xz');
    assert.equal(detectEncoding(Buffer.from(ZSTD_SMALL, 'base64')), 'zstd');
    assert.equal(detectEncoding(Buffer.from('BZh')), 'identity', 'too short to be bzip2');
    assert.equal(detectEncoding(Buffer.from('BZhx not bzip2')), 'identity');
  });

  test('identity passes the same buffer through, and is held to the limit', async () => {
    const r = await decompressDocument(small, { maxDecompressedBytes: 1024 });
    assert.equal(r.encoding, 'identity');
    assert.equal(r.bytes, small);
    await expectCode(decompressDocument(small, { maxDecompressedBytes: 10 }), 'DOCUMENT_TOO_LARGE', /SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES/);
  });

  test('gzip round-trips, including multi-member streams', async () => {
    const r = await decompressDocument(zlib.gzipSync(small), { maxDecompressedBytes: MB });
    assert.equal(r.encoding, 'gzip');
    assert.equal(r.bytes.toString(), SMALL);
    const two = Buffer.concat([zlib.gzipSync(small.subarray(0, 50)), zlib.gzipSync(small.subarray(50))]);
    assert.equal((await decompressDocument(two, { maxDecompressedBytes: MB })).bytes.toString(), SMALL);
  });

  test('bzip2 round-trips, including back-to-back streams', async () => {
    const r = await decompressDocument(Buffer.from(BZIP2_SMALL, 'base64'), { maxDecompressedBytes: MB });
    assert.equal(r.encoding, 'bzip2');
    assert.equal(r.bytes.toString(), SMALL);
    const twice = Buffer.concat([Buffer.from(BZIP2_SMALL, 'base64'), Buffer.from(BZIP2_SMALL, 'base64')]);
    assert.equal((await decompressDocument(twice, { maxDecompressedBytes: MB })).bytes.toString(), SMALL + SMALL);
  });

  test('xz round-trips', async () => {
    const r = await decompressDocument(Buffer.from(XZ_SMALL, 'base64'), { maxDecompressedBytes: MB });
    assert.equal(r.encoding, 'xz');
    assert.equal(r.bytes.toString(), SMALL);
  });

  test('zstd round-trips: compressed, raw and RLE blocks, several frames, skippable frames', async () => {
    const r = await decompressDocument(Buffer.from(ZSTD_SMALL, 'base64'), { maxDecompressedBytes: MB });
    assert.equal(r.encoding, 'zstd');
    assert.equal(r.bytes.toString(), SMALL);
    assert.equal((await decompressDocument(zstdRaw(small), { maxDecompressedBytes: MB })).bytes.toString(), SMALL);
    const skippable = Buffer.concat([Buffer.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0]), Buffer.from('xyz')]);
    const rle = zstdFrame([zstdBlockHeader(true, 1, 5), Buffer.from(' ')]);
    const multi = Buffer.concat([zstdRaw(small.subarray(0, 60)), skippable, rle, zstdRaw(small.subarray(60))]);
    assert.equal((await decompressDocument(multi, { maxDecompressedBytes: MB })).bytes.toString(), `${SMALL.slice(0, 60)}     ${SMALL.slice(60)}`);
  });

  test('a 1 GiB gzip bomb fails with DECOMPRESSION_LIMIT without buffering the expansion', async () => {
    const bomb = await gzipOfZeros(1024 * MB);
    assert.ok(bomb.length < 8 * MB, `the bomb is ${bomb.length} bytes`);
    const limit = 32 * MB;
    let outcome: Promise<unknown> = Promise.resolve();
    const growth = await peakBufferGrowth(async () => {
      outcome = decompressDocument(bomb, { maxDecompressedBytes: limit });
      await outcome;
    });
    await expectCode(outcome, 'DECOMPRESSION_LIMIT', /expands beyond 33554432 bytes \(SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES\): decompression bomb\?/);
    assert.ok(growth < 4 * limit, `buffers grew by ${Math.round(growth / MB)} MiB for a ${limit / MB} MiB limit`);
  });

  test('bzip2, xz and zstd bombs stop at the limit too', async () => {
    const bz = Buffer.from(BZIP2_BOMB_256M, 'base64');
    const bzGrowth = await peakBufferGrowth(() => decompressDocument(bz, { maxDecompressedBytes: 8 * MB }));
    await expectCode(decompressDocument(bz, { maxDecompressedBytes: 8 * MB }), 'DECOMPRESSION_LIMIT');
    assert.ok(bzGrowth < 64 * MB, `bzip2: buffers grew by ${Math.round(bzGrowth / MB)} MiB`);

    await expectCode(decompressDocument(Buffer.from(XZ_BOMB_16M, 'base64'), { maxDecompressedBytes: MB }), 'DECOMPRESSION_LIMIT');

    // 8192 RLE blocks of 128 KiB: 1 GiB from 32 KiB, with no declared size to give it away.
    const blocks: Buffer[] = [];
    for (let i = 0; i < 8192; i++) blocks.push(zstdBlockHeader(i === 8191, 1, 128 * 1024), Buffer.from([0]));
    const zbomb = zstdFrame(blocks);
    const zGrowth = await peakBufferGrowth(() => decompressDocument(zbomb, { maxDecompressedBytes: 8 * MB }));
    await expectCode(decompressDocument(zbomb, { maxDecompressedBytes: 8 * MB }), 'DECOMPRESSION_LIMIT');
    assert.ok(zGrowth < 64 * MB, `zstd: buffers grew by ${Math.round(zGrowth / MB)} MiB`);
  });

  test('zstd: a declared size over the limit fails before decompressing; huge windows and dictionaries are refused', async () => {
    const declared = zstdFrame([zstdBlockHeader(true, 1, 10), Buffer.from([0])], { contentSize: 1n << 40n });
    await expectCode(decompressDocument(declared, { maxDecompressedBytes: MB }), 'DECOMPRESSION_LIMIT');
    const wide = zstdFrame([zstdBlockHeader(true, 1, 10), Buffer.from([0])], { windowLog: 28 });
    assert.ok(2 ** 28 > MAX_ZSTD_WINDOW_BYTES);
    await expectCode(decompressDocument(wide, { maxDecompressedBytes: 1024 * MB }), 'DECOMPRESSION_FAILED', /window/);
    const dict = Buffer.concat([ZSTD_MAGIC, Buffer.from([0x01, 0x38, 0x07]), zstdBlockHeader(true, 1, 10), Buffer.from([0])]);
    await expectCode(decompressDocument(dict, { maxDecompressedBytes: MB }), 'DECOMPRESSION_FAILED', /dictionary/);
    assert.throws(() => checkZstdFrames(zstdFrame([zstdBlockHeader(true, 3, 1), Buffer.from([0])]), MB), /reserved block type/);
  });

  test('corrupt and truncated streams fail with DECOMPRESSION_FAILED and the codec message', async () => {
    const inputs: Record<string, Buffer> = {
      gzip: zlib.gzipSync(Buffer.from(SMALL.repeat(50))),
      bzip2: Buffer.from(BZIP2_SMALL, 'base64'),
      xz: Buffer.from(XZ_SMALL, 'base64'),
      zstd: Buffer.from(ZSTD_SMALL, 'base64'),
    };
    for (const [codec, good] of Object.entries(inputs)) {
      const truncated = good.subarray(0, Math.floor(good.length / 2));
      const e = await expectCode(decompressDocument(truncated, { maxDecompressedBytes: MB }), 'DECOMPRESSION_FAILED');
      assert.match(e.message, new RegExp(`the ${codec} stream could not be decompressed: .+`), e.message);
      const corrupt = Buffer.from(good);
      for (let i = 12; i < corrupt.length - 12; i += 7) corrupt[i] = corrupt[i]! ^ 0x5a;
      await expectCode(decompressDocument(corrupt, { maxDecompressedBytes: MB }), 'DECOMPRESSION_FAILED');
    }
  });

  test('xz keeps working after a decompression was abandoned at the limit', async () => {
    await expectCode(decompressDocument(Buffer.from(XZ_BOMB_16M, 'base64'), { maxDecompressedBytes: MB }), 'DECOMPRESSION_LIMIT');
    const [a, b] = await Promise.all([
      decompressDocument(Buffer.from(XZ_SMALL, 'base64'), { maxDecompressedBytes: MB }),
      decompressDocument(Buffer.from(XZ_SMALL, 'base64'), { maxDecompressedBytes: MB }),
    ]);
    assert.equal(a.bytes.toString(), SMALL);
    assert.equal(b.bytes.toString(), SMALL);
  });

  test('nested compression is refused with a clear message', async () => {
    await expectCode(decompressDocument(zlib.gzipSync(zlib.gzipSync(small)), { maxDecompressedBytes: MB }), 'DECOMPRESSION_FAILED', /itself gzip-compressed; nested compression is not supported/);
  });
});
