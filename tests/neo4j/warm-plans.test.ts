// Query plans after a timeout, an outage or a load (src/graph/neo4j/warm-plan.ts). Neo4j does not cache a
// plan that a transaction timeout cut off, so a statement slower to plan than the timeout would time out
// on every request: the store plans it in the background. The per-type pages, used only once their plan
// is warm, wait for it again when it may be gone: Neo4j restarted (the breaker closes again), or a
// request using it timed out (Neo4j replans a cached plan inline when the statistics changed).
import type { Driver } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { StoreTimeoutError } from '../../src/graph/errors';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import { GET_RELATION } from '../../src/graph/neo4j/queries';
import { WarmPlan } from '../../src/graph/neo4j/warm-plan';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';

const nextTurns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('WarmPlan', () => {
  it('is cold again after forget(), and a warm-up started before forget() does not make it ready', async () => {
    const finish: Array<() => void> = [];
    const plan = new WarmPlan(() => new Promise<void>((resolve) => finish.push(resolve)));
    plan.ensure();
    finish.shift()!();
    await nextTurns();
    expect(plan.ready).toBe(true);
    plan.forget();
    expect(plan.ready).toBe(false);
    plan.ensure();
    plan.forget();
    finish.shift()!(); // the warm-up started before the second forget()
    await nextTurns();
    expect(plan.ready).toBe(false);
    plan.ensure();
    finish.shift()!();
    await nextTurns();
    expect(plan.ready).toBe(true);
  });

  it('whenReady() gives up with the last error after failed warm-ups in a row, and waits through fewer', async () => {
    let calls = 0;
    const failing = new WarmPlan(async () => {
      calls++;
      throw new Error(`driver closed (${calls})`);
    });
    await expect(failing.whenReady(1, 3)).rejects.toThrow('driver closed (3)');
    expect(calls).toBe(3);

    let attempts = 0;
    const flaky = new WarmPlan(async () => {
      if (++attempts < 3) throw new Error('not yet');
    });
    await flaky.whenReady(1, 3);
    expect(flaky.ready).toBe(true);
    expect(attempts).toBe(3);
  });
});

describe('Neo4j store after a timeout', () => {
  // The database's side of a timeout (its error code) without a database: which statements the store sends.
  it('plans the statement that timed out in the background, with the parameters of the request', async () => {
    const sent: Array<{ query: string; params: unknown; timeout: unknown }> = [];
    const timedOut = Object.assign(new Error('timed out'), { code: 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration' });
    const driver = {
      session: () => ({
        run: async (query: string, params: unknown, config?: { timeout?: unknown }) => {
          sent.push({ query, params, timeout: config?.timeout });
          if (query.startsWith('EXPLAIN ')) return { records: [] };
          throw timedOut;
        },
        close: async () => undefined,
      }),
      close: async () => undefined,
    } as unknown as Driver;
    const store = new Neo4jGraphStore(driver);
    await expect(store.getRelation('some-id')).rejects.toBeInstanceOf(StoreTimeoutError);
    await nextTurns();
    expect(sent).toEqual([
      { query: GET_RELATION, params: { id: 'some-id' }, timeout: 10_000 },
      { query: `EXPLAIN ${GET_RELATION}`, params: { id: 'some-id' }, timeout: 0 },
    ]);
    await store.close();
  });
});

describeNeo4j('Neo4j per-type pages', () => {
  let admin: Driver;
  let store: Neo4jGraphStore;

  beforeAll(async () => {
    admin = openTestDriver();
    await writeBundles(admin, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
    store = new Neo4jGraphStore(openTestDriver(), undefined, { perTypePagesMinRelations: 0, queryTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await store?.close();
    await admin?.close();
  });

  const ready = () => [store.perTypeRelations.ready, store.perTypeTimeline.ready];

  it('wait for their plans again when the database is back after an outage', async () => {
    await store.warmUp();
    expect(ready()).toEqual([true, true]);
    store.breaker.trip('test outage');
    expect(await store.breaker.check()).toBe(true);
    expect(ready()).toEqual([false, false]);
    await store.warmUp();
    expect(ready()).toEqual([true, true]);
  });
});
