// Neighbourhood, paths, an entity's relation page and its timeline run without their per-relationship test
// (type and time window) when the query lets every relation through (queries.Forms, TraversalForms,
// params.passesEveryRelation). Here: which form a query gets, and, on a generated graph, that both forms give
// the same rows for such a query while the lighter one reads fewer properties. The answers themselves are
// checked against the memory store by tests/contract/differential.
import type { Driver, Record as Neo4jRecord, ResultSummary } from 'neo4j-driver';
import { writeBundles } from '../../src/graph/neo4j/load';
import { limitParam, padAfter, relationParams, typesParam, windowParams } from '../../src/graph/neo4j/params';
import { LIST_ANCHORED_RELATIONS_ONE, LIST_TIMELINE_OF_ENTITY_ONE, NEIGHBOURHOOD, PATHS } from '../../src/graph/neo4j/queries';
import { Neo4jGraphStore } from '../../src/graph/neo4j/store';
import { timelineParams } from '../../src/graph/neo4j/timeline';
import { neighbourhood, paths } from '../../src/graph/neo4j/traversal';
import type { NeighbourhoodQuery, PathQuery, RelationQuery, TimelineQuery } from '../../src/graph/store';
import type { Bundle } from '../../src/schemas/bundle';
import { RELATION_TYPE_NAMES } from '../../src/schemas/vocabulary';
import { generate } from '../../scripts/bench-scale';
import { describeNeo4j, openTestDriver, settleStatistics, watchedDriver } from '../helpers/neo4j';

type Filter = Omit<NeighbourhoodQuery, 'depth' | 'maxNodes' | 'maxEdges'>;

/** The statement a traversal sends for `filter` (a fake database that records it and finds nothing). */
async function sent(which: 'neighbourhood' | 'paths', filter: Filter): Promise<string> {
  const queries: string[] = [];
  const run = async (query: string) => {
    queries.push(query);
    return [{ get: () => null }];
  };
  if (which === 'neighbourhood') await neighbourhood(run, 'x', { depth: 2, maxNodes: 10, maxEdges: 10, ...filter });
  else await paths(run, 'x', 'y', { maxHops: 3, k: 2, ...filter } as PathQuery);
  expect(queries).toHaveLength(1);
  return queries[0]!;
}

