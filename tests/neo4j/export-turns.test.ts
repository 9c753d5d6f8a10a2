/**
 * A whole-graph export holds a pooled connection for as long as its client reads. Fifty-five slow downloads at
 * once took all 50 connections of the API's pool, and every other request answered 503 until they ended. Now at
 * most NEO4J_EXPORTS stream at once; one more waits NEO4J_EXPORT_WAIT_MS for its turn, then is answered 503
 * store-busy before anything is sent, and the rest of the API answers meanwhile. On the real test Neo4j; the
 * first export is held mid-stream by a store whose entity stream waits for the test's word.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import type { GraphStore } from '../../src/graph/store';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { writeBundles } from '../../src/graph/neo4j/load';
import { describeNeo4j, openTestDriver, untilHeld } from '../helpers/neo4j';
import { testConfig } from '../helpers/app';

/** The store, its entity stream waiting for `gate.open()` after its first entity while `gate.closed`. */
function heldStore(store: Neo4jGraphStore) {
  const gate = { closed: false, waiting: 0, open: () => undefined as void };
  let opened = Promise.resolve();
  const close = () => {
    gate.closed = true;
    opened = new Promise<void>((r) => (gate.open = () => ((gate.closed = false), r())));
  };
  const proxy = new Proxy(store as GraphStore, {
    get(target, prop, receiver) {
      if (prop !== 'streamEntities') return Reflect.get(target, prop, receiver);
      return async function* (...args: Parameters<GraphStore['streamEntities']>) {
        let n = 0;
        for await (const e of target.streamEntities(...args)) {
          yield e;
          if (n++ === 0 && gate.closed) {
            gate.waiting++;
            await opened;
          }
        }
      };
    },
  });
  return { proxy, gate, close };
}

describeNeo4j('whole-graph exports take turns on Neo4j', () => {
  let app: FastifyInstance;
  let held: ReturnType<typeof heldStore>;

  beforeAll(async () => {
    const driver = openTestDriver();
    await writeBundles(driver, bundleFiles().map(readBundleFile), { reset: true });
    held = heldStore(new Neo4jGraphStore(driver, undefined, { exportTurns: { concurrency: 1, queueMs: 400 } }));
    app = await buildApp({ config: testConfig(), store: held.proxy });
    await app.ready();
  });
  afterAll(async () => app?.close());

  test('one more than NEO4J_EXPORTS waits, then is turned away with 503 store-busy; other reads answer; the turn frees when the first ends', async () => {
    const expected = await app.inject('/export/ndjson');
    expect(expected.statusCode).toBe(200);

    held.close();
    // Until one try is held mid-stream (on a loaded machine the store's breaker may turn a try away first).
    const { attempt: first } = await untilHeld(() => held.gate.waiting, () => app.inject('/export/graphml'));
    const t0 = Date.now();
    const second = await app.inject('/export/ndjson');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    expect(second.statusCode).toBe(503);
    expect(second.headers['retry-after']).toBe('2');
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json()).toMatchObject({ status: 503, type: 'urn:kg-api:problem:store-busy' });
    expect(second.json().detail).toMatch(/exports/);
    // An export of a neighbourhood is not a whole-graph stream: it does not wait here.
    expect((await app.inject('/export/ndjson?entity=japan&depth=1')).statusCode).toBe(200);
    for (const url of ['/ready', '/entities/japan', '/relations?limit=5', '/stats']) {
      expect({ url, status: (await app.inject(url)).statusCode }).toEqual({ url, status: 200 });
    }

    held.gate.open();
    const done = await first;
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('</graphml>');
    const again = await app.inject('/export/ndjson');
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(expected.body);
  });

  test('a turn is given back when the client goes mid-download', async () => {
    const port = await listenOnce(app);
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/export/ndjson', agent: false }, (res) => {
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      });
    }
    // with one turn, each of the next downloads would have waited and been turned away had a gone one kept it
    const t0 = Date.now();
    expect((await app.inject('/export/cytoscape')).statusCode).toBe(200);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});

let listening: number | undefined;
async function listenOnce(app: FastifyInstance): Promise<number> {
  if (listening === undefined) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    listening = (app.server.address() as AddressInfo).port;
  }
  return listening;
}
