// Security and caching headers on every response, and a request id that is only ever a short, safe token.
import type { FastifyInstance } from 'fastify';
import { memoryApp } from '../helpers/app';

let app: FastifyInstance;
beforeAll(async () => {
  app = await memoryApp();
});
afterAll(async () => app?.close());

function csp(header: unknown): Map<string, string[]> {
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

test.each(['/entities', '/nope', '/docs/', '/openapi.json', '/export/csv'])('%s: nosniff, no framing, a CSP of own files', async (url) => {
  const res = await app.inject(url);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  const policy = csp(res.headers['content-security-policy']);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'blob:']));
  expect(policy.has('upgrade-insecure-requests')).toBe(false);
});

test('successful GETs revalidate with their ETag; errors are never stored', async () => {
  const ok = await app.inject('/entities?limit=2');
  expect(ok.headers['cache-control']).toBe('no-cache');
  expect(ok.headers.etag).toBeTruthy();
  const again = await app.inject({ url: '/entities?limit=2', headers: { 'if-none-match': String(ok.headers.etag) } });
  expect(again.statusCode).toBe(304);
  expect(again.headers['cache-control']).toBe('no-cache');
  expect((await app.inject('/entities/no-such-entity')).headers['cache-control']).toBe('no-store');
  expect((await app.inject('/entities?limit=0')).headers['cache-control']).toBe('no-store');
});

describe('x-request-id', () => {
  test.each(['trace-123', 'a1b2c3d4e5f6.span:7', '0af7651916cd43dd8448eb211c80319c'])('a short safe token %s is echoed', async (id) => {
    const res = await app.inject({ url: '/health', headers: { 'x-request-id': id } });
    expect(res.headers['x-request-id']).toBe(id);
  });

  test.each([
    ['8 KB', 'a'.repeat(8192)],
    ['65 characters', 'b'.repeat(65)],
    ['markup', '<script>alert(1)</script>'],
    ['spaces', 'hello world'],
    ['empty', ''],
  ])('%s is replaced by a fresh id', async (_label, id) => {
    const res = await app.inject({ url: '/entities/nope', headers: { 'x-request-id': id } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });
});
