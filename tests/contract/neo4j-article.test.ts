// Parity over the real article: the Neo4j store and the memory store, loaded with the same bundles,
// must give the same answers to the same questions (search is compared by its rule, not by scores).
import type { Driver } from 'neo4j-driver';
import { bundleFiles, loadGraphData, readBundleFile } from '../../src/graph/data/bundle';
import { writeBundles } from '../../src/graph/neo4j/load';
import { MemoryGraphStore } from '../../src/graph/memory';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import type { GraphStore } from '../../src/graph/store';
import { RELATION_TYPE_NAMES } from '../../src/schemas/vocabulary';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';

describeNeo4j('Neo4j and memory stores agree on the article', () => {
  let driver: Driver;
  let neo: GraphStore;
  const data = loadGraphData();
  const memory = MemoryGraphStore.fromGraphData(loadGraphData());
  const ids = data.entities.map((e) => e.id).sort();
  const sample = ids.filter((_, i) => i % 6 === 0);

  beforeAll(async () => {
    driver = openTestDriver();
    await writeBundles(driver, bundleFiles().map(readBundleFile), { reset: true });
    neo = new Neo4jGraphStore(driver);
  });

  afterAll(async () => {
    await neo?.close();
  });

  const same = async <T>(ask: (s: GraphStore) => Promise<T>) => {
    const [a, b] = await Promise.all([ask(neo), ask(memory)]);
    expect(a).toEqual(b);
    return a;
  };

  it('describes, counts and lists documents alike', async () => {
    await same((s) => s.describe().then(({ store: _store, ...counts }) => counts));
    await same((s) => s.schema());
    await same((s) => s.stats(25));
    await same((s) => s.listDocuments());
  });

  it('lists entities alike, page by page and filtered', async () => {
    for (const q of [{ limit: 17 }, { limit: 5, kinds: ['event' as const] }, { limit: 50, prefix: 'ja' }, { limit: 50, prefix: 'THE' }]) {
      let cursor: string | undefined;
      do {
        const page = await same((s) => s.listEntities({ ...q, cursor }));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  });

  it('gives every entity and every relation alike', async () => {
    for (const id of ids) await same((s) => s.getEntity(id));
    for (const r of data.relations) await same((s) => s.getRelation(r.id));
  });

  it('lists relations alike for every entity, by direction, kind and time', async () => {
    for (const id of ids) {
      await same((s) => s.listRelations({ entity: id, limit: 200 }));
      await same((s) => s.listRelations({ entity: id, direction: 'in', counterpartKinds: ['place', 'organization'], limit: 200 }));
    }
    await same((s) => s.listRelations({ asOf: '2014-04-24', limit: 500 }));
    for (const asOf of ['1967', '2005-01-01', '2012', '2014-04-23', '2014-04-25']) {
      await same((s) => s.listRelations({ asOf, limit: 500 }));
      await same((s) => s.listRelations({ asOf, possible: true, limit: 500 }));
    }
    await same((s) => s.listRelations({ since: '2014-04-24', possible: true, limit: 500 }));
    for (const id of sample) {
      await same((s) => s.listRelations({ subject: id, limit: 500 }));
      await same((s) => s.listRelations({ object: id, limit: 500 }));
      await same((s) => s.listRelations({ entity: id, direction: 'out', asOf: '2014', possible: true, limit: 500 }));
    }
    await same((s) => s.listRelations({ since: '2012', until: '2013-06', modalities: ['stated', 'assessment'], limit: 500 }));
    await same((s) => s.listRelations({ endpointKinds: ['person'], types: ['MET', 'HOLDS_OFFICE', 'CHILD_OF'], limit: 500 }));
  });

  it('walks neighbourhoods alike', async () => {
    for (const id of sample) {
      await same((s) => s.neighbourhood(id, { depth: 1, maxNodes: 200, maxEdges: 500 }));
      await same((s) => s.neighbourhood(id, { depth: 2, maxNodes: 25, maxEdges: 40 }));
      await same((s) => s.neighbourhood(id, { depth: 3, maxNodes: 60, maxEdges: 80, asOf: '2014-04' }));
      await same((s) => s.neighbourhood(id, { depth: 2, maxNodes: 60, maxEdges: 80, asOf: '2014-03-06', possible: true }));
    }
  });

  it('finds the same paths', async () => {
    for (const from of sample) {
      for (const to of sample) {
        if (from >= to) continue;
        await same((s) => s.paths(from, to, { maxHops: 4, k: 8 }));
      }
    }
    await same((s) => s.paths('hu-deping', 'wang-anshun', { maxHops: 5, k: 10, types: RELATION_TYPE_NAMES.filter((t) => t !== 'LOCATED_IN') }));
    await same((s) => s.paths('yoichi-masuzoe', 'xi-jinping', { maxHops: 6, k: 10, asOf: '2014-04-24' }));
    await same((s) => s.paths('yoichi-masuzoe', 'xi-jinping', { maxHops: 6, k: 10, asOf: '2014-04-24', possible: true }));
    await same((s) => s.paths('hu-deping', 'shinzo-abe', { maxHops: 4, k: 10, asOf: '2014-03-06', possible: true }));
  });

  it('builds the same timelines', async () => {
    await same((s) => s.timeline({ limit: 500 }));
    await same((s) => s.timeline({ limit: 500, since: '2012', until: '2014-03' }));
    await same((s) => s.timeline({ limit: 500, since: '2012', until: '2014-03', possible: true }));
    await same((s) => s.timeline({ limit: 500, asOf: '1967', possible: true }));
    for (const id of sample) await same((s) => s.timeline({ entity: id, limit: 100 }));
  });

  it('ranks exact names and aliases first in search, as the memory store does', async () => {
    for (const e of data.entities) {
      for (const q of [e.name, ...e.aliases]) {
        const [a, b] = await Promise.all([neo.search({ q, limit: 5 }), memory.search({ q, limit: 5 })]);
        const exact = (hits: typeof a) =>
          hits.filter((h) => [h.entity.name, ...h.entity.aliases].some((n) => n.toLowerCase() === q.toLowerCase())).map((h) => h.entity.id);
        expect(new Set(exact(a.slice(0, exact(b).length)))).toEqual(new Set(exact(b)));
      }
    }
  });
});
