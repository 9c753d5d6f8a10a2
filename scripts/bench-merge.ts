// `NEO4J_URI=bolt://127.0.0.1:PORT npm run bench:merge -- --baseline DIR [--sizes 1e3,1e4,1e5]`: the whole graph's
// relation page on Neo4j (GET /relations without an anchor, walking the per-type id indexes) as this checkout
// reads it against another checkout's store (DIR: e.g. `git worktree add /tmp/kg-before 0a5aed4`, whose page
// read every type to a page of matches in one statement; this one merges in rounds, src/graph/neo4j/merged-page.ts),
// on the synthetic graphs of scripts/bench-scale.ts (which it loads into NEO4J_URI: it WIPES it). Per size and
// filter: both stores' plans are warm and the total cached first; rounds alternate which goes first; each reads
// the first page of 100 and the page after it `--reps` times per round. Prints p50 ms per page for each, their
// ratio, whether both gave the same rows, and the load. `--current`: measure the graph NEO4J_URI holds instead
// (e.g. 10^6 loaded by `bench:load -- --mode import`); it loads nothing. Asserts nothing.
import os from 'node:os';
import { loadAverage as load, p50, printGrowth } from './bench-util';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { resolve } from 'node:path';
import { Neo4jGraphStore } from '../src/graph/neo4j';
import { writeBundles } from '../src/graph/neo4j/load';
import type { RelationQuery } from '../src/graph/store';
import { generate } from './bench-scale';

type Filter = Omit<RelationQuery, 'limit' | 'cursor'>;
const FILTERS: Array<{ label: string; q: Filter }> = [
  { label: 'no filter', q: {} },
  { label: 'asOf 2014-04-25', q: { asOf: '2014-04-25' } },
  { label: '2014-03..2014-05', q: { since: '2014-03', until: '2014-05' } },
  { label: 'asOf 1990, possible', q: { asOf: '1990', possible: true } },
  { label: 'until 1960', q: { until: '1960' } },
];

/** The first page and the one after it: their relation ids. */
async function twoPages(store: Pick<Neo4jGraphStore, 'listRelations'>, q: Filter): Promise<string[]> {
  const first = await store.listRelations({ ...q, limit: 100 });
  const next = first.nextCursor ? await store.listRelations({ ...q, limit: 100, cursor: first.nextCursor }) : { items: [] };
  return [...first.items, ...next.items].map((r) => r.id);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1e3,1e4,1e5' },
      rounds: { type: 'string', default: '4' },
      reps: { type: 'string', default: '10' },
      baseline: { type: 'string' },
      current: { type: 'boolean', default: false },
    },
  });
  if (!values.baseline) throw new Error('--baseline DIR: a checkout of the commit to compare with (git worktree add /tmp/kg-before <commit>)');
  const before = (await import(resolve(values.baseline, 'src/graph/neo4j/index.ts'))) as { Neo4jGraphStore: typeof Neo4jGraphStore };
  // --current: measure the graph NEO4J_URI holds (e.g. 10^6 loaded by `bench:load -- --mode import`), load nothing.
  const sizes = values.current ? [0] : values.sizes.split(',').map(Number);
  const rounds = Number(values.rounds);
  const reps = Number(values.reps);
  const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
  const driver = neo4j.driver(uri);
  const options = { perTypePagesMinRelations: 0, queryTimeoutMs: 60_000 };
  const stores = { before: new before.Neo4jGraphStore(neo4j.driver(uri), undefined, options), now: new Neo4jGraphStore(driver, undefined, options) };
  type Name = keyof typeof stores;
  console.log(`bench:merge ${new Date().toISOString()}, ${os.cpus().length} CPUs, load ${load()}`);
  const results: Array<{ size: number; label: string; before: number; now: number }> = [];
  try {
    for (const size of sizes) {
      let relations: number;
      if (values.current) {
        relations = (await stores.now.describe()).relations;
        console.log(`\n${relations} relations in the database as it is; load ${load()}`);
      } else {
        const g = generate(Math.ceil(size / 3), 1);
        const t = performance.now();
        await writeBundles(driver, g.bundles, { reset: true });
        relations = g.relations.length;
        console.log(`\n${relations} relations (asked ${size}) loaded in ${((performance.now() - t) / 1000).toFixed(1)} s; load ${load()}`);
      }
      for (const store of Object.values(stores)) await store.warmUp();
      for (const f of FILTERS) {
        const times: Record<Name, number[]> = { before: [], now: [] };
        const expected = await twoPages(stores.before, f.q);
        const same = JSON.stringify(expected) === JSON.stringify(await twoPages(stores.now, f.q));
        for (let round = 0; round < rounds; round++) {
          const order: Name[] = round % 2 === 0 ? ['before', 'now'] : ['now', 'before'];
          for (const name of order) {
            for (let i = 0; i < reps; i++) {
              const t0 = performance.now();
              await twoPages(stores[name], f.q);
              times[name].push((performance.now() - t0) / 2);
            }
          }
        }
        const row = { size: relations, label: f.label, before: p50(times.before), now: p50(times.now) };
        results.push(row);
        console.log(
          `  ${f.label.padEnd(20)} before ${row.before.toFixed(1).padStart(8)} ms  now ${row.now.toFixed(1).padStart(8)} ms  ` +
            `now/before ${(row.now / row.before).toFixed(2)}x  ${same ? 'same rows' : 'ROWS DIFFER'} (${expected.length})  load ${load()}`,
        );
      }
    }
    printGrowth(results, FILTERS.map((f) => f.label), ['before', 'now'] as const, 'p50 per page', 20);
  } finally {
    await stores.before.close();
    await stores.now.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
