// When the database is down the API stays up: /health 200, /ready and queries 503 with Retry-After.
import neo4j from 'neo4j-driver';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { MemoryGraphStore } from '../../src/graph/memory';
import { bundleFiles, loadGraphData, readBundleFile, toGraphData } from '../../src/graph/data/bundle';
import { resetGraph, writeBundles } from '../../src/graph/neo4j/load';
import { StoreTimeoutError } from '../../src/graph/errors';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';
import { testConfig } from '../helpers/app';

describe('store unreachable', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // Nothing listens on port 1: every query fails to connect, as with a database that is down.
    const driver = neo4j.driver('bolt://127.0.0.1:1', undefined, { connectionTimeout: 1000, maxTransactionRetryTime: 0 });
    app = await buildApp({ config: testConfig(), store: new Neo4jGraphStore(driver) });
    await app.ready();
  });
  afterAll(async () => app?.close());

  test('/health still answers 200', async () => {
    expect((await app.inject('/health')).statusCode).toBe(200);
  });

  test.each(['/ready', '/entities', '/entities/yoichi-masuzoe', '/search?q=abe'])('%s is 503 problem+json with Retry-After', async (url) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json().type).toBe('urn:kg-api:problem:store-unavailable');
    expect(res.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|bolt/i);
  });
});

describe('unexpected errors', () => {
  test('a 500 never leaks the internal message', async () => {
    const store = MemoryGraphStore.fromGraphData(loadGraphData());
    // A store whose listEntities breaks with an internal detail the client must not see.
    store.listEntities = async () => {
      throw new Error('secret internal detail at /srv/db');
    };
    const app = await buildApp({ config: testConfig(), store });
    const res = await app.inject('/entities');
    await app.close();
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).not.toContain('secret');
    expect(res.json().requestId).toBeTruthy();
  });
});

describe('time limits', () => {
  test('a query the database cancelled for time is a 504 problem', async () => {
    const store = MemoryGraphStore.fromGraphData(loadGraphData());
    store.paths = async () => {
      throw new StoreTimeoutError();
    };
    const app = await buildApp({ config: testConfig(), store });
    const res = await app.inject('/paths?from=hu-deping&to=shinzo-abe');
    await app.close();
    expect(res.statusCode).toBe(504);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 504, type: 'urn:kg-api:problem:timeout' });
  });

  test('a handler past REQUEST_TIMEOUT_MS is a 504 problem', async () => {
    const store = MemoryGraphStore.fromGraphData(loadGraphData());
    store.stats = () => new Promise(() => undefined);
    const app = await buildApp({ config: testConfig({ REQUEST_TIMEOUT_MS: '300' }), store });
    const res = await app.inject('/stats');
    await app.close();
    expect(res.statusCode).toBe(504);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('/ready on an empty graph', () => {
  test('memory store without documents: 503 problem saying the graph is empty', async () => {
    const app = await buildApp({ config: testConfig(), store: MemoryGraphStore.fromGraphData(toGraphData([])) });
    const res = await app.inject('/ready');
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({ type: 'urn:kg-api:problem:graph-empty', detail: expect.stringMatching(/no documents/) });
  });
});

describeNeo4j('/ready on an empty Neo4j', () => {
  test('a reset database: 503 graph-empty; after loading: 200', async () => {
    const driver = openTestDriver();
    await resetGraph(driver);
    const app = await buildApp({ config: testConfig(), store: new Neo4jGraphStore(driver) });
    try {
      const empty = await app.inject('/ready');
      expect(empty.statusCode).toBe(503);
      expect(empty.json().type).toBe('urn:kg-api:problem:graph-empty');
      await writeBundles(driver, bundleFiles().map(readBundleFile), { reset: true });
      expect((await app.inject('/ready')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
