// The whole graph's relation page merged from the per-type id orders in rounds (src/graph/neo4j/merged-page.ts):
// a page takes one to four rounds, each resuming after the last row; every page, cursor and total must be those
// of the scan of every relation and of the memory store, for selective and open filters and pages of 1 to 100.
import neo4j, { type Driver, type ResultSummary } from 'neo4j-driver';
import { MemoryGraphStore } from '../../src/graph/memory';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { StoreUnavailableError } from '../../src/graph/errors';
import { writeBundles } from '../../src/graph/neo4j/load';
import { mergedPage, shareOut, type BranchLimits, type MergedRound } from '../../src/graph/neo4j/merged-page';
import { padAfter, perTypeParam, typesParam, windowParams } from '../../src/graph/neo4j/params';
import { LIST_RELATIONS } from '../../src/graph/neo4j/queries';
import { RELATION_TYPE_NAMES } from '../../src/schemas/vocabulary';
import type { GraphStore, Page, RelationQuery, TimelineQuery } from '../../src/graph/store';
import type { Bundle } from '../../src/schemas/bundle';
import { generate } from '../../scripts/bench-scale';
import { describeNeo4j, openTestDriver, settleStatistics } from '../helpers/neo4j';

type Plan = Exclude<ResultSummary['plan'], false>;
const operators = (plan: Plan): string[] => [plan.operatorType.split('@')[0]!, ...plan.children.flatMap(operators)];

type Filter = Omit<RelationQuery, 'limit' | 'cursor'>;

/** Every page of `filter` at `limit`: the items' ids, each page's total and whether a cursor followed. */
async function walk(store: GraphStore, filter: Filter, limit: number): Promise<Array<{ ids: string[]; total: number; next: boolean }>> {
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRelations({ ...filter, limit, cursor });
    pages.push({ ids: page.items.map((r) => r.id), total: page.total, next: page.nextCursor !== null });
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < 500);
  return pages;
}

/** Every page a reader gives from the first cursor to the last: each page's items and total. */
async function everyPage<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<Array<{ items: T[]; total: number }>> {
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    pages.push({ items: page.items, total: page.total });
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return pages;
}

describe('mergedPage (rounds, without a database)', () => {
  // A fake database: per-type sorted ids; a round reads each branch as queries.LIST_RELATIONS does.
  const types: string[][] = [
    Array.from({ length: 40 }, (_, i) => `a${String(i).padStart(3, '0')}`),
    ['a0005', 'a0105', 'b'],
    Array.from({ length: 7 }, (_, i) => `a01${i}x`),
    [],
    Array.from({ length: 300 }, (_, i) => `c${String(i).padStart(3, '0')}`),
  ].map((ids) => [...ids].sort());
  const all = types.flat().sort();
  let rounds = 0;
  const fake =
    (match: (id: string) => boolean) =>
    async (after: string, limit: number, { scan, hits }: BranchLimits): Promise<MergedRound<string>> => {
      rounds++;
      const branches = types.map((ids, i) => {
        const seen = ids.filter((id) => id > after).slice(0, scan[i]);
        const found = seen.filter(match).slice(0, hits[i]);
        const stop = found.length >= hits[i]! ? found[found.length - 1]! : seen.length >= scan[i]! ? seen[seen.length - 1]! : null;
        return { n: seen.length, found, stop };
      });
      const resume = branches.flatMap((b) => (b.stop === null ? [] : [b.stop])).sort()[0] ?? null;
      const rows = branches.flatMap((b) => b.found).filter((id) => resume === null || id <= resume).sort().slice(0, limit);
      return { rows, resume, scanned: branches.reduce((n, b) => n + b.n, 0), version: 1 };
    };
  const filters: Array<[string, (id: string) => boolean]> = [
    ['every relation', () => true],
    ['one in three', (id) => id.charCodeAt(id.length - 1) % 3 === 0],
    ['only the rare type', (id) => id.endsWith('x')],
    ['nothing', () => false],
  ];
  // Shares that fit the data, that miss it (the largest type thought empty), even ones and none known.
  const shares: Array<[string, number[]]> = [
    ['fitting', types.map((t) => t.length)],
    ['wrong', [0, 50, 50, 50, 0]],
    ['even', [1, 1, 1, 1, 1]],
    ['zero', [0, 0, 0, 0, 0]],
  ];

  it.each(filters)('gives the first rows in id order matching %s, whatever the shares', async (_, match) => {
    for (const [, weights] of shares) {
      for (const need of [1, 2, 5, 11, 41, 101, 400]) {
        for (const from of ['', 'a0005', 'a010', 'a039', 'b', 'c150', 'z']) {
          rounds = 0;
          const rows = await mergedPage(fake(match), { after: padAfter(from), need, shares: weights });
          expect(rows).toEqual(all.filter((id) => id > from && match(id)).slice(0, need));
          expect(rounds).toBeLessThanOrEqual(12);
        }
      }
    }
  });

  it('shares a budget out in proportion, one more each, a sixteenth of an even share at least, at most the cap', () => {
    expect(shareOut([0.5, 0.25, 0.25, 0], 100, 40)).toEqual([40, 26, 26, Math.ceil(100 / 64) + 1]);
    expect(shareOut([1, 0], 10)).toEqual([11, 2]);
  });

  it('reads the page again from the start when the graph version changes between rounds, and gives up after three tries', async () => {
    let version = 1;
    const starts: string[] = [];
    const moving = (step: number) => async (after: string, limit: number, limits: BranchLimits) => {
      starts.push(after);
      const got = await fake(() => true)(after, limit, limits);
      return { ...got, version: (version += step) };
    };
    await expect(mergedPage(moving(1), { after: padAfter(''), need: 300, shares: [0, 0, 0, 0, 1] })).rejects.toThrow(StoreUnavailableError);
    expect(starts.filter((a) => a === padAfter(''))).toHaveLength(3);
    expect(await mergedPage(moving(0), { after: padAfter(''), need: 300, shares: [0, 0, 0, 0, 1] })).toEqual(all.slice(0, 300));
  });
});

