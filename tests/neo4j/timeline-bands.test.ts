// Which statement the Neo4j store reads a whole-graph timeline with, and that each gives the same answer:
// in a time window, by band (src/graph/neo4j/overlap.ts) when the graph was loaded with overlap keys; on a
// database whose version node does not say so (loaded by an earlier version), by scanning every item.
import type { Driver } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import { LIST_TIMELINE_BY_BAND_ONE, LIST_TIMELINE_BY_TYPE_ONE, LIST_TIMELINE_ONE } from '../../src/graph/neo4j/queries';
import type { TimelineQuery } from '../../src/graph/store';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, openTestDriver, watchedDriver } from '../helpers/neo4j';

/** Queries, and the statement a large graph's store reads them with. */
const QUERIES: Array<[TimelineQuery, string]> = [
  [{ limit: 5, since: '2014-03', until: '2014-05' }, LIST_TIMELINE_BY_BAND_ONE],
  [{ limit: 50, asOf: '2014-04-24', possible: true }, LIST_TIMELINE_BY_BAND_ONE],
  [{ limit: 4, since: '2013' }, LIST_TIMELINE_BY_BAND_ONE],
  // an open start: walking each type's keys from the start reads nothing placed before the window
  [{ limit: 3, until: '2013' }, LIST_TIMELINE_BY_TYPE_ONE],
  [{ limit: 5 }, LIST_TIMELINE_BY_TYPE_ONE],
];
const WINDOWED = QUERIES[0]![0];

/** The first warmUp() on a fresh database makes three 27-branch plans, one after the other (5-30 s each). */
const WARM_UP_TIMEOUT_MS = 240_000;

describeNeo4j('Neo4j whole-graph timeline statements', () => {
  let admin: Driver;
  const sent: string[] = [];
  /** Read transactions opened (the bands are looked up in one). */
  let reads = 0;
  const stores: Neo4jGraphStore[] = [];
  const open = async (perTypePagesMinRelations: number) => {
    const store = new Neo4jGraphStore(watchedDriver(openTestDriver(), { run: (query) => void sent.push(query), executeRead: () => void reads++ }), undefined, { perTypePagesMinRelations, queryTimeoutMs: 60_000 });
    stores.push(store);
    await store.warmUp();
    return store;
  };
  /** Every page of `q`, and the statements the store ran for them. */
  const read = async (store: Neo4jGraphStore, q: TimelineQuery) => {
    sent.length = 0;
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await store.timeline({ ...q, cursor });
      pages.push(page);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 30);
    const statements = new Set(sent.filter((s) => [LIST_TIMELINE_ONE, LIST_TIMELINE_BY_TYPE_ONE, LIST_TIMELINE_BY_BAND_ONE].includes(s)));
    return { pages, statements: [...statements] };
  };

  beforeAll(async () => {
    admin = openTestDriver();
    await writeBundles(admin, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await admin?.close();
  });

  it('reads a window with a start by band, and others by type, with the pages of a scan', async () => {
    const large = await open(0);
    const small = await open(Number.MAX_SAFE_INTEGER);
    for (const [q, statement] of QUERIES) {
      const scanned = await read(small, q);
      expect(scanned.statements).toEqual([LIST_TIMELINE_ONE]);
      const indexed = await read(large, q);
      expect(indexed.statements).toEqual([statement]);
      expect(indexed.pages).toEqual(scanned.pages);
      expect(scanned.pages.flatMap((p) => p.items).length).toBeGreaterThan(0);
    }
  }, WARM_UP_TIMEOUT_MS);

  it('finds the bands again when the graph changed since they were found', async () => {
    const large = await open(0);
    const small = await open(Number.MAX_SAFE_INTEGER);
    const [q] = QUERIES[0]!;
    const before = await read(large, q);
    expect(before.statements).toEqual([LIST_TIMELINE_BY_BAND_ONE]);
    // Move one item of the window into a band no item held (reach 65,536 days each side: still a range
    // that holds it), as a write would, and bump the version.
    const moved = await admin.executeQuery(
      `MATCH (:Entity)-[r]->(:Entity) WHERE r.overlapKey STARTS WITH '0' AND r.minStart <= '2014-05-31' AND r.maxEnd >= '2014-03-01'
       WITH r LIMIT 1 SET r.overlapKey = '88|' + r.timelineKey RETURN r.id AS id`,
    );
    expect(moved.records).toHaveLength(1);
    await admin.executeQuery("MATCH (v:GraphVersion {key: 'graph'}) SET v.version = v.version + 1");
    const after = await read(large, q);
    expect(after.pages).toEqual((await read(small, q)).pages);
    expect(after.pages).toEqual(before.pages);
  }, WARM_UP_TIMEOUT_MS);

  it('looks the bands up once for a burst of windowed timelines, each answered as alone', async () => {
    const alone = await open(0);
    const before = reads;
    const expected = await alone.timeline(WINDOWED);
    const lookups = reads - before;
    const burst = await open(0);
    const from = reads;
    const answers = await Promise.all(Array.from({ length: 12 }, () => burst.timeline(WINDOWED)));
    expect(reads - from).toBe(lookups);
    for (const answer of answers) expect(answer).toEqual(expected);
    expect(expected.items.length).toBeGreaterThan(0);
  }, WARM_UP_TIMEOUT_MS);

  it('scans on a graph loaded without overlap keys (an earlier version), until it is reloaded', async () => {
    await admin.executeQuery("MATCH (v:GraphVersion {key: 'graph'}) REMOVE v.overlapKeys SET v.version = v.version + 1");
    const old = await open(0);
    expect((await read(old, WINDOWED)).statements).toEqual([LIST_TIMELINE_ONE]);
    await writeBundles(admin, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
    await old.warmUp();
    expect((await read(old, WINDOWED)).statements).toEqual([LIST_TIMELINE_BY_BAND_ONE]);
  }, WARM_UP_TIMEOUT_MS);
});