describe('traversal forms: which statement a query gets', () => {
  const every: Filter[] = [{}, { types: [...RELATION_TYPE_NAMES] }, { types: [...RELATION_TYPE_NAMES].reverse() }, { possible: false }];
  const filtered: Filter[] = [
    { asOf: '2014-04-25' },
    { since: '1990' },
    { until: '2001-06' },
    { since: '2000', until: '2003', possible: false },
    { types: ['MET'] },
    { types: RELATION_TYPE_NAMES.slice(1) },
  ];

  it.each(['neighbourhood', 'paths'] as const)('%s: without the test only when every relation passes', async (which) => {
    const forms = which === 'neighbourhood' ? NEIGHBOURHOOD : PATHS;
    for (const f of every) {
      const query = await sent(which, f);
      expect(forms.every).toContain(query);
      expect(query).not.toMatch(/\$until|\$since|\$types|\$possible/);
    }
    for (const f of filtered) {
      const query = await sent(which, f);
      expect(forms.filtered).toContain(query);
      expect(query).toMatch(/type\(r\) IN \$types AND \(r\.minStart <= \$until/);
    }
  });
});

type Plan = Exclude<ResultSummary['profile'], false>;
const dbHits = (p: Plan): number => p.dbHits + p.children.reduce((n, c) => n + dbHits(c), 0);

describeNeo4j('statement forms on Neo4j: the same rows, fewer reads', () => {
  let driver: Driver;
  let hubs: string[];
  let ordinary: string[];
  const open = { types: typesParam(undefined), ...windowParams({}) };
  const run = async (query: string, params: Record<string, unknown>) => (await driver.executeQuery(query, { ...open, ...params })).records;
  const json = (records: Neo4jRecord[]) => JSON.stringify(records.map((r) => r.toObject()));
  const walkEverywhere = { denseDegree: limitParam(0), walkBudget: limitParam(1_000_000), intoDegree: limitParam(0) };
  const walkNowhere = { denseDegree: limitParam(Number.MAX_SAFE_INTEGER), walkBudget: limitParam(0), intoDegree: limitParam(Number.MAX_SAFE_INTEGER) };

  beforeAll(async () => {
    driver = openTestDriver();
    const g = generate(300, 7, 1);
    const bundles = g.bundles as Bundle[];
    for (const b of bundles) for (const e of b.entities) delete e.wikidata;
    await writeBundles(driver, bundles, { reset: true });
    await settleStatistics(driver);
    hubs = g.byDegree.slice(0, 3).map((d) => d.id);
    ordinary = g.ordinary.filter((_, i) => i % 37 === 0).slice(0, 6);
  }, 300_000);
  afterAll(async () => driver?.close());

  it('gives the same neighbourhood rows at every depth and budget', async () => {
    let compared = 0;
    for (const id of [...hubs, ...ordinary, 'no-such-entity']) {
      for (let depth = 0; depth < NEIGHBOURHOOD.every.length; depth++) {
        for (const [maxNodes, maxEdges] of [[5, 5], [100, 500]] as const) {
          // `every` walks the id index past every frontier node and finds edges by Expand(Into); `filtered` expands
          const params = { id, maxNodes: limitParam(maxNodes), edgeLimit: limitParam(maxEdges + 1), ...walkEverywhere };
          const expected = await run(NEIGHBOURHOOD.filtered[depth]!, params);
          expect(json(await run(NEIGHBOURHOOD.every[depth]!, params))).toBe(json(expected));
          if (((expected[0]!.get('kept') as string[] | null) ?? []).length > 1) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  }, 120_000);

  it('gives the same paths rows for every bound', async () => {
    const pairs = [
      [hubs[0]!, hubs[1]!],
      [hubs[0]!, ordinary[0]!],
      [ordinary[1]!, ordinary[2]!],
      [ordinary[3]!, hubs[2]!],
      [ordinary[4]!, ordinary[5]!],
    ];
    let found = 0;
    for (const [from, to] of pairs) {
      for (let hops = 1; hops <= 4; hops++) {
        for (const k of [1, 3]) {
          const params = { from, to, k: limitParam(k) };
          const expected = await run(PATHS.filtered[hops]!, params);
          expect(json(await run(PATHS.every[hops]!, params))).toBe(json(expected));
          if (((expected[0]!.get('found') as unknown[] | null) ?? []).length > 0) found++;
        }
      }
    }
    expect(found).toBeGreaterThan(5);
  }, 120_000);

  it("reads fewer properties for a hub's neighbourhood without the test", async () => {
    const params = { ...open, id: hubs[0], maxNodes: limitParam(100), edgeLimit: limitParam(501), ...walkNowhere };
    const profile = async (query: string) => dbHits((await driver.executeQuery(`PROFILE ${query}`, params)).summary.profile as Plan);
    const [filtered, every] = [await profile(NEIGHBOURHOOD.filtered[2]!), await profile(NEIGHBOURHOOD.every[2]!)];
    expect(every).toBeLessThan(filtered);
  });

  /** The parameters of an entity's relation page without a filter, after `after`. */
  const relationPage = (entity: string, after: string, limit: number) => ({
    ...relationParams({ entity }),
    after: padAfter(after),
    limit: limitParam(limit),
    ids: [entity],
    countTotal: true,
  });
  const timelinePage = (entity: string, after: string, limit: number, itemTypes?: TimelineQuery['itemTypes']) => ({
    ...timelineParams({ entity, itemTypes }),
    after: padAfter(after),
    limit: limitParam(limit),
    ids: [entity],
    countTotal: true,
  });
  /** A page's rows: the records after the first (queries.pageInOne). */
  const rowsOf = (records: Neo4jRecord[]) => records.slice(1).flatMap((r) => r.get('items') as unknown[]);

  it("gives the same relation pages and totals of an entity from both forms, first and later", async () => {
    let later = 0;
    for (const id of [...hubs, ...ordinary, 'no-such-entity']) {
      for (const limit of [3, 40]) {
        let after = '';
        for (let page = 0; page < 3; page++) {
          const expected = await run(LIST_ANCHORED_RELATIONS_ONE.filtered, relationPage(id, after, limit));
          expect(json(await run(LIST_ANCHORED_RELATIONS_ONE.every, relationPage(id, after, limit)))).toBe(json(expected));
          const rows = rowsOf(expected) as Array<{ relation: unknown[] }>;
          if (rows.length < limit) break;
          after = rows[rows.length - 1]!.relation[0] as string;
          later++;
        }
      }
    }
    expect(later).toBeGreaterThan(6);
  }, 120_000);

  it('gives the same timeline pages and totals of an entity from both forms, first and later', async () => {
    let later = 0;
    for (const id of [...hubs, ...ordinary, 'no-such-entity']) {
      for (const itemTypes of [undefined, ['event' as const], ['relation' as const]]) {
        let after = '';
        for (let page = 0; page < 3; page++) {
          const expected = await run(LIST_TIMELINE_OF_ENTITY_ONE.filtered, timelinePage(id, after, 5, itemTypes));
          expect(json(await run(LIST_TIMELINE_OF_ENTITY_ONE.every, timelinePage(id, after, 5, itemTypes)))).toBe(json(expected));
          const rows = rowsOf(expected) as unknown[][];
          if (rows.length < 5) break;
          after = rows[rows.length - 1]![0] as string;
          later++;
        }
      }
    }
    expect(later).toBeGreaterThan(6);
  }, 120_000);

  it("reads fewer properties for a hub's relation page and timeline without the tests", async () => {
    const profile = async (query: string, params: Record<string, unknown>) => dbHits((await driver.executeQuery(`PROFILE ${query}`, params)).summary.profile as Plan);
    for (const [forms, params] of [
      [LIST_ANCHORED_RELATIONS_ONE, relationPage(hubs[0]!, '', 20)],
      [LIST_TIMELINE_OF_ENTITY_ONE, timelinePage(hubs[0]!, '', 20)],
    ] as const) {
      expect(await profile(forms.every, params)).toBeLessThan(await profile(forms.filtered, params));
    }
  });

  it('the store sends the form without the tests only for an entity with no other filter', async () => {
    // A driver whose sessions record each statement they run.
    const sent: string[] = [];
    const recording = watchedDriver(driver, { run: (query) => void sent.push(query) });
    const store = new Neo4jGraphStore(recording);
    const entity = hubs[0]!;
    const form = async (read: () => Promise<unknown>, forms: { filtered: string; every: string }) => {
      sent.length = 0;
      await read();
      const used = sent.filter((q) => q === forms.every || q === forms.filtered);
      expect(used.length).toBeGreaterThan(0);
      return used.every((q) => q === forms.every) ? 'every' : used.every((q) => q === forms.filtered) ? 'filtered' : 'both';
    };
    const relations = (q: Omit<RelationQuery, 'limit'>) => form(() => store.listRelations({ limit: 5, ...q }), LIST_ANCHORED_RELATIONS_ONE);
    const timeline = (q: Omit<TimelineQuery, 'limit'>) => form(() => store.timeline({ limit: 5, ...q }), LIST_TIMELINE_OF_ENTITY_ONE);
    for (const q of [{ entity }, { entity, direction: 'both' as const }, { entity, types: [...RELATION_TYPE_NAMES] }, { entity, possible: true }]) {
      expect(await relations(q)).toBe('every');
    }
    const narrower: Array<Omit<RelationQuery, 'limit'>> = [
      { entity, direction: 'out' },
      { entity, direction: 'in' },
      { entity, asOf: '2014-04-25' },
      { entity, since: '1990' },
      { entity, types: ['MET'] },
      { entity, counterpartKinds: ['person'] },
      { entity, modalities: ['attributed'] },
      { entity, document: 'doc-1' },
      { entity, endpointKinds: ['person', 'organization'] },
      { entity, assertedBy: entity },
      { subject: entity },
      { object: entity },
      { entity, subject: entity },
    ];
    for (const q of narrower) expect([JSON.stringify(q), await relations(q)]).toEqual([JSON.stringify(q), 'filtered']);
    for (const q of [{ entity }, { entity, itemTypes: ['relation' as const] }, { entity, types: [...RELATION_TYPE_NAMES] }]) {
      expect(await timeline(q)).toBe('every');
    }
    for (const q of [{ entity, asOf: '2014-04-25' }, { entity, until: '2001' }, { entity, types: ['MET' as const] }, { entity, document: 'doc-1' }]) {
      expect([JSON.stringify(q), await timeline(q)]).toEqual([JSON.stringify(q), 'filtered']);
    }
  }, 60_000);
});
