// `NEO4J_URI=bolt://127.0.0.1:PORT npm run bench:window -- --sizes 1e3,1e4,1e5`: the whole graph's timeline in
// a time window on Neo4j, walking each type's keys from the start (LIST_TIMELINE_BY_TYPE_ONE, how windows were
// read before) against reading one key range per band and type (LIST_TIMELINE_BY_BAND_ONE, src/graph/neo4j/
// overlap.ts), on the synthetic graphs of scripts/bench-scale.ts (which it loads into NEO4J_URI: it WIPES it).
// Per size: both statements' plans are made first; rounds alternate which goes first; each runs the first page
// (100 items, total cached: countTotal false) `--reps` times per round. Prints p50 ms per statement and window,
// their ratio, the db hits of one PROFILE each, whether both gave the same rows, and the load. Asserts nothing.
import os from 'node:os';
import { loadAverage as load, p50, printGrowth } from './bench-util';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { writeBundles } from '../src/graph/neo4j/load';
import { ALL_BANDS } from '../src/graph/neo4j/overlap';
import { BAND_OWNERS, BANDS_PRESENT, LIST_TIMELINE_BY_BAND_ONE, LIST_TIMELINE_BY_TYPE_ONE, TIMELINE_ITEM_AT } from '../src/graph/neo4j/queries';
import { bandRanges, timelineParams } from '../src/graph/neo4j/timeline';
import type { TimelineQuery } from '../src/graph/store';
import { generate } from './bench-scale';

const WINDOWS: Array<{ label: string; q: Omit<TimelineQuery, 'limit'> }> = [
  { label: '2014-03..2014-05', q: { since: '2014-03', until: '2014-05' } },
  { label: 'asOf 2001-06-15', q: { asOf: '2001-06-15' } },
  { label: '1990..1995, possible', q: { since: '1990', until: '1995', possible: true } },
  { label: 'until 1960', q: { until: '1960' } },
  { label: 'since 2020', q: { since: '2020' } },
];

const STATEMENTS = { walk: LIST_TIMELINE_BY_TYPE_ONE, bands: LIST_TIMELINE_BY_BAND_ONE } as const;
type Name = keyof typeof STATEMENTS;

/** The bands each owner's items occupy (as the store learns them once per graph version). */
let present: Record<string, string[]> = {};

function paramsFor(name: Name, q: Omit<TimelineQuery, 'limit'>) {
  const p = timelineParams(q);
  return {
    ...p,
    ...(name === 'bands' ? { bands: bandRanges(present, p.since, p.until) } : {}),
    after: '',
    limit: neo4j.int(101),
    ids: [],
    countTotal: false,
  };
}

/** The page's keys (records after the first carry the items, queries.headThenRows). */
async function page(driver: Driver, name: Name, q: Omit<TimelineQuery, 'limit'>): Promise<string[]> {
  const { records } = await driver.executeQuery(STATEMENTS[name], paramsFor(name, q));
  return records.slice(1).flatMap((r) => (r.get('items') as unknown[][]).map((i) => i[TIMELINE_ITEM_AT.key] as string));
}

async function dbHits(driver: Driver, name: Name, q: Omit<TimelineQuery, 'limit'>): Promise<number> {
  const { summary } = await driver.executeQuery(`PROFILE ${STATEMENTS[name]}`, paramsFor(name, q));
  const sum = (p: { dbHits: number; children: unknown[] }): number => p.dbHits + p.children.reduce<number>((n, c) => n + sum(c as typeof p), 0);
  return sum(summary.profile as unknown as { dbHits: number; children: unknown[] });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1e3,1e4,1e5' },
      rounds: { type: 'string', default: '4' },
      reps: { type: 'string', default: '10' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const rounds = Number(values.rounds);
  const reps = Number(values.reps);
  const driver = neo4j.driver(process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687');
  console.log(`bench:window ${new Date().toISOString()}, ${os.cpus().length} CPUs, load ${load()}`);
  const results: Array<{ size: number; label: string; walk: number; bands: number; hitsWalk: number; hitsBands: number; same: boolean }> = [];
  try {
    for (const size of sizes) {
      const g = generate(Math.ceil(size / 3), 1);
      let t = performance.now();
      await writeBundles(driver, g.bundles, { reset: true });
      console.log(`\n${g.relations.length} relations (asked ${size}) loaded in ${((performance.now() - t) / 1000).toFixed(1)} s; load ${load()}`);
      t = performance.now();
      present = {};
      for (const owner of BAND_OWNERS) {
        present[owner] = (await driver.executeQuery(BANDS_PRESENT[owner]!, { bands: ALL_BANDS })).records[0]!.get('present') as string[];
      }
      const bandCount = Object.values(present).reduce((n, b) => n + b.length, 0);
      console.log(`  ${bandCount} (owner, band) pairs present, found in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      t = performance.now();
      for (const name of Object.keys(STATEMENTS) as Name[]) await driver.executeQuery(`EXPLAIN ${STATEMENTS[name]}`, paramsFor(name, WINDOWS[0]!.q));
      console.log(`  plans made in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      for (const w of WINDOWS) {
        const times: Record<Name, number[]> = { walk: [], bands: [] };
        const walkKeys = await page(driver, 'walk', w.q);
        const same = JSON.stringify(walkKeys) === JSON.stringify(await page(driver, 'bands', w.q));
        for (let round = 0; round < rounds; round++) {
          const order: Name[] = round % 2 === 0 ? ['walk', 'bands'] : ['bands', 'walk'];
          for (const name of order) {
            for (let i = 0; i < reps; i++) {
              const t0 = performance.now();
              await page(driver, name, w.q);
              times[name].push(performance.now() - t0);
            }
          }
        }
        const row = {
          size: g.relations.length,
          label: w.label,
          walk: p50(times.walk),
          bands: p50(times.bands),
          hitsWalk: await dbHits(driver, 'walk', w.q),
          hitsBands: await dbHits(driver, 'bands', w.q),
          same,
        };
        results.push(row);
        console.log(
          `  ${w.label.padEnd(22)} walk ${row.walk.toFixed(1).padStart(8)} ms (${row.hitsWalk} db hits)  bands ${row.bands.toFixed(1).padStart(7)} ms ` +
            `(${row.hitsBands} db hits)  walk/bands ${(row.walk / row.bands).toFixed(2)}x  ${same ? 'same rows' : 'ROWS DIFFER'} (${walkKeys.length})  load ${load()}`,
        );
      }
    }
    printGrowth(results, WINDOWS.map((w) => w.label), ['walk', 'bands'] as const, 'p50', 22);
  } finally {
    await driver.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
