// `npm run bench:traversal [-- --rounds 12]`: the neighbourhood, paths, an entity's relation page and its timeline
// in their two forms (src/graph/neo4j/queries.ts Forms, TraversalForms: `filtered` tests every relationship read
// for its type and the time window, `every` leaves the test out for a query without filters), interleaved on the graph the database
// at NEO4J_URI holds (load one first, e.g. `bench:load -- --mode import`). Prints p50 per form, the ratio,
// whether both gave the same rows, and the load. Reads only; asserts nothing.
//
//   --rounds R   timed runs per form and query, after one warm-up each (default 12)
//   --hubs H     the H entities of highest degree are the centres and path ends (default 3)
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config';
import { createDriver } from '../src/graph/neo4j/driver';
import { limitParam, padAfter, relationParams, typesParam, windowParams } from '../src/graph/neo4j/params';
import { LIST_ANCHORED_RELATIONS_ONE, LIST_TIMELINE_OF_ENTITY_ONE, NEIGHBOURHOOD, PATHS } from '../src/graph/neo4j/queries';
import { timelineParams } from '../src/graph/neo4j/timeline';
import { loadAverage, p50 } from './bench-util';

interface Case {
  label: string;
  filtered: string;
  every: string;
  params: Record<string, unknown>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '12' }, hubs: { type: 'string', default: '3' } } });
  const rounds = Number(values.rounds);
  const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
  const settings = loadConfig({ ...process.env, GRAPH_STORE: 'neo4j', NEO4J_URI: uri }).neo4j!;
  const driver = createDriver(settings);
  const database = settings.database;
  try {
    console.log(`bench:traversal ${new Date().toISOString()} at ${uri}, load ${loadAverage()}`);
    const { records } = await driver.executeQuery(
      'MATCH (e:Entity) WITH e, COUNT { (e)--() } AS degree ORDER BY degree DESC LIMIT $hubs RETURN e.id AS id, degree',
      { hubs: neo4j.int(Number(values.hubs)) },
      { database },
    );
    const hubs = records.map((r) => ({ id: r.get('id') as string, degree: Number(r.get('degree')) }));
    if (hubs.length < 2) throw new Error('the database holds fewer than two entities: load a graph first');
    console.log(`hubs: ${hubs.map((h) => `${h.id} (degree ${h.degree})`).join(', ')}`);
    const open = { types: typesParam(undefined), ...windowParams({}) };
    const budget = { maxNodes: limitParam(100), edgeLimit: limitParam(501) };
    // a first page as the store asks for it once the total is cached for the graph version (countTotal false)
    const firstPage = (limit: number) => ({ after: padAfter(''), limit: limitParam(limit + 1), ids: [hubs[0]!.id], countTotal: false });
    const cases: Case[] = [
      {
        label: `relations of ${hubs[0]!.id}, first page of 100`,
        ...LIST_ANCHORED_RELATIONS_ONE,
        params: { ...relationParams({ entity: hubs[0]!.id }), ...firstPage(100) },
      },
      {
        label: `timeline of ${hubs[0]!.id}, first page of 50`,
        ...LIST_TIMELINE_OF_ENTITY_ONE,
        params: { ...timelineParams({ entity: hubs[0]!.id }), ...firstPage(50) },
      },
      ...[1, 2, 3].map((depth) => ({
        label: `neighbourhood depth ${depth} of ${hubs[0]!.id}`,
        filtered: NEIGHBOURHOOD.filtered[depth]!,
        every: NEIGHBOURHOOD.every[depth]!,
        params: { ...open, ...budget, id: hubs[0]!.id },
      })),
      ...[4, 6].flatMap((hops) =>
        hubs.slice(1).map((to) => ({
          label: `paths maxHops ${hops} k 3, ${hubs[0]!.id} to ${to.id}`,
          filtered: PATHS.filtered[hops]!,
          every: PATHS.every[hops]!,
          params: { ...open, from: hubs[0]!.id, to: to.id, k: limitParam(3) },
        })),
      ),
    ];
    const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
    try {
      console.log(`${'query'.padEnd(58)} ${'filtered'.padStart(9)} ${'every'.padStart(9)} ${'ratio'.padStart(7)}  same rows`);
      for (const c of cases) {
        const times = { filtered: [] as number[], every: [] as number[] };
        const rows = { filtered: '', every: '' };
        for (let round = 0; round <= rounds; round++) {
          for (const form of round % 2 ? (['filtered', 'every'] as const) : (['every', 'filtered'] as const)) {
            const t0 = performance.now();
            const result = await session.run(c[form], c.params);
            const ms = performance.now() - t0;
            if (round > 0) times[form].push(ms);
            rows[form] = JSON.stringify(result.records.map((r) => r.toObject()));
          }
        }
        const [a, b] = [p50(times.filtered), p50(times.every)];
        console.log(`${c.label.padEnd(58)} ${a.toFixed(1).padStart(9)} ${b.toFixed(1).padStart(9)} ${`${(b / a).toFixed(2)}x`.padStart(7)}  ${rows.filtered === rows.every}`);
      }
    } finally {
      await session.close();
    }
    console.log(`p50 ms over ${rounds} interleaved rounds; load now ${loadAverage()}`);
  } finally {
    await driver.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
