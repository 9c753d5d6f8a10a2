// Search filtered by kind or document on Neo4j. Lucene ranks every entity before the filters apply, and the
// store asks it for a bounded number of candidates; when the best ones are all of another kind (a common
// word on a large graph: on the 10^6 benchmark graph `q=active in security&kind=event` found none of
// 8,285 matching events), the page came back empty. It must hold what the memory store's holds, and an
// unfiltered or full page must still take one statement.
import type { Driver } from 'neo4j-driver';
import { MemoryGraphStore } from '../../src/graph/memory';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import { SEARCH } from '../../src/graph/neo4j/queries';
import type { Bundle } from '../../src/schemas/bundle';
import { TEXT_C, fixtureC, spanIn } from '../fixtures/ingest';
import { describeNeo4j, openTestDriver, watchedDriver } from '../helpers/neo4j';

const LOUD = 700; // organizations whose name and summary repeat the word: they take every candidate
const QUIET = 3; // events that mention it once, in the summary

function crowdedBundle(): Bundle {
  const bundle = structuredClone(fixtureC()) as Bundle;
  const mention = spanIn(TEXT_C, 'Harbor Gazette');
  for (let i = 0; i < LOUD; i++) {
    bundle.entities.push({
      id: `zephyr-house-${i}`,
      kind: 'organization',
      subtype: 'news-publisher',
      name: `Zephyr House ${i}`,
      aliases: [`Zephyr ${i}`],
      summary: 'A zephyr publisher, zephyr through and through.',
      mentions: [mention],
    } as Bundle['entities'][number]);
  }
  for (let i = 0; i < QUIET; i++) {
    bundle.entities.push({
      id: `quiet-meeting-${i}`,
      kind: 'event',
      subtype: 'meeting',
      name: `Quiet Meeting ${i}`,
      aliases: [],
      summary: 'A meeting held on a day of light zephyr.',
      time: 'timeless',
      mentions: [mention],
    } as Bundle['entities'][number]);
  }
  return bundle;
}

describeNeo4j('Neo4j search filtered by kind or document', () => {
  let driver: Driver;
  let neo: Neo4jGraphStore;
  let memory: MemoryGraphStore;
  let searches = 0;

  beforeAll(async () => {
    const bundles = [crowdedBundle()];
    const plain = openTestDriver();
    await writeBundles(plain, bundles, { reset: true });
    driver = watchedDriver(plain, { run: (query) => void (query === SEARCH && searches++) });
    neo = new Neo4jGraphStore(driver);
    memory = MemoryGraphStore.fromBundles(bundles);
  }, 120_000);
  afterAll(async () => neo?.close());

  const ids = (hits: Array<{ entity: { id: string } }>) => hits.map((h) => h.entity.id);

  it('finds the few of the asked kind behind hundreds of better-scored others, as the memory store does', async () => {
    for (const limit of [1, 3, 10]) {
      const q = { q: 'zephyr', kinds: ['event' as const], limit };
      const [fromNeo, fromMemory] = [await neo.search(q), await memory.search(q)];
      expect(ids(fromNeo)).toEqual(ids(fromMemory));
      expect(fromNeo).toHaveLength(Math.min(limit, QUIET));
      expect(fromNeo.every((h) => h.entity.kind === 'event')).toBe(true);
    }
  });

  it('a document filter that every hit passes and an unfiltered search take one statement; a short filtered page takes more', async () => {
    searches = 0;
    const unfiltered = await neo.search({ q: 'zephyr', limit: 10 });
    expect(unfiltered).toHaveLength(10);
    expect(searches).toBe(1);

    searches = 0;
    const byDocument = await neo.search({ q: 'zephyr', document: 'fixture-c', limit: 10 });
    expect(ids(byDocument)).toEqual(ids(unfiltered));
    expect(searches).toBe(1);

    searches = 0;
    await neo.search({ q: 'zephyr', kinds: ['event'], limit: 10 });
    expect(searches).toBeGreaterThan(1);

    searches = 0;
    const none = await neo.search({ q: 'zephyr', kinds: ['person'], limit: 10 });
    expect(none).toEqual([]);
    expect(searches).toBe(2); // Lucene ran out of matches in the second round: no more are asked for
  });
});
