// A neighbourhood level may walk the entity id index in place of expanding a dense frontier node, and falls back
// to expanding it when the walk's budget runs out (queries.NEIGHBOURHOOD, traversal.DenseWalk); the edges among
// the kept nodes are read from their start, by an Expand(Into) towards each kept node from a node with many
// outgoing relations. Here: every such path against the memory store, on a generated graph with hubs and
// self-loops, and the plan keeps no unbounded Sort (Neo4j counts every list in scope against each row a Sort keeps).
import type { Driver, ResultSummary } from 'neo4j-driver';
import { MemoryGraphStore } from '../../src/graph/memory';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import { limitParam, typesParam, windowParams } from '../../src/graph/neo4j/params';
import { ALL_TYPES, NEIGHBOURHOOD } from '../../src/graph/neo4j/queries';
import type { GraphStore, NeighbourhoodQuery } from '../../src/graph/store';
import type { Bundle } from '../../src/schemas/bundle';
import { generate } from '../../scripts/bench-scale';
import { describeNeo4j, openTestDriver, settleStatistics } from '../helpers/neo4j';

type Plan = Exclude<ResultSummary['profile'], false>;
const operators = (p: Plan): string[] => [p.operatorType.split('@')[0]!, ...p.children.flatMap(operators)];
const dbHits = (p: Plan): number => p.dbHits + p.children.reduce((n, c) => n + dbHits(c), 0);

