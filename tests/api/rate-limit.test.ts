// Rate limits: past RATE_LIMIT_MAX requests a minute a client gets 429 problem+json with Retry-After and
// the IETF RateLimit-Policy / RateLimit headers; health probes are exempt by route, whatever the URL says.
import type { FastifyInstance } from 'fastify';
import { memoryApp } from '../helpers/app';

describe('rate limits', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await memoryApp({ RATE_LIMIT_MAX: '3' });
  });
  afterAll(async () => app?.close());

  test('the fourth request in a minute is a 429 problem with Retry-After and RateLimit headers', async () => {
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await app.inject('/entities?limit=1'));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(responses[0]?.headers['ratelimit-policy']).toBe('"per-client";q=3;w=60');
    expect(responses[0]?.headers.ratelimit).toMatch(/^"per-client";r=2;t=\d+$/);
    const res = await app.inject('/entities?limit=1');
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers.ratelimit).toMatch(/^"per-client";r=0;t=\d+$/);
    expect(res.headers['ratelimit-policy']).toBe('"per-client";q=3;w=60');
    expect(res.json()).toMatchObject({ status: 429, type: 'urn:kg-api:problem:rate-limited' });
  });

  test.each(['/health', '/health?x=1', '/ready?probe=1', '/ready#frag'])('%s is never limited', async (url) => {
    for (let i = 0; i < 6; i++) expect((await app.inject(url)).statusCode).toBeLessThan(400);
  });
});
