// Rate limits: past RATE_LIMIT_MAX requests a minute a client gets 429 problem+json with Retry-After;
// health probes are never limited.
import type { FastifyInstance } from 'fastify';
import { memoryApp } from '../helpers/app';

describe('rate limits', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await memoryApp({ RATE_LIMIT_MAX: '3' });
  });
  afterAll(async () => app?.close());

  test('the fourth request in a minute is a 429 problem with Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.inject('/entities?limit=1')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await app.inject('/entities?limit=1');
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({ status: 429, type: 'urn:kg-api:problem:rate-limited' });
  });

  test('health probes are never limited', async () => {
    for (let i = 0; i < 6; i++) expect((await app.inject('/health')).statusCode).toBe(200);
    expect((await app.inject('/ready')).statusCode).toBe(200);
  });
});