describeNeo4j('Neo4j: a neighbourhood walking the id index past its hubs', () => {
  let driver: Driver;
  let memory: MemoryGraphStore;
  const stores: Record<string, Neo4jGraphStore> = {};
  let hubs: string[];
  let centres: string[];

  beforeAll(async () => {
    driver = openTestDriver();
    const g = generate(300, 11, 2);
    const bundles = g.bundles as Bundle[];
    for (const b of bundles) for (const e of b.entities) delete e.wikidata;
    hubs = g.byDegree.slice(0, 3).map((d) => d.id);
    // self-loops on the hubs (the top node of many neighbourhoods) and on others: a copy of one of the entity's
    // relations whose two ends are of its kind (so the type allows the loop)
    const first = bundles[0]!;
    const kinds = new Map(bundles.flatMap((b) => b.entities).map((e) => [e.id, e.kind]));
    const loopers = [...hubs, ...g.ordinary.slice(0, 40)];
    for (const id of loopers) {
      const r = first.relations.find((x) => (x.subject === id || x.object === id) && kinds.get(x.subject) === kinds.get(x.object));
      if (r) first.relations.push({ ...r, id: `${r.id}-loop-${id}`, subject: id, object: id });
    }
    expect(first.relations.filter((r) => r.subject === r.object).length).toBeGreaterThan(5);
    await writeBundles(driver, bundles, { reset: true });
    await settleStatistics(driver);
    memory = MemoryGraphStore.fromBundles(bundles);
    // every frontier node walked past, with room to finish, and every node's edges by Expand(Into); the same with a
    // walk budget too small, so expanded after all; the default (this small graph is below the thresholds)
    stores.walk = new Neo4jGraphStore(openTestDriver(), undefined, { perTypeAnchorMinDegree: 0, queryTimeoutMs: 60_000 });
    stores.fallback = new Neo4jGraphStore(openTestDriver(), undefined, { perTypeAnchorMinDegree: 0, neighbourhoodWalkBudget: 3, queryTimeoutMs: 60_000 });
    stores.plain = new Neo4jGraphStore(openTestDriver(), undefined, { queryTimeoutMs: 60_000 });
    for (const s of Object.values(stores)) await s.warmUp();
    const nearHub = (await memory.neighbourhood(hubs[0]!, { depth: 1, maxNodes: 6, maxEdges: 1 }))!.nodes.map((n) => n.id).slice(1, 3);
    centres = [...hubs, ...nearHub, ...g.ordinary.filter((_, i) => i % 41 === 0).slice(0, 4)];
  }, 300_000);
  afterAll(async () => {
    for (const s of Object.values(stores)) await s.close();
    await driver?.close();
  });

  const budgets: Array<[number, number]> = [[1, 1], [5, 5], [26, 40], [100, 500]];
  const filters: Array<Omit<NeighbourhoodQuery, 'depth' | 'maxNodes' | 'maxEdges'>> = [{}, { asOf: '2014-04-25' }, { since: '2000', until: '2010' }];

  it('gives the memory store\'s nodes, edges and cut, walked, walked then expanded, or expanded', async () => {
    let nodes = 0;
    let loops = 0;
    for (const id of centres) {
      for (let depth = 0; depth <= 3; depth++) {
        for (const [maxNodes, maxEdges] of budgets) {
          for (const f of filters) {
            const q = { depth, maxNodes, maxEdges, ...f };
            const expected = await memory.neighbourhood(id, q);
            nodes += expected!.nodes.length;
            loops += expected!.edges.filter((e) => e.subject.id === e.object.id).length;
            for (const [name, store] of Object.entries(stores)) {
              expect({ name, id, q, answer: await (store as GraphStore).neighbourhood(id, q) }).toEqual({ name, id, q, answer: expected });
            }
          }
        }
      }
    }
    expect(nodes).toBeGreaterThan(2000);
    expect(loops).toBeGreaterThan(10);
  }, 600_000);

  it('answers an unknown centre with null', async () => {
    for (const store of Object.values(stores)) expect(await store.neighbourhood('no-such-entity', { depth: 2, maxNodes: 10, maxEdges: 10 })).toBeNull();
  });

  it('reads fewer entries walking past a hub than expanding it, and never sorts a whole level', async () => {
    const params = (denseDegree: number) => ({
      types: typesParam(undefined),
      ...windowParams({}),
      id: hubs[0],
      maxNodes: limitParam(3),
      edgeLimit: limitParam(501),
      denseDegree: limitParam(denseDegree),
      walkBudget: limitParam(100_000),
      intoDegree: limitParam(denseDegree),
    });
    const profile = async (query: string, p: object) => (await driver.executeQuery(`PROFILE ${query}`, p)).summary.profile as Plan;
    const { records } = await driver.executeQuery(`MATCH (h:Entity {id: $id}) RETURN COUNT { (h)-[:${ALL_TYPES}]-() } AS degree`, { id: hubs[0] });
    const degree = Number(records[0]!.get('degree'));
    const [walked, expanded] = [await profile(NEIGHBOURHOOD.every[2]!, params(degree)), await profile(NEIGHBOURHOOD.every[2]!, params(degree + 1))];
    expect(dbHits(walked)).toBeLessThan(dbHits(expanded));
    for (const plan of [walked, expanded, await profile(NEIGHBOURHOOD.filtered[3]!, params(0))]) expect(operators(plan)).not.toContain('Sort');
  });

  it('keeps no level\'s id lists in the rows it sorts: the estimated memory of a full-budget neighbourhood stays small', async () => {
    // Neo4j counts every value in a row against the transaction memory pool, once per row; edge rows that still
    // held the levels' lists (ordered, frontier, found...) made a hub's depth-3 neighbourhood at 10^5 claim 200 MB,
    // so a few at once ran a 512 MB server's pool out (README, "Outages and time limits"; 35.5 MB since)
    const params = (id: string) => ({
      types: typesParam(undefined),
      ...windowParams({}),
      id,
      maxNodes: limitParam(500),
      edgeLimit: limitParam(2001),
      denseDegree: limitParam(1_000_000),
      walkBudget: limitParam(0),
      intoDegree: limitParam(1_000_000),
    });
    const edgeRows = (await stores.plain!.neighbourhood(hubs[0]!, { depth: 3, maxNodes: 500, maxEdges: 2000 }))!.edges.length;
    expect(edgeRows).toBeGreaterThan(500);
    for (const query of [NEIGHBOURHOOD.every[3]!, NEIGHBOURHOOD.filtered[3]!]) {
      const plan = (await driver.executeQuery(`PROFILE ${query}`, params(hubs[0]!))).summary.profile as Plan;
      // an edge row may hold the kept ids (500 here, about 48 bytes each as Neo4j counts them: 24 KB a row
      // measured) but not the levels' lists too (114 KB a row measured before)
      expect(Number(plan.arguments.GlobalMemory) / edgeRows).toBeLessThan(500 * 64);
    }
  });
});

