// `npm run bench`: latency of typical analyst queries through the full HTTP stack (app.inject),
// on the memory store and, when NEO4J_URI is set, on Neo4j. Prints figures; asserts nothing.
import neo4j from 'neo4j-driver';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { MemoryGraphStore } from '../src/graph/memory';
import { Neo4jGraphStore } from '../src/graph/neo4j';
import type { GraphStore } from '../src/graph/store';
import { loadGraphData } from '../src/graph/data/bundle';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const QUERIES = [
  '/entities?limit=100',
  '/entities/yoichi-masuzoe',
  '/entities/yoichi-masuzoe/relations?asOf=2014-04-25',
  '/entities/yoichi-masuzoe/neighbourhood?depth=2',
  '/entities/xi-jinping/neighbourhood?depth=3',
  '/paths?from=hu-deping&to=shinzo-abe&maxHops=6&k=5',
  '/search?q=masuzoe',
  '/search?q=senkkau',
  '/relations?type=HOLDS_OFFICE',
  '/timeline?since=2014-03&until=2014-05',
  '/stats',
  '/export/graphml',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function bench(label: string, store: GraphStore) {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0' }), store });
  await app.ready();
  console.log(`\n${label}: ${ROUNDS} requests per query after 10 warm-up requests`);
  console.log(`${'query'.padEnd(58)} ${'status'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  for (const url of QUERIES) {
    for (let i = 0; i < 10; i++) await app.inject(url);
    const times: number[] = [];
    let status = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const res = await app.inject(url);
      times.push(performance.now() - t0);
      status = res.statusCode;
    }
    times.sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(2).padStart(8);
    console.log(`${url.padEnd(58)} ${String(status).padStart(6)} ${f(percentile(times, 50))} ${f(percentile(times, 95))} ${f(times[times.length - 1]!)}`);
  }
  await app.close();
}

async function main() {
  const t0 = performance.now();
  const memory = MemoryGraphStore.fromGraphData(loadGraphData());
  const built = performance.now() - t0;
  const d = await memory.describe();
  console.log(
    `memory store: ${d.entities} entities, ${d.relations} relations; built in ${built.toFixed(1)} ms, ` +
      `process RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
  await bench('memory store', memory);
  if (process.env.NEO4J_URI) {
    const user = process.env.NEO4J_USERNAME;
    const driver = neo4j.driver(process.env.NEO4J_URI, user ? neo4j.auth.basic(user, process.env.NEO4J_PASSWORD ?? '') : undefined);
    await bench(`neo4j store at ${process.env.NEO4J_URI} (load it first: npm run seed)`, new Neo4jGraphStore(driver));
  } else {
    console.log('\nNEO4J_URI unset: Neo4j not measured (npm run neo4j start && npm run seed && NEO4J_URI=bolt://127.0.0.1:7687 npm run bench)');
  }
}

void main();
