// Every error is problem+json, including those raised before routing or on the socket, the 405 of a
// wrong method (with Allow) and the 503 of a request that arrives while the server closes.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { MemoryGraphStore } from '../../src/graph/memory';
import { loadGraphData } from '../../src/graph/data/bundle';
import { memoryApp, testConfig } from '../helpers/app';

/** Sends raw bytes on a fresh connection and resolves with everything the server wrote back. */
function raw(port: number, data: string, opts: { end?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(data);
      if (opts.end) socket.end();
    });
    let out = '';
    socket.on('data', (chunk) => (out += chunk.toString('latin1')));
    socket.on('close', () => resolve(out));
    socket.on('error', (err) => (out ? resolve(out) : reject(err)));
  });
}

function problemOf(response: string) {
  const [head, body] = response.split('\r\n\r\n');
  return { status: Number(head?.split(' ')[1]), head: head ?? '', json: JSON.parse(body ?? '{}') };
}

describe('errors before routing (inject)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await memoryApp();
  });
  afterAll(async () => app?.close());

  test.each([
    ['/entities/%ED%A0%80', 400],
    ['/entities/%zz', 400],
  ])('%s is a %i problem', async (url, status) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status, title: expect.any(String), type: expect.stringMatching(/^urn:kg-api:problem:/) });
    expect(res.body).not.toContain('FST_');
  });

  test.each([121, 500, 5000])('an id of %i characters is a 400 problem naming id (router and schema agree)', async (n) => {
    const res = await app.inject(`/entities/${'a'.repeat(n)}/relations`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { name: string }) => e.name)).toEqual(['id']);
  });

  test('an id of 120 characters, each percent-encoded in 4 bytes, reaches the schema', async () => {
    const res = await app.inject(`/entities/${encodeURIComponent('\u{1F600}'.repeat(120))}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ name: 'id', message: expect.stringMatching(/^must be an id of lowercase letters and digits/) });
  });

  test.each([
    ['QUERY', '/stats'],
    ['POST', '/entities'],
    ['DELETE', '/entities/hu-deping'],
    ['PUT', '/health'],
  ] as const)('%s %s is a 405 problem with Allow', async (method, url) => {
    const res = await app.inject({ method, url });
    expect(res.statusCode).toBe(405);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(String(res.headers.allow).split(', ')).toEqual(expect.arrayContaining(['GET', 'HEAD']));
  });

  test.each(['/entities/hu-deping', '/documents/any-document', '/health', '/export/graphml'])(
    'a plain OPTIONS %s (not a CORS preflight) is a 204 with the Allow a wrong method gets',
    async (url) => {
      for (const headers of [{}, { origin: 'https://example.org' }]) {
        const res = await app.inject({ method: 'OPTIONS', url, headers });
        expect(res.statusCode).toBe(204);
        const wrong = await app.inject({ method: 'PATCH', url });
        expect(wrong.statusCode).toBe(405);
        expect(res.headers.allow).toBe(wrong.headers.allow);
        expect(String(res.headers.allow).split(', ')).toEqual(expect.arrayContaining(['GET', 'HEAD', 'OPTIONS']));
      }
    },
  );

  test('a CORS preflight is still answered by CORS', async () => {
    const res = await app.inject({ method: 'OPTIONS', url: '/documents/any-document', headers: { origin: 'https://example.org', 'access-control-request-method': 'PUT' } });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['access-control-allow-methods'])).toContain('PUT');
  });

  test('an unknown path is a 404 problem whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE', 'OPTIONS'] as const) {
      const res = await app.inject({ method, url: '/no/such/thing?x=1' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('errors on the socket (listening server)', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig({ REQUEST_TIMEOUT_MS: '500' }), store: MemoryGraphStore.fromGraphData(loadGraphData()) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => app?.close());

  test('headers over the limit: 431 problem', async () => {
    const res = problemOf(await raw(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(res.status).toBe(431);
    expect(res.head).toMatch(/content-type: application\/problem\+json/i);
    expect(res.json.status).toBe(431);
  });

  test('a request that is not HTTP: 400 problem', async () => {
    const res = problemOf(await raw(port, 'HELLO THERE\r\n\r\n'));
    expect(res.status).toBe(400);
    expect(res.head).toMatch(/content-type: application\/problem\+json/i);
    expect(res.json.status).toBe(400);
  });

  test('a request that does not arrive in time: 408 problem', async () => {
    const res = problemOf(await raw(port, 'GET /health HTTP/1.1\r\nHost: x\r\n'));
    expect(res.status).toBe(408);
    expect(res.head).toMatch(/content-type: application\/problem\+json/i);
  }, 15_000);
});

describe('closing', () => {
  test('a request that arrives while the server closes is a 503 problem with Retry-After', async () => {
    const store = MemoryGraphStore.fromGraphData(loadGraphData());
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const listEntities = store.listEntities.bind(store);
    store.listEntities = async (q) => {
      await gate;
      return listEntities(q);
    };
    const app = await buildApp({ config: testConfig(), store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    // A keep-alive connection busy when the close starts stays open; its next request arrives during the close.
    const chunks: string[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /entities HTTP/1.1\r\nHost: x\r\n\r\n'));
    const done = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (chunk) => {
      chunks.push(chunk.toString());
      if (chunks.length === 1) socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    await new Promise((r) => setTimeout(r, 200));
    const closed = app.close();
    await new Promise((r) => setTimeout(r, 100));
    release();
    await Promise.all([closed, done]);
    expect(chunks[0]).toMatch(/^HTTP\/1\.1 200/);
    const second = chunks.slice(1).join('');
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second).toMatch(/content-type: application\/problem\+json/i);
    expect(second).toMatch(/retry-after: \d+/i);
    expect(JSON.parse(second.split('\r\n\r\n')[1] ?? '{}')).toMatchObject({ status: 503, type: 'urn:kg-api:problem:shutting-down' });
  });
});
