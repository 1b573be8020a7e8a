/**
 * The importer lock across processes: SET NX with an expiry, renewed while the
 * run lives. A holder killed with -9 stops renewing and the lock lapses after
 * `ttlMs`, so the next scheduled run elsewhere takes over. Renewal and
 * release only touch the key while it still holds this run's token.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ImporterLock } from './lock.js';

const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export class RedisImporterLock implements ImporterLock {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly ttlMs = 30_000) {}

  private key(importer: string): string {
    return `${this.prefix}:${importer}:lock`;
  }

  async acquire(importer: string): Promise<(() => Promise<void>) | null> {
    const token = randomUUID();
    const key = this.key(importer);
    const ok = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
    if (ok !== 'OK') return null;
    const renew = setInterval(() => {
      this.redis.eval(RENEW, 1, key, token, String(this.ttlMs)).catch(() => undefined);
    }, Math.floor(this.ttlMs / 3));
    renew.unref();
    return async () => {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, key, token);
    };
  }

  async isHeld(importer: string): Promise<boolean> {
    return (await this.redis.exists(this.key(importer))) === 1;
  }
}
