// The per-version cache's claims (src/graph/neo4j/derived.ts): requests that come while one computes a figure
// wait for it, and take it only for the graph version they read.
import { DerivedCache } from '../../src/graph/neo4j/derived';

/** Whether `p` has settled after the pending microtasks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('DerivedCache claims', () => {
  it('lets one caller claim a key; waiters get its figure when it is done, at its version', async () => {
    const cache = new DerivedCache();
    const claim = cache.claim<number>('total')!;
    expect(claim).toBeDefined();
    expect(cache.claim('total')).toBeUndefined();
    const computed = cache.computed<number>('total');
    const same = cache.waitFor<number>(7, 'total');
    const other = cache.waitFor<number>(6, 'total');
    expect(await settled(same)).toBe(false);
    expect(claim.done(7, 42)).toBe(42);
    claim.release();
    await expect(same).resolves.toBe(42);
    await expect(other).resolves.toBeUndefined();
    await expect(computed).resolves.toEqual({ version: 7, value: 42 });
    await expect(cache.computed('total')).resolves.toBeUndefined();
    // cached at that version, and free to claim again
    expect(cache.get(7, 'total')).toBe(42);
    await expect(cache.waitFor(7, 'total')).resolves.toBe(42);
    expect(cache.claim('total')).toBeDefined();
  });

  it('lets waiters go without a figure when the claim is released undone (the computation failed)', async () => {
    const cache = new DerivedCache();
    const claim = cache.claim<number>('stats')!;
    const waiting = cache.waitFor<number>(1, 'stats');
    const computed = cache.computed('stats');
    claim.release();
    await expect(waiting).resolves.toBeUndefined();
    await expect(computed).resolves.toBeUndefined();
    expect(cache.claim('stats')).toBeDefined();
  });

  it('does not drop a later claim of the same key when an earlier one is released again', async () => {
    const cache = new DerivedCache();
    const first = cache.claim<number>('k')!;
    first.done(1, 10);
    const second = cache.claim<number>('k')!;
    first.release();
    expect(cache.claim('k')).toBeUndefined();
    const waiting = cache.waitFor<number>(2, 'k');
    second.done(2, 20);
    await expect(waiting).resolves.toBe(20);
  });
});
