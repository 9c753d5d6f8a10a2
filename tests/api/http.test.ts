// HTTP behaviour shared by every route: problem+json errors, validation, ETags, CORS, compression, docs.
import type { FastifyInstance } from 'fastify';
import { appFactories } from '../helpers/app';
import { ENTITY_KINDS, RELATION_TYPE_NAMES } from '../../src/schemas/vocabulary';

describe.each(appFactories())('HTTP behaviour (%s store)', (_label, makeApp) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(async () => app?.close());

  test('GET /health is 200 ok', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  test('GET /ready reports the store and its size', async () => {
    const res = await app.inject('/ready');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ready');
    expect(body.store).toBe(_label);
    expect(body.entities).toBeGreaterThan(10);
    expect(body.relations).toBeGreaterThan(10);
    expect(body.documents).toBe(1);
  });

  test('Swagger UI and the OpenAPI document are served', async () => {
    const ui = await app.inject('/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    const spec = (await app.inject('/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/entities', '/entities/{id}', '/paths', '/search', '/timeline']));
  });

  test('an unknown route is a 404 problem', async () => {
    const res = await app.inject('/nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: 'Not Found', instance: '/nope' });
  });

  test('an unknown entity is a 404 problem naming it', async () => {
    const res = await app.inject('/entities/no-such-entity');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toContain('no-such-entity');
  });

  test.each([
    ['/entities?limit=0', 'limit'],
    ['/entities?limit=101', 'limit'],
    ['/entities?kind=alien', 'kind'],
    ['/entities?colour=red', 'colour'],
    ['/entities/Not_A_Slug', 'id'],
    ['/relations?asOf=2014-13-01', 'asOf'],
    ['/paths?from=hu-deping', 'to'],
    ['/entities/hu-deping/neighbourhood?depth=4', 'depth'],
    ['/search?q=', 'q'],
    ['/relations?since=2014-05&until=2014-04', 'since'],
    ['/timeline?asOf=2010&since=2014', 'asOf'],
  ])('%s is a 400 problem naming %s', async (url, name) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.type).toBe('urn:kg-api:problem:invalid-parameter');
    expect(body.errors.map((e: { name: string }) => e.name)).toContain(name);
  });

  test.each([
    ['/entities?kind=alien', 'kind', ENTITY_KINDS],
    ['/relations?type=MET&type=governor-of', 'type', RELATION_TYPE_NAMES],
    ['/entities/japan/relations?direction=sideways', 'direction', ['out', 'in', 'both']],
  ])('%s: the 400 lists the values %s may take', async (url, name, allowed) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    const error = (res.json().errors as Array<{ name: string; message: string }>).find((e) => e.name === name)!;
    expect(error.message).toBe(`must be one of: ${[...allowed].join(', ')}`);
  });

  test.each([
    ['/relations?asOf=2014-13', 'asOf', 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2014-04-24)'],
    ['/timeline?since=14%20June%202014', 'since', 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2014-04-24)'],
    ['/entities/Not_A_Slug', 'id', 'must be an id of lowercase letters and digits, words joined by single hyphens (e.g. yoichi-masuzoe)'],
    ['/relations?subject=China', 'subject', 'must be an id of lowercase letters and digits, words joined by single hyphens (e.g. yoichi-masuzoe)'],
  ])('%s: the 400 says in words what %s must look like', async (url, name, message) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    const error = (res.json().errors as Array<{ name: string; message: string }>).find((e) => e.name === name)!;
    expect(error.message).toBe(message);
  });

  test('a forged cursor is a 400 problem naming cursor', async () => {
    const res = await app.inject('/entities?cursor=not-a-cursor');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].name).toBe('cursor');
  });

  test('GETs carry an ETag and answer 304 to If-None-Match', async () => {
    const first = await app.inject('/entities?limit=5');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await app.inject({ url: '/entities?limit=5', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    const other = await app.inject({ url: '/entities?limit=6', headers: { 'if-none-match': etag } });
    expect(other.statusCode).toBe(200);
  });

  test('If-None-Match as RFC 9110 has it: a list of tags, weak or strong, or *; only a 200 becomes a 304', async () => {
    const url = '/entities?limit=5';
    const etag = (await app.inject(url)).headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const status = async (ifNoneMatch: string, to = url) => (await app.inject({ url: to, headers: { 'if-none-match': ifNoneMatch } })).statusCode;
    expect(await status(`"elsewhere", ${etag}`)).toBe(304);
    expect(await status(`${etag},W/"other"`)).toBe(304);
    expect(await status(etag.slice(2))).toBe(304); // the strong form of the weak tag: weak comparison
    expect(await status('*')).toBe(304);
    expect(await status(' * ')).toBe(304);
    expect(await status('"elsewhere", W/"other"')).toBe(200);
    expect(await status(`${etag.slice(0, -2)}x"`)).toBe(200);
    expect(await status('*', '/entities/no-such-entity')).toBe(404);
    expect((await app.inject({ method: 'HEAD', url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
  });

  test('CORS allows any origin by default and exposes ETag', async () => {
    const res = await app.inject({ url: '/health', headers: { origin: 'https://notebook.example' } });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-expose-headers'])).toContain('ETag');
  });

  test('large responses are compressed when the client accepts gzip', async () => {
    const res = await app.inject({ url: '/entities?limit=100', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  test('the request id is echoed, and a caller-supplied one is honoured', async () => {
    const res = await app.inject({ url: '/health', headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
    const fresh = await app.inject('/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
