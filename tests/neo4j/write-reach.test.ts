// A document write on Neo4j reads only the stored bundles its reach touches (load/document-cypher.ts
// DOCUMENTS_REACHED, with FAR_END_KEYS for its timeless relations), where the memory store merges every document. On random overlapping documents
// (tests/fixtures/random-documents.ts: shared entities and relations, timeless relations whose time is their
// ends' overlap, Wikidata ids, conflicting writes), the same writes on both stores give the same results, the
// same refusals and the same graph.
import type { Driver } from 'neo4j-driver';
import { MemoryGraphStore } from '../../src/graph/memory';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { resetGraph } from '../../src/graph/neo4j/load';
import type { GraphStore } from '../../src/graph/store';
import { toGraphData } from '../../src/graph/data/bundle';
import { writeReach } from '../../src/graph/data/documents';
import { DOCUMENTS_REACHED, FAR_END_KEYS } from '../../src/graph/neo4j/load/document-cypher';
import { randomWorld } from '../fixtures/random-documents';
import { documentsReached, farEndKeys } from '../helpers/documents-reached';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';

const WORLDS = 8;
const WRITES = 10;

async function write(store: GraphStore, id: string, next: ReturnType<ReturnType<typeof randomWorld>['write']>['next']) {
  try {
    const result = next ? await store.putDocument({ bundle: next, author: 'test', spansVerified: false }) : await store.deleteDocument(id, {});
    return { result };
  } catch (err) {
    return { refused: (err as Error).constructor.name, problems: (err as { problems?: string[] }).problems };
  }
}

/** What readers see of the graph: every entity in detail and every relation. */
async function graph(store: GraphStore) {
  const entities = (await store.listEntities({ limit: 1000 })).items;
  return {
    entities: await Promise.all(entities.map((e) => store.getEntity(e.id))),
    relations: (await store.listRelations({ limit: 1000 })).items,
    documents: (await store.listDocuments()).map((d) => d.id),
  };
}

describeNeo4j('document writes plan over the documents they reach (Neo4j against memory)', () => {
  let driver: Driver;
  let neo4jStore: Neo4jGraphStore | undefined;

  afterEach(async () => neo4jStore?.close());

  for (let seed = 1; seed <= WORLDS; seed++) {
    it(`world ${seed}: the same results, refusals and graph after ${WRITES} writes over 6 documents`, async () => {
      driver = openTestDriver();
      await resetGraph(driver);
      // a store of its own: resetGraph drops the graph version too, so versions start again at 1 and a
      // store's per-version figures (its document list) would be an earlier world's
      neo4jStore = new Neo4jGraphStore(driver);
      const world = randomWorld(seed * 7919);
      const memory = MemoryGraphStore.fromBundles([]);
      for (const bundle of world.stored) {
        for (const store of [memory, neo4jStore]) await store.putDocument({ bundle, author: 'test', spansVerified: false });
      }
      const outcomes = { written: 0, refused: 0 };
      for (let w = 0; w < WRITES; w++) {
        const { id, next } = world.write();
        const expected = await write(memory, id, next);
        expect({ w, ...(await write(neo4jStore, id, next)) }).toEqual({ w, ...expected });
        if ('refused' in expected) outcomes.refused++;
        else outcomes.written++;
      }
      expect(outcomes.written).toBeGreaterThan(0);
      expect(await graph(neo4jStore)).toEqual(await graph(memory));
    }, 120_000);
  }

  it('DOCUMENTS_REACHED and FAR_END_KEYS find what the in-memory oracle finds, for each id alone and 40 writes, in 12 worlds', async () => {
    let compared = 0;
    let fewer = 0;
    let withKeys = 0;
    for (let seed = 1; seed <= 12; seed++) {
      driver = openTestDriver();
      await resetGraph(driver);
      neo4jStore = new Neo4jGraphStore(driver);
      const world = randomWorld(seed * 104729);
      for (const bundle of world.stored) await neo4jStore.putDocument({ bundle, author: 'test', spansVerified: false });
      const graph = toGraphData(world.stored);
      // each part of the statement alone (one id of each kind), then the reaches of random writes
      const single = [
        ...graph.entities.map((e) => ({ entities: [e.id], relations: [], qids: [] })),
        ...graph.relations.map((r) => ({ entities: [], relations: [r.id], qids: [] })),
        ...graph.entities.flatMap((e) => (e.wikidata ? [{ entities: [], relations: [], qids: [e.wikidata] }] : [])),
      ];
      const writes = Array.from({ length: 40 }, () => world.write());
      const reaches = [...single, ...writes.map(({ id, next }) => writeReach(world.stored.find((b) => b.document.id === id) ?? null, next))];
      for (const [w, reach] of reaches.entries()) {
        const found = (await driver.executeQuery(DOCUMENTS_REACHED, reach)).records[0]!.get('docs') as string[];
        const expected = documentsReached(graph, reach);
        const keys = (await driver.executeQuery(FAR_END_KEYS, reach)).records.map((r) => [r.get('id'), r.get('minStart'), r.get('maxStart'), r.get('minEnd'), r.get('maxEnd')]);
        const expectedKeys = [...farEndKeys(graph, reach)].map(([id, k]) => [id, k.minStart, k.maxStart, k.minEnd, k.maxEnd]);
        const byFirst = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : 1);
        expect({ seed, w, docs: [...new Set(found)].sort(), keys: keys.sort(byFirst) }).toEqual({ seed, w, docs: [...expected].sort(), keys: expectedKeys.sort(byFirst) });
        if (keys.length) withKeys++;
        compared++;
        if (expected.size < world.stored.length) fewer++;
      }
      await neo4jStore.close();
      neo4jStore = undefined;
    }
    expect(compared).toBeGreaterThan(480);
    expect(fewer).toBeGreaterThan(100);
    expect(withKeys).toBeGreaterThan(100);
  }, 300_000);
});
