// `npm run bench:outage`: what clients see when Neo4j dies and comes back. Starts its own Neo4j (own home
// and port, scripts/neo4j.sh), loads the article, serves it through the real app, keeps a bounded load on it
// (BENCH_WORKERS concurrent clients), SIGKILLs the database, restarts it, and prints per-phase timings.
// Asserts nothing; the figures go to the README.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import neo4j from 'neo4j-driver';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { Neo4jGraphStore } from '../src/graph/neo4j';
import { createDriver } from '../src/graph/neo4j/driver';
import { bundleFiles, readBundleFile } from '../src/graph/data/bundle';
import { writeBundles } from '../src/graph/neo4j/load';

const ROOT = resolve(__dirname, '..');
const HOME = process.env.BENCH_NEO4J_HOME ?? '.neo4j-outage';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 3000);
const URLS = ['/entities?limit=10', '/entities/yoichi-masuzoe', '/search?q=masuzoe', '/paths?from=hu-deping&to=shinzo-abe', '/ready'];

interface Sample { t: number; ms: number; status: number }

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function neo4jSh(command: string, port: number): Promise<number> {
  return new Promise((done) => {
    const child = spawn('bash', ['scripts/neo4j.sh', command], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_BOLT_PORT: String(port), NEO4J_HOME_DIR: HOME, NEO4J_OWNER: 'bench-outage', NEO4J_STOP_TIMEOUT: '5' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => done(code ?? 1));
  });
}

function stats(samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const q = (p: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(0) : '-');
  const byStatus = new Map<number, number>();
  for (const s of samples) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
  const statuses = [...byStatus].map(([k, v]) => `${k}×${v}`).join(' ');
  return `${String(samples.length).padStart(6)}  p50 ${q(0.5).padStart(5)}  p95 ${q(0.95).padStart(5)}  max ${q(1).padStart(5)} ms   ${statuses}`;
}

async function main() {
  const port = await freePort();
  const uri = `bolt://127.0.0.1:${port}`;
  if ((await neo4jSh('start', port)) !== 0) throw new Error('Neo4j did not start');
  try {
    await run(uri);
  } finally {
    await neo4jSh('stop', port);
  }
}

async function run(uri: string) {
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', NEO4J_URI: uri });
  const driver = createDriver(config.neo4j!);
  await writeBundles(driver, bundleFiles().map(readBundleFile), { reset: true });
  const store = new Neo4jGraphStore(driver, undefined, { queryTimeoutMs: config.queryTimeoutMs });
  const app = await buildApp({ config, store });
  const t0 = performance.now();
  await app.ready();
  const changes: string[] = [];
  store.breaker.subscribe((open, reason) => changes.push(`${((performance.now() - t0) / 1000).toFixed(2)} s ${open ? `open (${reason})` : 'closed'}`));
  // Warm the database and the app (a cold JVM answers the first queries slowly), then measure.
  for (let round = 0; round < 3; round++) for (const url of URLS) await app.inject(url);

  const samples: Sample[] = [];
  let running = true;
  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    for (let i = w; running; i++) {
      const start = performance.now();
      const res = await app.inject(URLS[i % URLS.length]!);
      samples.push({ t: start - t0, ms: performance.now() - start, status: res.statusCode });
      if (res.statusCode !== 200) await new Promise((r) => setTimeout(r, 20)); // a client honouring nothing, but not spinning
    }
  });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  await sleep(PHASE_MS);
  const pid = Number(readFileSync(resolve(ROOT, HOME, 'neo4j.pid'), 'utf8'));
  const tKill = performance.now() - t0;
  process.kill(pid, 'SIGKILL');
  console.log(`[bench] SIGKILL Neo4j (pid ${pid}) at ${(tKill / 1000).toFixed(1)} s`);
  await sleep(PHASE_MS);

  // Restart, and watch Bolt directly to know when the database itself answers again.
  const restart = neo4jSh('start', Number(new URL(uri.replace('bolt', 'http')).port));
  const probe = neo4j.driver(uri, undefined, { connectionTimeout: 500, maxTransactionRetryTime: 0, maxConnectionPoolSize: 1 });
  let tBack = 0;
  while (!tBack) {
    try {
      await probe.executeQuery('RETURN 1');
      tBack = performance.now() - t0;
    } catch {
      await sleep(50);
    }
  }
  await probe.close();
  let tClosed = 0;
  while (!tClosed) {
    if (!store.breaker.isOpen) tClosed = performance.now() - t0;
    else await sleep(10);
  }
  // The API is back for clients when the breaker closed (its ping may beat the probe above).
  tBack = Math.min(tBack, tClosed);
  if ((await restart) !== 0) throw new Error('Neo4j did not restart');
  // Run on until the API has answered 200 again (a restarted JVM is cold), then one more phase.
  const deadline = performance.now() + 120_000;
  while (!samples.some((s) => s.t >= tBack && s.status === 200) && performance.now() < deadline) await sleep(100);
  await sleep(PHASE_MS);
  running = false;
  await Promise.all(workers);

  const down = samples.filter((s) => s.t >= tKill && s.t < tBack);
  const firstFailure = samples.find((s) => s.t + s.ms >= tKill && s.status !== 200);
  const firstOkAfter = samples.filter((s) => s.t >= tBack && s.status === 200).sort((a, b) => a.t + a.ms - (b.t + b.ms))[0];
  console.log(`\n${WORKERS} concurrent clients over app.inject, ${URLS.length} URLs in turn; Neo4j killed with SIGKILL and restarted`);
  console.log(`phase                        requests  latency                                statuses`);
  console.log(`before the kill (in flight)  ${stats(samples.filter((s) => s.t < tKill))}`);
  console.log(`database down                ${stats(down)}`);
  console.log(`after Bolt answers again     ${stats(samples.filter((s) => s.t >= tBack))}`);
  console.log(`\nfirst non-200 after the kill:   ${firstFailure ? ((firstFailure.t + firstFailure.ms - tKill) / 1000).toFixed(2) : '-'} s after SIGKILL`);
  console.log(`database down for:              ${((tBack - tKill) / 1000).toFixed(1)} s (restart included)`);
  console.log(`breaker closed after Bolt answered: ${((tClosed - tBack) / 1000).toFixed(2)} s`);
  console.log(`first 200 after Bolt answered:  ${firstOkAfter ? ((firstOkAfter.t + firstOkAfter.ms - tBack) / 1000).toFixed(2) : '-'} s`);
  const firstReady = samples.filter((s) => s.t >= tBack && s.status === 200 && s.ms < 1000).sort((a, b) => a.t - b.t)[0];
  if (firstReady) console.log(`first 200 under 1 s after Bolt answered: ${((firstReady.t + firstReady.ms - tBack) / 1000).toFixed(2)} s`);
  console.log(`slowest answer while down:      ${Math.max(0, ...down.map((s) => s.ms)).toFixed(0)} ms`);

  console.log(`breaker changes (s from the start of the load): ${changes.join('; ') || 'none'}`);
  await app.close();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
