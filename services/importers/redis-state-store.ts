/**
 * Production importer state in the queue's Redis, so every `serve` and
 * `worker` process sees the same progress: one hash of entry fingerprints and
 * one status string per importer, under the queue name so deployments sharing
 * a Redis stay apart.
 */
import { Redis } from 'ioredis';
import { emptyStatus, type ImporterStateStore, type ImporterStatusRecord } from './state-store.js';

export class RedisImporterStateStore implements ImporterStateStore {
  private constructor(private readonly redis: Redis, private readonly prefix: string) {}

  static open(redisUrl: string, namespace: string): RedisImporterStateStore {
    return new RedisImporterStateStore(new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false }), `supplygraph:${namespace}:importer`);
  }

  async readStatus(importer: string): Promise<ImporterStatusRecord> {
    const text = await this.redis.get(`${this.prefix}:${importer}:status`);
    return text ? { ...emptyStatus(), ...(JSON.parse(text) as ImporterStatusRecord) } : emptyStatus();
  }

  async writeStatus(importer: string, status: ImporterStatusRecord): Promise<void> {
    await this.redis.set(`${this.prefix}:${importer}:status`, JSON.stringify(status));
  }

  async readEntries(importer: string): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.redis.hgetall(`${this.prefix}:${importer}:entries`)));
  }

  async recordEntry(importer: string, entry: string, fingerprint: string): Promise<void> {
    await this.redis.hset(`${this.prefix}:${importer}:entries`, entry, fingerprint);
  }

  /** A hash holds one field per entry already. */
  async compactEntries(): Promise<void> {}

  /** The lock shares the connection. */
  connection(): Redis {
    return this.redis;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
