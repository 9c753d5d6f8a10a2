// When the database is down the API stays up: /health 200, /ready and queries 503 with Retry-After.
import neo4j from 'neo4j-driver';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { MemoryGraphStore } from '../../src/graph/memory';
import { loadGraphData } from '../../src/graph/data/bundle';
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
