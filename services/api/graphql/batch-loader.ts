/**
 * Collects the keys that sibling resolvers ask for while one level of a GraphQL
 * result is being built, and fetches them with one batched call: an SBOM
 * listed by 1,182 rows of an answer is then one graph read, not 1,182.
 * Per request (results are cached for its lifetime only, so nothing goes stale).
 */
export class BatchLoader<K, V> {
  private readonly cache = new Map<K, Promise<V | null>>();
  private pending: Array<{ key: K; resolve: (v: V | null) => void; reject: (e: unknown) => void }> = [];

  constructor(private readonly fetch: (keys: K[]) => Promise<Map<K, V>>) {}

  load(key: K): Promise<V | null> {
    let p = this.cache.get(key);
    if (!p) {
      p = new Promise<V | null>((resolve, reject) => {
        // graphql-js calls the resolvers of one list's items in one synchronous pass; flushing
        // after the current I/O callback (setImmediate) catches them all.
        if (this.pending.length === 0) setImmediate(() => void this.flush());
        this.pending.push({ key, resolve, reject });
      });
      this.cache.set(key, p);
    }
    return p;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const found = await this.fetch(batch.map((b) => b.key));
      for (const b of batch) b.resolve(found.get(b.key) ?? null);
    } catch (err) {
      for (const b of batch) {
        this.cache.delete(b.key);
        b.reject(err);
      }
    }
  }
}
