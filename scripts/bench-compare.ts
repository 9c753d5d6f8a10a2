// `npm run bench:compare`: the API next to its peers, in one run with interleaved rounds.
//
//   Neo4j (the article graph): for entity, relations of an entity, neighbourhood, paths and search,
//     api     GET on the API (Neo4j store) listening in a child process, over keep-alive HTTP;
//     driver  the API's own store call (the same Cypher, the same statements and transactions) through the raw driver,
//             in this process, no HTTP;
//     query   Neo4j's HTTP Query API (POST /db/neo4j/query/v2) running the Cypher the store ran for that
//             request (recorded once, warm), its queries sent together, over keep-alive HTTP.
//   Embedded: the API on the memory store vs a bare Fastify route sending the same bytes (same
//     content type), each in a child process, over keep-alive HTTP.
//
// Every (endpoint, peer) runs --requests requests at --concurrency in each of --rounds rounds; the peers'
// order rotates every round, so a slow spell on this shared machine hits every peer. Prints requests/s
// (median of the rounds), p50 latency, the ratios and the machine's load average. Asserts nothing.
// The Neo4j part also prints the CPU time each peer's request cost across every process that served it
// (this process as client or driver, the API child, and Neo4j when its pid is known: NEO4J_PID, else
// scripts/neo4j.sh's pid file), read from /proc: on a shared machine requests/s follow the neighbours'
// load, CPU time per request much less.
//
// Needs NEO4J_URI (Bolt) and the HTTP connector: NEO4J_HTTP_URL, or NEO4J_HTTP_PORT on 127.0.0.1
// (scripts/neo4j.sh starts it with NEO4J_HTTP_PORT set). Loads the article bundle when the database
// does not hold it (--load forces a reload; both replace the graph).
//
//   --rounds R (default 5)  --requests N per peer and round (default 300)  --concurrency C (default 16)
//   --memory-requests M per peer and round in the embedded part (default 3000: a round of 300 there took 30-50 ms,
//     short enough for one GC or a neighbour's burst to decide it)
//   --warm W (default 1000): untimed requests per peer and endpoint before the rounds. Without them the first
//     rounds timed V8 still compiling the API's longer path (the embedded part read 0.39-0.72x at 300 requests a
//     round, 0.80-1.10x at 2,000), which a bare route, a few lines, does not pay.
//   --part neo4j|memory|both (default both): `memory` runs only the embedded part and needs no Neo4j
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { MemoryGraphStore } from '../src/graph/memory';
import { Neo4jGraphStore } from '../src/graph/neo4j';
import { bundleFiles, loadGraphData, readBundleFile } from '../src/graph/data/bundle';
import { writeBundles } from '../src/graph/neo4j/load';
import type { GraphStore } from '../src/graph/store';
import { forkServer, listenAndReport } from './bench-util';

const ARTICLE_DOCUMENT = 'stratfor-2014-04-23-china-japan-city-diplomacy';

interface Endpoint {
  label: string;
  url: string;
  call: (store: GraphStore) => Promise<unknown>;
}

const ENDPOINTS: Endpoint[] = [
  { label: 'entity', url: '/entities/yoichi-masuzoe', call: (s) => s.getEntity('yoichi-masuzoe') },
  {
    label: 'relations of an entity',
    url: '/entities/japan/relations?limit=20',
    call: (s) => s.listRelations({ entity: 'japan', limit: 20 }),
  },
  {
    label: 'neighbourhood depth 2',
    url: '/entities/japan/neighbourhood?depth=2',
    call: (s) => s.neighbourhood('japan', { depth: 2, maxNodes: 100, maxEdges: 500 }),
  },
  {
    label: 'paths maxHops 4 k 3',
    url: '/paths?from=hu-deping&to=shinzo-abe&maxHops=4&k=3',
    call: (s) => s.paths('hu-deping', 'shinzo-abe', { maxHops: 4, k: 3 }),
  },
  { label: 'search', url: '/search?q=masuzoe', call: (s) => s.search({ q: 'masuzoe', limit: 20 }) },
];

// ---------------------------------------------------------------- child processes: servers

type Serve = 'neo4j' | 'memory' | 'bare';

