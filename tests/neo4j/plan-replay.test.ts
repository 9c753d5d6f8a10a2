// Plans made again after an outage (src/graph/neo4j/warm-plan.ts): Neo4j restarts with an empty plan cache,
// and a statement slower to plan than the query timeout would time out on every request. The store notes
// every statement it runs with its parameter types and, when the breaker closes again, plans them all in
// the background (EXPLAIN: the logical plan, most of the planning time; measured in the README). The
// number of cached plans is what `db.clearQueryCaches()` reports.
import neo4j, { type Driver } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import { BUMP_VERSION } from '../../src/graph/neo4j/load/cypher';
import { PlanShapes, WarmPlan } from '../../src/graph/neo4j/warm-plan';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';

describe('PlanShapes', () => {
  it('keys a statement by its parameter types, not their values', () => {
    const shapes = new PlanShapes();
    shapes.note('RETURN $a', { a: 'x', n: neo4j.int(1), kinds: null });
    shapes.note('RETURN $a', { a: 'y', n: neo4j.int(2), kinds: null });
    expect(shapes.size).toBe(1);
    shapes.note('RETURN $a', { a: 'y', n: neo4j.int(2), kinds: ['person'] });
    shapes.note('RETURN $a', { a: 'y', n: 2, kinds: null });
    shapes.note('RETURN $b', { a: 'x', n: neo4j.int(1), kinds: null });
    expect(shapes.size).toBe(4);
  });

  it('keeps only what planning needs: the types, with small values', () => {
    const shapes = new PlanShapes();
    shapes.note('RETURN $ids', { ids: Array.from({ length: 1000 }, (_, i) => `id-${i}`), q: 'a long search text', flag: true });
    expect(shapes.list()).toEqual([{ query: 'RETURN $ids', params: { ids: [''], q: '', flag: true } }]);
    expect(PlanShapes.key('RETURN $ids', shapes.list()[0]!.params)).toBe(PlanShapes.key('RETURN $ids', { ids: ['x', 'y'], q: 'b', flag: false }));
  });

  it('stops noting at its bound', () => {
    const shapes = new PlanShapes(3);
    for (let i = 0; i < 10; i++) shapes.note(`RETURN ${i}`, {});
    expect(shapes.size).toBe(3);
  });
});

describe('WarmPlan', () => {
  it('is cold again after forget(), and a warm-up started before forget() does not make it ready', async () => {
    const finish: Array<() => void> = [];
    const plan = new WarmPlan(() => new Promise<void>((resolve) => finish.push(resolve)));
    plan.ensure();
    finish.shift()!();
    await new Promise((r) => setImmediate(r));
    expect(plan.ready).toBe(true);
    plan.forget();
    expect(plan.ready).toBe(false);
    plan.ensure();
    plan.forget();
    finish.shift()!(); // the warm-up started before the second forget()
    await new Promise((r) => setImmediate(r));
    expect(plan.ready).toBe(false);
    plan.ensure();
    finish.shift()!();
    await new Promise((r) => setImmediate(r));
    expect(plan.ready).toBe(true);
  });
});

describeNeo4j('Neo4j plans made again after an outage', () => {
  let admin: Driver;
  let store: Neo4jGraphStore;

  /** How many plans the cache held (and empties it). */
  const clearPlans = async () => {
    const { records } = await admin.executeQuery('CALL db.clearQueryCaches()');
    return Number(/of (\d+) quer/.exec(records[0]!.get('value') as string)?.[1] ?? 0);
  };

  /** The breaker opens, then the database answers again. */
  const outageAndBack = async () => {
    store.breaker.trip('test outage');
    expect(await store.breaker.check()).toBe(true);
    await store.replanned.whenReady();
  };

  /** A request of every kind, with and without filters. */
  const requests = async () => {
    const time = { since: '2014-01', until: '2014-12' };
    await store.describe();
    await store.getEntity('anika-roth');
    await store.listEntities({ limit: 5 });
    await store.listEntities({ limit: 5, kinds: ['person'], prefix: 'a' });
    await store.listRelations({ limit: 5 });
    await store.listRelations({ limit: 5, entity: 'anika-roth', ...time });
    await store.timeline({ limit: 5 });
    await store.timeline({ limit: 5, entity: 'anika-roth' });
    await store.neighbourhood('anika-roth', { depth: 2, maxNodes: 20, maxEdges: 50 });
    await store.paths('anika-roth', 'anika-roth', { maxHops: 3, k: 2 });
    await store.search({ q: 'roth', limit: 5 });
    await store.stats(5);
    await store.listDocuments();
  };

  beforeAll(async () => {
    admin = openTestDriver();
    await writeBundles(admin, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
    store = new Neo4jGraphStore(openTestDriver());
    await requests();
  });
  afterAll(async () => {
    await store?.close();
    await admin?.close();
  });

  it('plans every statement run so far once the breaker closes again', async () => {
    await clearPlans();
    await outageAndBack();
    const cached = await clearPlans();
    // every request kind above, each statement with each set of parameter types it was run with
    expect(store.lastReplan).toEqual({ planned: expect.any(Number), failed: 0 });
    expect(store.lastReplan.planned).toBeGreaterThanOrEqual(15);
    expect(cached).toBeGreaterThanOrEqual(store.lastReplan.planned);

    // statements run since are planned at the next outage too
    await store.getRelation('no-such-relation');
    await outageAndBack();
    expect(store.lastReplan.planned).toBeGreaterThan(0);
    expect(await clearPlans()).toBeGreaterThanOrEqual(cached + 1);
  });

  it('plans nothing without an outage', async () => {
    await clearPlans();
    await new Promise((r) => setTimeout(r, 200));
    expect(await clearPlans()).toBeLessThanOrEqual(1);
  });
});

describeNeo4j('Neo4j per-type pages after a load', () => {
  it('wait for their plans again once the graph version moves on (Neo4j may replan them inline)', async () => {
    const admin = openTestDriver();
    const store = new Neo4jGraphStore(openTestDriver(), undefined, { unionPageMinRelations: 0 });
    try {
      await writeBundles(admin, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
      await store.warmUp();
      const first = await store.listRelations({ limit: 5 });
      expect(store.unionPage.ready).toBe(true);
      expect(store.timelinePage.ready).toBe(true);

      await admin.executeQuery(BUMP_VERSION); // as every load and document write does
      expect(await store.listRelations({ limit: 5 })).toEqual(first);
      expect(store.unionPage.ready).toBe(false);
      expect(store.timelinePage.ready).toBe(false);
      expect(await store.listRelations({ limit: 5 })).toEqual(first); // the same page meanwhile

      await store.warmUp();
      expect(store.unionPage.ready).toBe(true);
      expect(store.timelinePage.ready).toBe(true);
    } finally {
      await store.close();
      await admin.close();
    }
  });
});
