/**
 * Blobs as files under <dir>/sha256/<2 hex>/<hex>. Writes go to a temp file
 * and are renamed into place, so a reader never sees a partial blob and two
 * writers of the same bytes both succeed (the store keeps one copy).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BlobNotFoundError, parseDigest, type BlobInfo, type BlobStore } from './blob-store.js';

export class FileSystemBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  async put(data: Uint8Array): Promise<BlobInfo> {
    const hex = createHash('sha256').update(data).digest('hex');
    const digest = `sha256:${hex}`;
    const target = this.pathOf(hex);
    if (await exists(target)) return { digest, byteSize: data.byteLength, created: false };
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(this.dir, 'tmp', `${hex}.${randomUUID()}`);
    await mkdir(path.dirname(tmp), { recursive: true });
    await writeFile(tmp, data, { flush: true });
    try {
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    return { digest, byteSize: data.byteLength, created: true };
  }

  async get(digest: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(parseDigest(digest)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(digest);
      throw err;
    }
  }

  async has(digest: string): Promise<boolean> {
    return exists(this.pathOf(parseDigest(digest)));
  }

  async size(digest: string): Promise<number> {
    try {
      return (await stat(this.pathOf(parseDigest(digest)))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(digest);
      throw err;
    }
  }

  async delete(digest: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(parseDigest(digest)));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  private pathOf(hex: string): string {
    return path.join(this.dir, 'sha256', hex.slice(0, 2), hex);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
