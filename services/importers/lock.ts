/**
 * One run at a time per importer. Embedded: one process owns the data
 * directory, so a set of held names is enough. Production: a Redis key with an
 * expiry (redis-lock.ts), so a crashed holder frees it on its own.
 */
export interface ImporterLock {
  /** A release function, or null when another run (here or in another process) holds the importer. */
  acquire(importer: string): Promise<(() => Promise<void>) | null>;
  isHeld(importer: string): Promise<boolean>;
}

export class InProcessImporterLock implements ImporterLock {
  private readonly held = new Set<string>();

  async acquire(importer: string): Promise<(() => Promise<void>) | null> {
    if (this.held.has(importer)) return null;
    this.held.add(importer);
    return async () => { this.held.delete(importer); };
  }

  async isHeld(importer: string): Promise<boolean> {
    return this.held.has(importer);
  }
}
