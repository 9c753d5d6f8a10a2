// The GraphStore contract against a real Neo4j: reset the database, load the fixture bundles with the
// seed loader, and run the same suite as the memory store. Skips (with a note) only when the test setup
// has no Neo4j and REQUIRE_NEO4J is not set (tests/setup/globalSetup.ts decides).
import type { Driver } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { graphCounts, writeBundles } from '../../src/graph/neo4j/load';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';
import { graphStoreContract } from './graph-store.contract';
import { writeContract } from './parts/writes';
import { reconcileDocuments } from '../../src/graph/neo4j/load/document';
import { MemoryGraphStore } from '../../src/graph/memory';
import type { GraphStore } from '../../src/graph/store';
import { fixtureC } from '../fixtures/ingest';

describeNeo4j('Neo4j store', () => {
  graphStoreContract('neo4j', async () => {
    const driver: Driver = openTestDriver();
    try {
      await writeBundles(driver, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
    } catch (err) {
      await driver.close();
      throw err;
    }
    // The unanchored relation pages walk the per-type indexes here (Q.LIST_RELATIONS, used on large
    // graphs); the article suite (neo4j-article.test.ts) keeps the default, the scan: both answer alike.
    // A longer query timeout: once Neo4j has resampled its statistics it replans these 27-branch pages inline,
    // which took about 10 s on this 2-core machine (the store sets them aside after a timeout; tests/neo4j/warm-plans).
    const store = new Neo4jGraphStore(driver, undefined, { perTypePagesMinRelations: 0, queryTimeoutMs: 60_000 });
    try {
      await store.warmUp();
    } catch (err) {
      await store.close();
      throw err;
    }
    return { store, teardown: () => store.close() };
    // Warming makes the three per-type pages' plans one after the other: 33 s on a Neo4j just started and an
    // idle machine (2026-12-02), past Jest's default minute with six plans on CI's machine.
  }, 300_000);
});

describeNeo4j('Neo4j store writes', () => {
  let store: Neo4jGraphStore | undefined;
  beforeAll(async () => {
    const driver = openTestDriver();
    store = new Neo4jGraphStore(driver);
    await writeBundles(driver, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
  });
  afterAll(async () => store?.close());
  writeContract(() => store!);
});

describeNeo4j('Neo4j: re-seeding keeps documents written over the API', () => {
  let store: Neo4jGraphStore | undefined;
  let driver: Driver;
  const seedBundles = () => bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile);
  beforeAll(async () => {
    driver = openTestDriver();
    store = new Neo4jGraphStore(driver);
    await writeBundles(driver, seedBundles(), { reset: true });
  });
  afterAll(async () => store?.close());

  it('the seed loader alone drops the shared evidence; reconcileDocuments restores the full merge', async () => {
    await store!.putDocument({ bundle: fixtureC(), author: 'alice', spansVerified: false });
    await writeBundles(driver, seedBundles()); // what the seed CLI does on every container start
    expect((await store!.getRelation('roth-met-okafor'))!.documents).toEqual(['fixture-a']);
    const summary = await reconcileDocuments(driver);
    expect(summary.relations).toEqual({ created: 0, updated: 1, deleted: 0 });
    expect((await store!.getRelation('roth-met-okafor'))!.documents).toEqual(['fixture-a', 'fixture-c']);
    const memory = MemoryGraphStore.fromBundles([...seedBundles(), fixtureC()]);
    const everything = async (s: GraphStore) => ({
      relations: (await s.listRelations({ limit: 1000 })).items,
      entities: await Promise.all((await s.listEntities({ limit: 1000 })).items.map((e) => s.getEntity(e.id))),
      documents: await s.listDocuments(),
    });
    const [a, b] = [await everything(store!), await everything(memory)];
    // The document metadata differs only by the author recorded for the API write.
    expect(a.relations).toEqual(b.relations);
    expect(a.entities).toEqual(b.entities);
    expect(a.documents.map(({ author: _a, spansVerified: _s, ...d }) => d)).toEqual(b.documents);
    expect(await reconcileDocuments(driver)).toEqual({
      entities: { created: 0, updated: 0, deleted: 0 },
      relations: { created: 0, updated: 0, deleted: 0 },
    });
    expect((await graphCounts(driver)).nodes).toBe(a.entities.length + a.documents.length); // no lock node left
  });

  it('serialises concurrent writes: documents restating one relation all keep their evidence', async () => {
    const twin = (id: string) => {
      const b = fixtureC();
      b.document.id = id;
      return b;
    };
    await Promise.all(['fixture-f', 'fixture-g', 'fixture-h'].map((id) => store!.putDocument({ bundle: twin(id), author: id, spansVerified: false })));
    const r = (await store!.getRelation('roth-met-okafor'))!;
    expect(r.documents).toEqual(['fixture-a', 'fixture-c', 'fixture-f', 'fixture-g', 'fixture-h']);
    expect((await store!.getEntity('lena-varga'))!.documents).toEqual(['fixture-c', 'fixture-f', 'fixture-g', 'fixture-h']);
  });
});
