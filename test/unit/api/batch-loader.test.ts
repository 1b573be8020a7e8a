import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BatchLoader } from '../../../services/api/graphql/batch-loader.js';

describe('BatchLoader', () => {
  test('keys asked for in one pass are fetched with one call; repeats are cached', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader<string, string>(async (keys) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    });
    const first = await Promise.all(['a', 'b', 'a', 'missing', 'c'].map((k) => loader.load(k)));
    assert.deepEqual(first, ['A', 'B', 'A', null, 'C']);
    assert.deepEqual(calls, [['a', 'b', 'missing', 'c']], 'one fetch, each key once');
    assert.equal(await loader.load('b'), 'B');
    assert.equal(calls.length, 1, 'a key already loaded is not fetched again');
    assert.equal(await loader.load('d'), 'D');
    assert.deepEqual(calls[1], ['d'], 'a later pass is a new batch');
  });

  test('a failed fetch rejects every waiting load and is retried on the next load', async () => {
    let fail = true;
    const loader = new BatchLoader<string, number>(async (keys) => {
      if (fail) throw new Error('graph unavailable');
      return new Map(keys.map((k) => [k, k.length]));
    });
    const results = await Promise.allSettled([loader.load('x'), loader.load('yy')]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.match(String((results[0] as PromiseRejectedResult).reason), /graph unavailable/);
    fail = false;
    assert.equal(await loader.load('yy'), 2, 'the failure was not cached');
  });
});
