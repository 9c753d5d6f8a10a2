// Fail fast and recover: while Neo4j is unreachable the API answers 503 + Retry-After within 1 s (circuit
// breaker fed by connection errors and a background ping); once it is back the first success comes within
// 2 s, without restarting the API. The outage is staged with a TCP proxy in front of the test Neo4j.
import type { ManagedTransaction } from 'neo4j-driver';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { createDriver } from '../../src/graph/neo4j/driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { writeBundles } from '../../src/graph/neo4j/load';
import { testConfig } from '../helpers/app';
import { describeNeo4j, neo4jTestUri, openTestDriver } from '../helpers/neo4j';
import { TcpProxy } from '../helpers/tcp-proxy';

const URLS = ['/ready', '/entities', '/entities/yoichi-masuzoe', '/search?q=abe', '/paths?from=hu-deping&to=shinzo-abe'];

async function timed(app: FastifyInstance, url: string) {
  const t0 = performance.now();
  const res = await app.inject(url);
  return { res, ms: performance.now() - t0 };
}

function expectFast503({ res, ms }: Awaited<ReturnType<typeof timed>>) {
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(ms).toBeLessThan(1000);
}

async function appOver(uri: string) {
  const cfg = testConfig({ NEO4J_URI: uri });
  const store = new Neo4jGraphStore(createDriver(cfg.neo4j!), undefined, { queryTimeoutMs: cfg.queryTimeoutMs });
  const app = await buildApp({ config: cfg, store });
  await app.ready();
  return app;
}

describe('nothing listens at the Neo4j address', () => {
  test.each(['bolt://127.0.0.1:1', 'bolt://10.255.255.1:7687'])('%s: every store-backed request is a 503 within 1 s', async (uri) => {
    const app = await appOver(uri);
    try {
      for (const url of URLS) expectFast503(await timed(app, url));
      expect((await app.inject('/health')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  }, 30_000);
});

describeNeo4j('Neo4j goes away and comes back', () => {
  let proxy: TcpProxy;
  let app: FastifyInstance;
  beforeAll(async () => {
    const driver = openTestDriver();
    await writeBundles(driver, bundleFiles().map(readBundleFile), { reset: true });
    await driver.close();
    const target = new URL(neo4jTestUri()!.replace(/^bolt/, 'http'));
    proxy = new TcpProxy(target.hostname, Number(target.port));
    const port = await proxy.up();
    app = await appOver(`bolt://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.down();
  });

  test('serves, answers 503 fast while down (also under concurrent load), recovers within 2 s', async () => {
    for (const url of URLS) expect((await app.inject(url)).statusCode).toBe(200);

    await proxy.down();
    // The first requests after the cut: fail within 1 s each, not after the driver's retry budget.
    const first = await Promise.all(URLS.map((url) => timed(app, url)));
    first.forEach(expectFast503);
    const later = await Promise.all(Array.from({ length: 20 }, (_, i) => timed(app, URLS[i % URLS.length]!)));
    later.forEach(expectFast503);
    expect(later.map((r) => r.res.headers['retry-after'])).toEqual(later.map(() => '1'));

    await proxy.up();
    const back = performance.now();
    let status = 0;
    while (status !== 200 && performance.now() - back < 5000) {
      status = (await app.inject('/entities?limit=1')).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
    expect(performance.now() - back).toBeLessThan(2000);
    for (const url of URLS) expect((await app.inject(url)).statusCode).toBe(200);
  }, 60_000);
});

describeNeo4j('query time limit', () => {
  test('Neo4j cancels a query past NEO4J_QUERY_TIMEOUT_MS: StoreTimeoutError (504 in tests/api/unavailable.test.ts)', async () => {
    const store = new Neo4jGraphStore(openTestDriver(), undefined, { queryTimeoutMs: 200 });
    // The store's only door to the database, used with a deliberately slow query.
    const read = (store as unknown as { read: (w: (tx: ManagedTransaction) => Promise<unknown>) => Promise<unknown> }).read.bind(store);
    const t0 = performance.now();
    await expect(read((tx) => tx.run('UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(x)'))).rejects.toMatchObject({
      name: 'StoreTimeoutError',
    });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(store.breaker.isOpen).toBe(false);
    await store.close();
  }, 30_000);

  test('the same for a one-statement (auto-commit) read', async () => {
    const store = new Neo4jGraphStore(openTestDriver(), undefined, { queryTimeoutMs: 200 });
    const one = (store as unknown as { one: (q: string, p: Record<string, unknown>) => Promise<unknown> }).one.bind(store);
    const t0 = performance.now();
    await expect(one('UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(x)', {})).rejects.toMatchObject({ name: 'StoreTimeoutError' });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(store.breaker.isOpen).toBe(false);
    await store.close();
  }, 30_000);
});
