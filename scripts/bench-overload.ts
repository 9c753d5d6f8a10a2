// `npm run bench:overload`: what clients get when many heavy traversals arrive at once on Neo4j, with the
// traversal gate (NEO4J_TRAVERSALS, src/graph/neo4j/turn-gate.ts) against without it (0), in
// interleaved rounds on the graph already in the database (load a big one first, e.g. `npm run bench:load --
// --relations 1e5 --rounds 1 --mode import`). Each round fires --heavy concurrent depth-3 neighbourhoods of the
// most connected entity at the largest budgets while --light clients read entities, relations and search,
// and /ready is polled. Prints statuses and latencies per side; asserts nothing.
//
//   --heavy N     concurrent heavy requests per round (default 20)
//   --light C     light clients running through the round (default 4)
//   --rounds R    rounds per side (default 3)
//   --traversals T, --wait MS   the gate's settings (default: LIMITS.traversals, LIMITS.traversalWaitMs)
//   --url PATH    the heavy request (default: the hub's neighbourhood, depth 3, maxNodes/maxEdges at their limits)
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { Neo4jGraphStore } from '../src/graph/neo4j';
import { createDriver } from '../src/graph/neo4j/driver';
import { LIMITS } from '../src/schemas/limits';
import { loadAverage } from './bench-util';

interface Sample {
  ms: number;
  status: number;
  type?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timed(app: FastifyInstance, url: string): Promise<Sample> {
  const t0 = performance.now();
  const res = await app.inject(url);
  const type = res.statusCode >= 400 ? (res.json() as { type?: string }).type?.replace('urn:kg-api:problem:', '') : undefined;
  return { ms: performance.now() - t0, status: res.statusCode, type };
}

function summary(samples: Sample[]): string {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const q = (p: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(0) : '-');
  const counts = new Map<string, number>();
  for (const s of samples) {
    const key = s.type ? `${s.status} ${s.type}` : String(s.status);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const statuses = [...counts].sort().map(([k, v]) => `${v} x ${k}`).join(', ');
  return `${String(samples.length).padStart(5)}  p50 ${q(0.5).padStart(6)}  p95 ${q(0.95).padStart(6)}  max ${q(1).padStart(6)} ms  ${statuses}`;
}

interface Side {
  label: string;
  app: FastifyInstance;
  store: Neo4jGraphStore;
  heavy: Sample[];
  light: Sample[];
  ready: Sample[];
  wallMs: number[];
  breakerOpened: number;
}

async function side(label: string, traversals: { concurrency: number; queueMs: number }): Promise<Side> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', GRAPH_STORE: 'neo4j' });
  const store = new Neo4jGraphStore(createDriver(config.neo4j!), config.neo4j!.database, { queryTimeoutMs: config.queryTimeoutMs, traversals });
  // the response cache off: every request reaches the store
  const app = await buildApp({ config, store, responseCache: false });
  await app.ready();
  const s: Side = { label, app, store, heavy: [], light: [], ready: [], wallMs: [], breakerOpened: 0 };
  store.breaker.subscribe((open) => {
    if (open) s.breakerOpened++;
  });
  return s;
}

/** One round: the heavy burst, with light clients and a /ready poll running until it has been answered. */
async function round(s: Side, heavyUrl: string, heavy: number, lightClients: number, lightUrls: string[]): Promise<void> {
  let running = true;
  const light = Array.from({ length: lightClients }, async (_, c) => {
    for (let i = c; running; i++) s.light.push(await timed(s.app, lightUrls[i % lightUrls.length]!));
  });
  const ready = (async () => {
    while (running) {
      s.ready.push(await timed(s.app, '/ready'));
      await sleep(200);
    }
  })();
  const t0 = performance.now();
  s.heavy.push(...(await Promise.all(Array.from({ length: heavy }, () => timed(s.app, heavyUrl)))));
  s.wallMs.push(performance.now() - t0);
  running = false;
  await Promise.all([...light, ready]);
}

/** Until the database answers at once again (a round may leave it collecting memory). */
async function settle(s: Side): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if ((await s.app.inject('/ready')).statusCode === 200 && (await s.app.inject('/entities?limit=1')).statusCode === 200) break;
    await sleep(500);
  }
  await sleep(2000);
}

async function main() {
  const { values } = parseArgs({
    options: {
      heavy: { type: 'string', default: '20' },
      light: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '3' },
      traversals: { type: 'string', default: String(LIMITS.traversals) },
      wait: { type: 'string', default: String(LIMITS.traversalWaitMs) },
      url: { type: 'string' },
    },
  });
  if (!process.env.NEO4J_URI) throw new Error('bench:overload needs NEO4J_URI (a Neo4j holding a graph; see the top of this file)');
  const heavy = Number(values.heavy);
  const rounds = Number(values.rounds);
  const gate = { concurrency: Number(values.traversals), queueMs: Number(values.wait) };

  const gated = await side(`gate ${gate.concurrency} at once, wait ${gate.queueMs} ms`, gate);
  const open = await side('no gate', { concurrency: 0, queueMs: 0 });
  try {
    const d = await gated.store.describe();
    const stats = (await gated.app.inject('/stats')).json() as { mostConnected: Array<{ entity: { id: string }; degree?: number }> };
    const hub = stats.mostConnected[0]!.entity.id;
    const heavyUrl = values.url ?? `/entities/${hub}/neighbourhood?depth=${LIMITS.maxDepth}&maxNodes=${LIMITS.maxNodes}&maxEdges=${LIMITS.maxEdges}`;
    const lightUrls = [`/entities/${hub}`, `/entities/${hub}/relations?limit=20`, '/entities?limit=20', `/search?q=${encodeURIComponent(hub.slice(0, 6))}`];
    console.log(`bench:overload ${new Date().toISOString()}, node ${process.version}, load ${loadAverage()}`);
    console.log(`graph: ${d.entities} entities, ${d.relations} relations; heavy: ${heavy} x ${heavyUrl} at once; ${values.light} light clients; ${rounds} rounds per side, interleaved`);
    // warm both sides (plans, pools) with one heavy request and the light ones
    for (const s of [gated, open]) for (const url of [heavyUrl, ...lightUrls]) await s.app.inject(url);
    for (let r = 0; r < rounds; r++) {
      for (const s of r % 2 === 0 ? [gated, open] : [open, gated]) {
        await settle(s);
        await round(s, heavyUrl, heavy, Number(values.light), lightUrls);
        console.log(`  round ${r + 1} ${s.label}: burst answered in ${(s.wallMs.at(-1)! / 1000).toFixed(1)} s (load ${loadAverage()})`);
      }
    }
    for (const s of [gated, open]) {
      console.log(`\n== ${s.label} (breaker opened ${s.breakerOpened} times; bursts answered in ${s.wallMs.map((ms) => (ms / 1000).toFixed(1)).join(' / ')} s)`);
      console.log(`heavy   ${summary(s.heavy)}`);
      console.log(`light   ${summary(s.light)}`);
      console.log(`/ready  ${summary(s.ready)}`);
    }
    console.log(`\ndone; load ${loadAverage()}`);
  } finally {
    await gated.app.close();
    await open.app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
