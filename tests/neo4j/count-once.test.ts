// Concurrent first requests for the same list, timeline or stats count once (src/graph/neo4j/derived.ts claims):
// before, each counted everything that matched (16 first pages of GET /relations at 10^5: 4.8 s each, 0.6 s alone).
import type { Driver } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, openTestDriver, watchedDriver } from '../helpers/neo4j';

interface Sent {
  /** Statements that counted a total (countTotal: true). */
  counts: number;
  /** Read transactions opened (cached figures are computed in one). */
  reads: number;
}

const AT_ONCE = 12;

describeNeo4j('Neo4j store: concurrent first requests count once', () => {
  let admin: Driver;
  const stores: Neo4jGraphStore[] = [];
  /** A store with nothing cached, and what it sent. */
  const fresh = () => {
    const sent: Sent = { counts: 0, reads: 0 };
    const driver = watchedDriver(openTestDriver(), {
      run: (_, params) => void (params.countTotal === true && sent.counts++),
      executeRead: () => void sent.reads++,
    });
    const store = new Neo4jGraphStore(driver);
    stores.push(store);
    return { store, sent };
  };

  beforeAll(async () => {
    admin = openTestDriver();
    await writeBundles(admin, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await admin?.close();
  });

  const lists: Array<[string, (s: Neo4jGraphStore) => Promise<{ total: number; items: unknown[] }>]> = [
    ['relations', (s) => s.listRelations({ limit: 3 })],
    ['relations of an entity in a window', (s) => s.listRelations({ limit: 2, entity: 'vardania', since: '2014' })],
    ['entities of a kind', (s) => s.listEntities({ limit: 4, kinds: ['person'] })],
    ['timeline', (s) => s.timeline({ limit: 5 })],
  ];

  it.each(lists)('%s: one statement counts, every answer is the one a lone request gets', async (_, list) => {
    const alone = await list(fresh().store);
    expect(alone.total).toBeGreaterThan(0);
    const { store, sent } = fresh();
    const answers = await Promise.all(Array.from({ length: AT_ONCE }, () => list(store)));
    expect(sent.counts).toBe(1);
    for (const answer of answers) expect(answer).toEqual(alone);
    // and once the graph changes, again one
    await admin.executeQuery("MATCH (v:GraphVersion {key: 'graph'}) SET v.version = v.version + 1");
    const after = await Promise.all(Array.from({ length: AT_ONCE }, () => list(store)));
    expect(sent.counts).toBe(2);
    for (const answer of after) expect(answer).toEqual(alone);
  });

  it('after a new version, pages that come back together still count once', async () => {
    const sent = { counts: 0, held: 0 };
    let gate: Promise<void> | undefined;
    const store = new Neo4jGraphStore(
      watchedDriver(openTestDriver(), {
        run: (_, params) => void (params.countTotal === true && sent.counts++),
        // while the gate stands, the answer of every page statement that does not count waits behind it
        holdAnswer: (_, params) => {
          const wait = gate;
          return wait && params.countTotal === false ? () => (sent.held++, wait) : undefined;
        },
      }),
    );
    stores.push(store);
    const list = () => store.listRelations({ limit: 3 });
    const alone = await list();
    expect(sent.counts).toBe(1);
    await admin.executeQuery("MATCH (v:GraphVersion {key: 'graph'}) SET v.version = v.version + 1");
    let open!: () => void;
    gate = new Promise<void>((r) => (open = r));
    const answers = Promise.all(Array.from({ length: AT_ONCE }, list));
    while (sent.held < AT_ONCE) await new Promise((r) => setTimeout(r, 5));
    gate = undefined;
    open();
    for (const answer of await answers) expect(answer).toEqual(alone);
    expect(sent.counts).toBe(2);
  });

  it('stats: computed in one read transaction, however many ask at once', async () => {
    const lone = fresh();
    const alone = await lone.store.stats(5);
    const { store, sent } = fresh();
    const answers = await Promise.all(Array.from({ length: AT_ONCE }, () => store.stats(5)));
    expect(sent.reads).toBe(lone.sent.reads);
    for (const answer of answers) expect(answer).toEqual(alone);
  });
});