describeNeo4j('Neo4j: the merged relation page', () => {
  let driver: Driver;
  let merged: Neo4jGraphStore;
  let scan: Neo4jGraphStore;
  let memory: MemoryGraphStore;

  beforeAll(async () => {
    driver = openTestDriver();
    const bundles = generate(300, 5, 2).bundles as Bundle[];
    // the generator borrows real Wikidata ids; this graph stands alone
    for (const b of bundles) for (const e of b.entities) delete e.wikidata;
    await writeBundles(driver, bundles, { reset: true });
    await settleStatistics(driver);
    memory = MemoryGraphStore.fromBundles(bundles);
    merged = new Neo4jGraphStore(driver, undefined, { perTypePagesMinRelations: 0, queryTimeoutMs: 60_000 });
    scan = new Neo4jGraphStore(openTestDriver(), undefined, { perTypePagesMinRelations: Number.MAX_SAFE_INTEGER });
    await merged.warmUp();
  }, 300_000);
  afterAll(async () => {
    await merged?.close();
    await scan?.close();
  });

  const filters: Filter[] = [{}, { asOf: '2014-04-25' }, { asOf: '1990' }, { since: '2000-01', until: '2003-06' }, { since: '2010', possible: true }, { until: '1960' }];
  it.each(filters.map((f) => [JSON.stringify(f), f] as const))('walks %s page by page as the scan and the memory store do', async (_, filter) => {
    for (const limit of [1, 7, 100]) {
      const [a, b, c] = [await walk(merged, filter, limit), await walk(scan, filter, limit), await walk(memory, filter, limit)];
      expect(a).toEqual(b);
      expect(a).toEqual(c);
      if (limit === 100) expect(a.flatMap((p) => p.ids).length).toBe(a[0]!.total);
    }
  }, 120_000);

  // An entity's relations in either direction, by time only: the per-type walk keeping the entity's (`perType`,
  // from any degree), and the same statement's branch reading all of them (`merged`, whose threshold this small
  // graph stays below), against the anchored scan and the memory store: whole items (which end the entity is).
  it('walks an entity\'s relations page by page, from the per-type orders or its own, as the scan and the memory store do', async () => {
    const perType = new Neo4jGraphStore(openTestDriver(), undefined, { perTypePagesMinRelations: 0, perTypeAnchorMinDegree: 0, queryTimeoutMs: 60_000 });
    try {
      await perType.warmUp();
      const ranked = (await memory.stats(1000)).mostConnected;
      const degrees = ranked.map((r) => r.degree);
      const picks = [ranked[0]!, ranked[Math.floor(ranked.length / 2)]!, ranked[ranked.length - 1]!];
      expect(degrees[0]).toBeGreaterThan(4 * picks[1]!.degree);
      const items = (store: GraphStore, filter: Filter, limit: number) => everyPage((cursor) => store.listRelations({ ...filter, limit, cursor }));
      for (const { entity } of picks) {
        for (const window of [{}, { asOf: '2014-04-25' }, { since: '2000-01', until: '2003-06', possible: true }]) {
          const filter = { entity: entity.id, ...window };
          for (const limit of [1, 9, 100]) {
            const expected = await items(memory, filter, limit);
            expect(await items(perType, filter, limit)).toEqual(expected);
            expect(await items(merged, filter, limit)).toEqual(expected);
            expect(await items(scan, filter, limit)).toEqual(expected);
          }
        }
      }
    } finally {
      await perType.close();
    }
  }, 300_000);

  // An entity's timeline: without a filter the per-type store walks each owner's key index keeping what touches
  // it (queries.TIMELINE_OF_HUB); with one, and on the other stores, the page reads what touches the entity.
  it('walks an entity\'s timeline page by page, from the key indexes or its own, as the scan and the memory store do', async () => {
    const perType = new Neo4jGraphStore(openTestDriver(), undefined, { perTypePagesMinRelations: 0, perTypeAnchorMinDegree: 0, queryTimeoutMs: 60_000 });
    try {
      await perType.warmUp();
      const ranked = (await memory.stats(1000)).mostConnected;
      const picks = [ranked[0]!, ranked[3]!, ranked[Math.floor(ranked.length / 2)]!];
      const walkTimeline = (store: GraphStore, q: Omit<TimelineQuery, 'limit' | 'cursor'>, limit: number) =>
        everyPage((cursor) => store.timeline({ ...q, limit, cursor }));
      let items = 0;
      for (const { entity } of picks) {
        for (const filter of [{}, { itemTypes: ['event'] as const }, { itemTypes: ['relation'] as const }, { asOf: '2014-04-25' }]) {
          const q = { entity: entity.id, ...filter, itemTypes: filter.itemTypes ? [...filter.itemTypes] : undefined };
          for (const limit of [1, 6, 100]) {
            const expected = await walkTimeline(memory, q, limit);
            items += expected.flatMap((p) => p.items).length;
            expect(await walkTimeline(perType, q, limit)).toEqual(expected);
            expect(await walkTimeline(scan, q, limit)).toEqual(expected);
          }
        }
      }
      expect(items).toBeGreaterThan(100);
    } finally {
      await perType.close();
    }
  }, 300_000);

  it('walks each type from its id index, each stopped by its own limit: no scan', async () => {
    for (const window of [{}, { asOf: '2014-04-25' }]) {
      const { summary } = await driver.executeQuery(`EXPLAIN ${LIST_RELATIONS}`, {
        types: typesParam(undefined), ...windowParams(window), document: '', after: padAfter(''), limit: neo4j.int(101), scan: perTypeParam(RELATION_TYPE_NAMES.map((_, i) => 20 + i)), hits: perTypeParam(RELATION_TYPE_NAMES.map((_, i) => 3 + (i % 5))),
        subject: null, object: null, modalities: null, assertedBy: null, endpointKinds: null, entity: null, direction: 'both', counterpartKinds: null, anchor: '', expandBelow: neo4j.int(0),
        ids: [], countTotal: true,
      });
      const ops = operators(summary.plan as Plan);
      expect(ops.filter((op) => /Scan/.test(op))).toEqual([]);
      expect(ops.filter((op) => op === 'DirectedRelationshipIndexSeekByRange')).toHaveLength(RELATION_TYPE_NAMES.length);
      expect(ops.filter((op) => op === 'Limit').length).toBeGreaterThanOrEqual(RELATION_TYPE_NAMES.length);
    }
  });

  it('has a graph where the filters select something, and not everything', async () => {
    const all = (await memory.listRelations({ limit: 1 })).total;
    const some = (await memory.listRelations({ asOf: '2014-04-25', limit: 1 })).total;
    expect(all).toBeGreaterThan(500);
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(all / 5);
  });
});