async function serve(kind: Serve): Promise<void> {
  let app;
  if (kind === 'bare') {
    const { body, contentType } = await new Promise<{ body: string; contentType: string }>((resolve) => process.once('message', resolve));
    app = Fastify({ logger: false });
    app.get('/*', async (_req, reply) => reply.type(contentType).send(body));
  } else {
    const store: GraphStore =
      kind === 'memory' ? MemoryGraphStore.fromGraphData(loadGraphData()) : new Neo4jGraphStore(driverFromEnv(), process.env.NEO4J_DATABASE);
    app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0' }), store });
  }
  await listenAndReport(app);
}

const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((c) => c.kill()));

/** A server in a child process; `response` (bare only) is the body and type it sends. */
async function start(kind: Serve, response?: { body: string; contentType: string }): Promise<{ port: number; proc: ChildProcess }> {
  const server = await forkServer(__filename, ['--serve', kind], kind, { message: response });
  children.add(server.proc);
  server.proc.once('exit', () => children.delete(server.proc));
  return server;
}

function driverFromEnv(): Driver {
  const user = process.env.NEO4J_USERNAME;
  return neo4j.driver(process.env.NEO4J_URI!, user ? neo4j.auth.basic(user, process.env.NEO4J_PASSWORD ?? '') : undefined);
}

// ---------------------------------------------------------------- clients

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(port: number, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), type: String(res.headers['content-type'] ?? '') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The Cypher a store call ran (every session.run and tx.run, in order). */
interface Recorded {
  query: string;
  parameters: Record<string, unknown>;
}

