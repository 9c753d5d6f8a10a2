// Neighbourhood and paths run without their per-relationship test (type and time window) when the query lets
// every relation through (queries.TraversalForms, params.passesEveryRelation). Here: which form a query gets,
// and, on a generated graph, that both forms give the same rows for such a query while the lighter one reads
// fewer properties. The answers themselves are checked against the memory store by tests/contract/differential.
import type { Driver, Record as Neo4jRecord, ResultSummary } from 'neo4j-driver';
import { writeBundles } from '../../src/graph/neo4j/load';
import { limitParam, typesParam, windowParams } from '../../src/graph/neo4j/params';
import { NEIGHBOURHOOD, PATHS } from '../../src/graph/neo4j/queries';
import { neighbourhood, paths } from '../../src/graph/neo4j/traversal';
import type { NeighbourhoodQuery, PathQuery } from '../../src/graph/store';
import type { Bundle } from '../../src/schemas/bundle';
import { RELATION_TYPE_NAMES } from '../../src/schemas/vocabulary';
import { generate } from '../../scripts/bench-scale';
import { describeNeo4j, openTestDriver, settleStatistics } from '../helpers/neo4j';

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

describeNeo4j('traversal forms on Neo4j: the same rows, fewer reads', () => {
  let driver: Driver;
  let hubs: string[];
  let ordinary: string[];
  const open = { types: typesParam(undefined), ...windowParams({}) };
  const run = async (query: string, params: Record<string, unknown>) => (await driver.executeQuery(query, { ...open, ...params })).records;
  const json = (records: Neo4jRecord[]) => JSON.stringify(records.map((r) => r.toObject()));

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
          const params = { id, maxNodes: limitParam(maxNodes), edgeLimit: limitParam(maxEdges + 1) };
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
    const params = { ...open, id: hubs[0], maxNodes: limitParam(100), edgeLimit: limitParam(501) };
    const profile = async (query: string) => dbHits((await driver.executeQuery(`PROFILE ${query}`, params)).summary.profile as Plan);
    const [filtered, every] = [await profile(NEIGHBOURHOOD.filtered[2]!), await profile(NEIGHBOURHOOD.every[2]!)];
    expect(every).toBeLessThan(filtered);
  });
});
