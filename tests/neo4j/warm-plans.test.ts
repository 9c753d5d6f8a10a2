// Query plans after a timeout, an outage or a load (src/graph/neo4j/warm-plan.ts). Neo4j does not cache a
// plan that a transaction timeout cut off, so a statement slower to plan than the timeout would time out
// on every request: the store plans it in the background. The per-type pages, used only once their plan
// is warm, wait for it again when it may be gone: Neo4j restarted (the breaker closes again), or a
// request using it timed out (Neo4j replans a cached plan inline when the statistics changed).
import neo4j, { type Driver } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { StoreTimeoutError } from '../../src/graph/errors';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import { GET_RELATION, LIST_RELATIONS_ONE, LIST_TIMELINE_BY_BAND_ONE, LIST_TIMELINE_BY_TYPE_ONE } from '../../src/graph/neo4j/queries';
import { AFTER_PARAM_LENGTH, afterParam } from '../../src/graph/neo4j/params';
import { encodeCursor } from '../../src/graph/cursor';
import { WarmPlan } from '../../src/graph/neo4j/warm-plan';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, openTestDriver, watchedDriver } from '../helpers/neo4j';

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

describe('afterParam', () => {
  it('pads every cursor key to one length and keeps `key > after` as it was', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = 'ab-09|:z';
    const word = () => Array.from({ length: next(6) }, () => alphabet[next(alphabet.length)]).join('');
    const keys = Array.from({ length: 300 }, word);
    const differ: string[][] = [];
    for (const after of keys) {
      const padded = afterParam(after === '' ? undefined : encodeCursor(after));
      expect(padded).toHaveLength(AFTER_PARAM_LENGTH);
      for (const key of keys) if (key > padded !== key > after) differ.push([key, after]);
    }
    expect(differ).toEqual([]);
    // the longest cursor the API accepts (512 characters) still fits
    const longest = encodeCursor('a'.repeat(382));
    expect(longest).toHaveLength(512);
    expect(afterParam(longest)).toHaveLength(AFTER_PARAM_LENGTH);
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

  // Neo4j caches a plan per statement and parameter types, strings by length class (afterParam): a page whose
  // parameters differ from the warm-up's in that way is planned inline, within its request's timeout.
  it('send every page, first or later, with the parameter shapes their plans were made with', async () => {
    const sent: Array<{ query: string; params: Record<string, unknown> }> = [];
    const driver = openTestDriver();
    const recording = watchedDriver(driver, { run: (query, params) => void sent.push({ query, params }) });
    const recorded = new Neo4jGraphStore(recording, undefined, { perTypePagesMinRelations: 0, queryTimeoutMs: 60_000 });
    let warming = 0;
    try {
      await recorded.warmUp();
      warming = sent.length;
      for (const window of [{}, { since: '1990', until: '2020' }]) {
        const relations = await recorded.listRelations({ limit: 2, ...window });
        await recorded.listRelations({ limit: 2, ...window, cursor: relations.nextCursor! });
        const timeline = await recorded.timeline({ limit: 2, ...window });
        await recorded.timeline({ limit: 2, ...window, cursor: timeline.nextCursor! });
      }
    } finally {
      await recorded.close();
    }
    const shape = (params: Record<string, unknown>) =>
      Object.keys(params)
        .sort()
        .map((k) => {
          const v = params[k];
          if (v === null || typeof v !== 'object') return `${k}: ${typeof v === 'string' ? `string(${v.length})` : v === null ? 'null' : typeof v}`;
          return `${k}: ${Array.isArray(v) ? `list(${v.length})` : neo4j.isInt(v) ? 'integer' : 'map'}`;
        })
        .join(', ');
    // what warmUp() sent: each statement run once for one row, which caches its plan
    const planned = (query: string) => sent.slice(0, warming).filter((s) => s.query === query).map((s) => shape(s.params));
    for (const query of [LIST_RELATIONS_ONE, LIST_TIMELINE_BY_TYPE_ONE, LIST_TIMELINE_BY_BAND_ONE]) {
      expect(planned(query)).toHaveLength(1);
      const used = sent.slice(warming).filter((s) => s.query === query);
      expect(used.length).toBeGreaterThanOrEqual(2);
      for (const u of used) expect(planned(query)).toContain(shape(u.params));
    }
  }, 300_000);

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