/** A driver whose sessions record what they run (auto-commit statements and managed transactions). */
function recordingDriver(driver: Driver, log: Recorded[]): Driver {
  const wrapTx = (tx: ManagedTransaction) =>
    new Proxy(tx, {
      get(target, prop) {
        if (prop === 'run') {
          return (query: string, parameters: Record<string, unknown> = {}) => {
            log.push({ query, parameters });
            return target.run(query, parameters);
          };
        }
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  return new Proxy(driver, {
    get(target, prop) {
      if (prop === 'session') {
        return (config: Parameters<Driver['session']>[0]) => {
          const session = target.session(config);
          return new Proxy(session, {
            get(s, sp) {
              if (sp === 'executeRead') return (work: (tx: ManagedTransaction) => unknown) => s.executeRead((tx) => work(wrapTx(tx)));
              if (sp === 'run') {
                return (query: string, parameters: Record<string, unknown> = {}, config?: Parameters<typeof s.run>[2]) => {
                  log.push({ query, parameters });
                  return s.run(query, parameters, config);
                };
              }
              const v = Reflect.get(s, sp) as unknown;
              return typeof v === 'function' ? v.bind(s) : v;
            },
          });
        };
      }
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** Parameters as Query API JSON: Neo4j Integers become plain numbers (read back as Integer). */
function jsonParams(params: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(params, (_k, v: unknown) => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : v))) as Record<string, unknown>;
}

// ---------------------------------------------------------------- measuring

interface Run {
  rps: number;
  p50: number;
  errors: number;
  /** CPU ms per request over the processes `cpu` counts (NaN when not measured). */
  cpu: number;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux builds). */
const CLK_TCK = 100;

/** CPU time (user + system, ms) a process has used, from /proc; NaN where that cannot be read. */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Neo4j's pid: NEO4J_PID, else the pid file scripts/neo4j.sh writes (NEO4J_HOME_DIR, default .neo4j). */
function neo4jPid(): number | undefined {
  if (process.env.NEO4J_PID) return Number(process.env.NEO4J_PID);
  try {
    return Number(readFileSync(`${process.env.NEO4J_HOME_DIR ?? `${__dirname}/../.neo4j`}/neo4j.pid`, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

async function load(n: number, concurrency: number, one: () => Promise<boolean>, cpu: () => number = () => NaN): Promise<Run> {
  const times: number[] = [];
  let next = 0;
  let errors = 0;
  const cpu0 = cpu();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        const t = performance.now();
        const ok = await one().catch(() => false);
        times.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return { rps: n / seconds, p50: times[Math.floor(times.length / 2)] ?? NaN, errors, cpu: (cpu() - cpu0) / n };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function table(title: string, peers: string[], rows: Array<{ label: string; runs: Record<string, Run[]> }>, ratios: Array<[string, string]>): void {
  console.log(`\n== ${title}: requests/s (median of rounds), p50 ms`);
  const head = ['endpoint'.padEnd(24), ...peers.map((p) => `${p} req/s`.padStart(13) + `${'p50'.padStart(7)}`), ...ratios.map(([a, b]) => `${a}/${b}`.padStart(13))];
  console.log(head.join(' '));
  for (const row of rows) {
    const rps = (p: string) => median(row.runs[p]!.map((r) => r.rps));
    const errors = peers
      .map((p) => [p, row.runs[p]!.reduce((m, r) => m + r.errors, 0)] as const)
      .filter(([, count]) => count > 0)
      .map(([p, count]) => `${p} ${count}`)
      .join(', ');
    console.log(
      [
        row.label.padEnd(24),
        ...peers.map((p) => rps(p).toFixed(0).padStart(13) + median(row.runs[p]!.map((r) => r.p50)).toFixed(1).padStart(7)),
        ...ratios.map(([a, b]) => `${(rps(a) / rps(b)).toFixed(2)}x`.padStart(13)),
        errors ? `  ERRORS ${errors}` : '',
      ].join(' '),
    );
  }
}

/** CPU ms per request (median of rounds) and each peer's CPU over the first peer's: above 1, the first is cheaper. */
function cpuTable(first: string, peers: string[], rows: Array<{ label: string; runs: Record<string, Run[]> }>, counted: string): void {
  console.log(`\n== CPU ms per request (median of rounds; ${counted})`);
  console.log(['endpoint'.padEnd(24), ...peers.map((p) => `${p} cpu`.padStart(13)), ...peers.filter((p) => p !== first).map((p) => `${p}/${first} cpu`.padStart(17))].join(' '));
  for (const row of rows) {
    const cpu = (p: string) => median(row.runs[p]!.map((r) => r.cpu));
    console.log(
      [
        row.label.padEnd(24),
        ...peers.map((p) => cpu(p).toFixed(2).padStart(13)),
        ...peers.filter((p) => p !== first).map((p) => `${(cpu(p) / cpu(first)).toFixed(2)}x`.padStart(17)),
      ].join(' '),
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      rounds: { type: 'string', default: '5' },
      requests: { type: 'string', default: '300' },
      warm: { type: 'string', default: '1000' },
      'memory-requests': { type: 'string', default: '3000' },
      concurrency: { type: 'string', default: '16' },
      load: { type: 'boolean', default: false },
      part: { type: 'string', default: 'both' },
    },
    strict: true,
  });
  if (values.serve) return serve(values.serve as Serve);
  const rounds = Number(values.rounds);
  const n = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const warm = Number(values.warm);
  const part = values.part;
  if (part !== 'neo4j' && part !== 'memory' && part !== 'both') throw new Error('--part must be neo4j, memory or both');
  const started = Date.now();
  const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(
    `bench:compare ${new Date().toISOString()}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}; ` +
      `${rounds} rounds x ${n} requests per peer (embedded part: ${values['memory-requests']}) at concurrency ${concurrency} after ${warm} untimed; ` +
        `load average ${loadavg()}`,
  );
  if (part !== 'memory') await neo4jPart(rounds, n, concurrency, warm, loadavg, values.load);
  if (part !== 'neo4j') await memoryPart(rounds, Number(values['memory-requests']), concurrency, warm);
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${loadavg()}`);
  agent.destroy();
}

async function neo4jPart(rounds: number, n: number, concurrency: number, warm: number, loadavg: () => string, reload: boolean): Promise<void> {
  if (!process.env.NEO4J_URI) throw new Error('NEO4J_URI is not set (and the HTTP connector: NEO4J_HTTP_PORT or NEO4J_HTTP_URL)');
  const httpUrl = new URL(process.env.NEO4J_HTTP_URL ?? `http://127.0.0.1:${process.env.NEO4J_HTTP_PORT ?? 7474}`);
  const database = process.env.NEO4J_DATABASE ?? 'neo4j';

  const driver = driverFromEnv();
  const { records } = await driver.executeQuery('MATCH (d:Document {id: $id}) RETURN count(d) AS n', { id: ARTICLE_DOCUMENT });
  if (reload || Number(records[0]!.get('n')) === 0) {
    console.log('loading the article bundle (replaces the graph)...');
    await writeBundles(driver, bundleFiles().map(readBundleFile), { reset: true });
  }

  // The Cypher each endpoint's store call runs, recorded on a warm call.
  const log: Recorded[] = [];
  const recorder = new Neo4jGraphStore(recordingDriver(driver, log));
  const recorded = new Map<string, Recorded[]>();
  for (const e of ENDPOINTS) {
    await e.call(recorder);
    log.length = 0;
    await e.call(recorder);
    recorded.set(e.label, [...log]);
  }
  console.log(`queries per request (API store, warm): ${ENDPOINTS.map((e) => `${e.label} ${recorded.get(e.label)!.length}`).join(', ')}`);

  const api = await start('neo4j');
  const store = new Neo4jGraphStore(driver);
  const auth: Record<string, string> = process.env.NEO4J_USERNAME
    ? { authorization: `Basic ${Buffer.from(`${process.env.NEO4J_USERNAME}:${process.env.NEO4J_PASSWORD ?? ''}`).toString('base64')}` }
    : {};
  const queryApi = async (r: Recorded) => {
    const res = await request(Number(httpUrl.port), `/db/${database}/query/v2`, JSON.stringify({ statement: r.query, parameters: jsonParams(r.parameters) }), {
      'content-type': 'application/json',
      accept: 'application/json',
      ...auth,
    });
    if (res.status >= 300) throw new Error(`Query API ${res.status}: ${res.body.slice(0, 300)}`);
    return true;
  };
  // Each peer answers once before timing (and the Query API's answer is checked).
  for (const e of ENDPOINTS) {
    const res = await request(api.port, e.url);
    if (res.status !== 200) throw new Error(`${e.url}: ${res.status} ${res.body.slice(0, 200)}`);
    await e.call(store);
    await Promise.all(recorded.get(e.label)!.map(queryApi));
  }

  const peers: Record<string, (e: Endpoint) => Promise<boolean>> = {
    api: async (e) => (await request(api.port, e.url)).status === 200,
    driver: async (e) => (await e.call(store), true),
    query: async (e) => (await Promise.all(recorded.get(e.label)!.map(queryApi)), true),
  };
  // CPU each peer's requests cost: this process (client or driver), the API child for api, and Neo4j.
  const db = neo4jPid();
  const self = () => cpuMs(process.pid) + (db === undefined ? 0 : cpuMs(db));
  const cpu: Record<string, () => number> = { api: () => self() + cpuMs(api.proc.pid), driver: self, query: self };
  const rows = ENDPOINTS.map((e) => ({ label: e.label, runs: Object.fromEntries(Object.keys(peers).map((p) => [p, [] as Run[]])) }));
  const names = Object.keys(peers);
  for (const e of ENDPOINTS) for (const p of names) await load(warm, concurrency, () => peers[p]!(e));
  for (let round = 0; round < rounds; round++) {
    for (const [i, e] of ENDPOINTS.entries()) {
      const order = names.map((_, k) => names[(k + round + i) % names.length]!);
      for (const p of order) rows[i]!.runs[p]!.push(await load(n, concurrency, () => peers[p]!(e), cpu[p]));
    }
    process.stdout.write(`  round ${round + 1}/${rounds} done (load ${loadavg()})\n`);
  }
  table('Neo4j store (the article graph)', names, rows, [
    ['api', 'driver'],
    ['api', 'query'],
  ]);
  cpuTable('api', names, rows, db === undefined ? 'node processes only: Neo4j pid unknown (NEO4J_PID)' : `this process, the API child and Neo4j (pid ${db})`);
  api.proc.kill();
  await driver.close();
}

async function memoryPart(rounds: number, n: number, concurrency: number, warm: number): Promise<void> {
  // Embedded: the API on the memory store vs a bare route sending the same bytes.
  const memory = await start('memory');
  const embedded: Array<{ label: string; runs: Record<string, Run[]> }> = [];
  for (const e of ENDPOINTS) {
    const sample = await request(memory.port, e.url);
    const bare = await start('bare', { body: sample.body, contentType: sample.type });
    const row = { label: e.label, runs: { memory: [] as Run[], bare: [] as Run[] } };
    for (const port of [memory.port, bare.port]) await load(warm, concurrency, async () => (await request(port, e.url)).status === 200);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['memory', 'bare'] as const) : (['bare', 'memory'] as const);
      for (const p of order) {
        const port = p === 'memory' ? memory.port : bare.port;
        row.runs[p].push(await load(n, concurrency, async () => (await request(port, e.url)).status === 200));
      }
    }
    bare.proc.kill();
    embedded.push(row);
  }
  memory.proc.kill();
  table('Embedded store vs a bare Fastify route (same bytes)', ['memory', 'bare'], embedded, [['memory', 'bare']]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
