// Document ingest over HTTP, on both stores: keys (401 without), create (201) / replace (200) with ETags,
// 412 on stale preconditions, 409 on a conflicting document, 422 on a bad span or bundle, 413 on a large
// body, the stored bundle served back, delete; plus READ_REQUIRES_KEY and the write rate limit.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { bundleVersion } from '../../src/graph/data/documents';
import { conflictingBundle, fixtureC, TEXT_C } from '../fixtures/ingest';
import Fastify from 'fastify';
import { app as kgApp, serverOptions } from '../../src/app';
import { MemoryGraphStore } from '../../src/graph/memory';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { memoryApp, neo4jApp, testConfig } from '../helpers/app';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const ALICE = 'alice-token-4d1f0c2b9e';
const BOB = 'bob-token-77a3e91c05';
const KEYS = { API_KEYS: `alice:${sha(ALICE)},bob:${sha(BOB)}`, WRITE_BODY_LIMIT: '65536', WRITE_RATE_LIMIT_MAX: '0' };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const factories: Array<[string, (env: Record<string, string>) => Promise<FastifyInstance>]> = [['memory', memoryApp]];
if (process.env.NEO4J_TEST_AVAILABLE === '1') factories.push(['neo4j', neo4jApp]);
else console.warn(`[neo4j] document API tests run on the memory store only: ${process.env.NEO4J_TEST_SKIP_REASON ?? 'no Neo4j'}`);

describe.each(factories)('documents over HTTP (%s)', (_label, build) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build(KEYS);
  });
  afterAll(async () => app?.close());

  const putC = (headers: Record<string, string>, body: unknown = { bundle: fixtureC(), sourceText: TEXT_C }) =>
    app.inject({ method: 'PUT', url: '/documents/fixture-c', headers, payload: body as object });

  let etag = '';

  test('refuses a write without a key, or with a wrong one: 401 problem+json with WWW-Authenticate', async () => {
    const none = await putC({});
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.headers['www-authenticate']).toBe('Bearer realm="kg-api"');
    expect(none.json()).toMatchObject({ status: 401, type: 'urn:kg-api:problem:unauthorized' });
    const wrong = await putC(auth('not-a-key'));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer realm="kg-api", error="invalid_token"');
    expect((await app.inject({ method: 'DELETE', url: '/documents/fixture-c' })).statusCode).toBe(401);
    expect((await app.inject('/documents/fixture-c')).statusCode).toBe(404);
  });

  test('creates a document with a key: 201, ETag, Location; the source text verifies the spans', async () => {
    const res = await putC({ ...auth(ALICE), 'if-none-match': '*' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/documents/fixture-c');
    etag = `"${bundleVersion(fixtureC())}"`;
    expect(res.headers.etag).toBe(etag);
    expect(res.json()).toEqual({
      document: 'fixture-c',
      version: bundleVersion(fixtureC()),
      created: true,
      entities: { created: 5, updated: 0, deleted: 0 },
      relations: { created: 2, updated: 0, deleted: 0 },
    });
    const doc = await app.inject('/documents/fixture-c');
    expect(doc.statusCode).toBe(200);
    expect(doc.headers.etag).toBe(etag);
    expect(doc.json()).toMatchObject({ id: 'fixture-c', author: 'alice', spansVerified: true, entityCount: 5, relationCount: 2 });
    const rel = (await app.inject('/relations/varga-met-roth')).json();
    expect(rel).toMatchObject({ documents: ['fixture-c'], assertions: [{ document: 'fixture-c', assertedBy: 'harbor-gazette', modality: 'stated' }] });
    const listed = (await app.inject('/entities?document=fixture-c&limit=100')).json();
    expect(listed.items.map((e: { id: string }) => e.id)).toEqual(['anika-roth', 'bren-okafor', 'harbor-gazette', 'lena-varga', 'oswin-quillfeather']);
  });

  test('serves the stored bundle with the ETag, never the source text', async () => {
    const res = await app.inject('/documents/fixture-c/bundle');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(etag);
    expect(res.json()).toEqual(fixtureC());
    expect(res.body).not.toContain('say they first met');
    expect((await app.inject('/documents/no-such-document/bundle')).statusCode).toBe(404);
  });

  test('412 on If-None-Match: * for an existing document and on a stale If-Match, with the current ETag', async () => {
    const exists = await putC({ ...auth(ALICE), 'if-none-match': '*' });
    expect(exists.statusCode).toBe(412);
    expect(exists.json()).toMatchObject({ status: 412, type: 'urn:kg-api:problem:precondition-failed' });
    const stale = await putC({ ...auth(BOB), 'if-match': '"0123456789abcdef0123456789abcdef"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers.etag).toBe(etag);
    const tagged = await putC({ ...auth(ALICE), 'if-none-match': etag });
    expect(tagged.statusCode).toBe(400);
    expect(tagged.json().errors[0]).toMatchObject({ in: 'headers', name: 'if-none-match' });
    const staleDelete = await app.inject({ method: 'DELETE', url: '/documents/fixture-c', headers: { ...auth(BOB), 'if-match': '"old"' } });
    expect(staleDelete.statusCode).toBe(412);
  });

  test('replaces with a matching If-Match: 200, a new ETag, the new author; without source text spans are unverified', async () => {
    const next = fixtureC();
    next.relations = next.relations.filter((r) => r.id === 'varga-met-roth');
    const res = await putC({ ...auth(BOB), 'if-match': etag }, { bundle: next });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: false, relations: { created: 0, updated: 0, deleted: 1 } });
    expect(res.headers.etag).not.toBe(etag);
    etag = res.headers.etag as string;
    expect((await app.inject('/documents/fixture-c')).json()).toMatchObject({ author: 'bob', spansVerified: false, relationCount: 1 });
    expect((await app.inject('/relations/roth-met-okafor')).statusCode).toBe(404);
  });

  test('409 when the bundle conflicts with a stored document, naming both', async () => {
    const res = await app.inject({ method: 'PUT', url: '/documents/fixture-d', headers: auth(ALICE), payload: { bundle: conflictingBundle() } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ status: 409, type: 'urn:kg-api:problem:document-conflict' });
    expect(res.json().errors[0].message).toMatch(/entity "anika-roth" field kind: "organization" conflicts with "person" in document "fixture-c"/);
    expect((await app.inject('/documents/fixture-d')).statusCode).toBe(404);
  });

  test('422 naming the span when a span does not match the source text', async () => {
    const bad = fixtureC();
    bad.relations[1]!.evidence[0]!.sha256 = sha('something else');
    const res = await putC({ ...auth(ALICE), 'if-match': etag }, { bundle: bad, sourceText: TEXT_C });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ status: 422, type: 'urn:kg-api:problem:span-mismatch' });
    expect(res.json().errors).toEqual([
      { in: 'body', name: 'relation "varga-met-roth" field evidence[0]', message: expect.stringMatching(/^sha256 mismatch/) },
    ]);
    expect(res.json().detail).toContain('relation "varga-met-roth" field evidence[0]');
    const shifted = await putC(auth(ALICE), { bundle: fixtureC(), sourceText: `x${TEXT_C}` });
    expect(shifted.statusCode).toBe(422);
    expect(shifted.json().errors.map((e: { name: string }) => e.name)).toContain('document "fixture-c" field sha256');
  });

  test('422 for a bundle the validator refuses, 400 for a bundle of another document or a malformed body', async () => {
    const broken = fixtureC();
    broken.relations[0]!.object = 'nobody';
    const res = await putC(auth(ALICE), { bundle: broken });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ type: 'urn:kg-api:problem:invalid-bundle' });
    expect(res.json().errors[0].message).toContain('relation "roth-met-okafor" field object: unknown entity "nobody"');
    const other = await app.inject({ method: 'PUT', url: '/documents/fixture-x', headers: auth(ALICE), payload: { bundle: fixtureC() } });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0]).toMatchObject({ name: 'bundle.document.id' });
    expect((await putC(auth(ALICE), { bundle: { bundleVersion: 1 } })).statusCode).toBe(400);
    expect((await putC(auth(ALICE), { bundle: fixtureC(), extra: true })).statusCode).toBe(400);
    // The CLI's validator sees the bundle as sent: no type coercion (the route schema alone would turn "5" into 5).
    const coerced = fixtureC() as unknown as { entities: Array<{ mentions: Array<Record<string, unknown>> }> };
    coerced.entities[0]!.mentions[0]!.paragraph = '3';
    const strict = await putC(auth(ALICE), { bundle: coerced });
    expect(strict.statusCode).toBe(422);
    expect(strict.json().errors[0].message).toMatch(/entity "anika-roth" field mentions\.0\.paragraph/);
  });

  test.each([
    ['arrays', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['objects', (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`],
    ['arrays inside the bundle', (n: number) => JSON.stringify({ bundle: fixtureC() }).replace(/\}$/, `,"x":${'['.repeat(n)}${']'.repeat(n)}}`)],
  ])('a body nesting %s thousands deep is a 400 problem, and the stored document stays', async (_what, body) => {
    const before = (await app.inject('/documents')).json();
    for (const depth of [33, 5_000, 10_000]) {
      const res = await app.inject({ method: 'PUT', url: '/documents/fixture-c', headers: { ...auth(ALICE), 'content-type': 'application/json' }, payload: body(depth) });
      expect({ depth, status: res.statusCode, type: res.headers['content-type'] }).toEqual({ depth, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(res.json().errors).toEqual([{ in: 'body', name: 'body', message: 'must not nest more than 32 levels of arrays and objects' }]);
    }
    // within the bound, the usual validation answers (here: not a bundle)
    const shallow = await app.inject({ method: 'PUT', url: '/documents/fixture-c', headers: { ...auth(ALICE), 'content-type': 'application/json' }, payload: body(30) });
    expect(shallow.statusCode).toBe(400);
    expect(shallow.json().errors).not.toEqual([expect.objectContaining({ message: expect.stringContaining('nest') })]);
    expect((await app.inject('/documents')).json()).toEqual(before);
  });

  test.each(['text/plain;charset=UTF-8', 'application/xml', 'application/x-www-form-urlencoded'])(
    'a body sent as %s is a 415 problem saying to send application/json; nothing is written',
    async (type) => {
      const before = (await app.inject('/documents')).json();
      const res = await app.inject({
        method: 'PUT',
        url: '/documents/fixture-c',
        headers: { ...auth(ALICE), 'content-type': type },
        payload: JSON.stringify({ bundle: fixtureC(), sourceText: TEXT_C }),
      });
      expect(res.statusCode).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 415, detail: `The body must be JSON: send Content-Type: application/json (got ${type}).` });
      expect((await app.inject('/documents')).json()).toEqual(before);
    },
  );

  test('413 problem+json when the body is over WRITE_BODY_LIMIT', async () => {
    const res = await putC(auth(ALICE), { bundle: fixtureC(), sourceText: 'x'.repeat(70_000) });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 413, type: 'urn:kg-api:problem:payload-too-large' });
  });

  test('serves the bundle as written: its JSON text byte for byte, never parsed and re-serialized', async () => {
    // keys in the reverse of the schema's order at every level: a re-serialized answer would put them back
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const next = fixtureC();
    next.relations = next.relations.filter((r) => r.id === 'varga-met-roth');
    next.document.title = `${next.document.title} (revised)`;
    const sent = reversed(next) as typeof next;
    const put = await putC({ ...auth(ALICE), 'if-match': etag }, { bundle: sent });
    expect(put.statusCode).toBe(200);
    etag = put.headers.etag as string;
    const res = await app.inject('/documents/fixture-c/bundle');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.etag).toBe(etag);
    expect(res.body).toBe(JSON.stringify(sent));
    expect(res.json()).toEqual(next);
  });

  test('deletes with a key: what only the document supported goes; then 404', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/documents/fixture-c', headers: { ...auth(ALICE), 'if-match': etag } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      document: 'fixture-c',
      version: null,
      created: false,
      entities: { created: 0, updated: 0, deleted: 5 },
      relations: { created: 0, updated: 0, deleted: 1 },
    });
    expect((await app.inject('/entities/lena-varga')).statusCode).toBe(404);
    expect((await app.inject('/documents/fixture-c/bundle')).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/documents/fixture-c', headers: auth(ALICE) })).statusCode).toBe(404);
  });
});

describe('READ_REQUIRES_KEY and the write rate limit', () => {
  test('reads need a key when READ_REQUIRES_KEY=true; probes and the spec stay open', async () => {
    const app = await memoryApp({ ...KEYS, READ_REQUIRES_KEY: 'true' });
    try {
      const res = await app.inject('/entities?limit=1');
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="kg-api"');
      expect((await app.inject({ url: '/entities?limit=1', headers: auth(BOB) })).statusCode).toBe(200);
      expect((await app.inject('/health')).statusCode).toBe(200);
      expect((await app.inject('/openapi.json')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('reads stay open by default', async () => {
    const app = await memoryApp(KEYS);
    try {
      expect((await app.inject('/entities?limit=1')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('writes past WRITE_RATE_LIMIT_MAX a minute get 429 problem+json, even with the global limit off', async () => {
    const app = await memoryApp({ ...KEYS, WRITE_RATE_LIMIT_MAX: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await app.inject({ method: 'PUT', url: '/documents/fixture-c', headers: auth(ALICE), payload: { bundle: fixtureC() } })).statusCode);
      }
      expect(statuses).toEqual([201, 200, 429]);
      expect((await app.inject('/entities?limit=1')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('audit log and key handling', () => {
  test('one audit line per write with the key name, the document and the counts; never the token', async () => {
    const lines: string[] = [];
    const config = testConfig({ ...KEYS, LOG_LEVEL: 'info' });
    const app = Fastify({ ...serverOptions(config), logger: { level: 'info', stream: { write: (l: string) => lines.push(l) } } });
    await app.register(kgApp, { config, store: MemoryGraphStore.fromBundles(bundleFiles().map(readBundleFile)) });
    try {
      await app.inject({ method: 'PUT', url: '/documents/fixture-c', headers: auth(ALICE), payload: { bundle: fixtureC() } });
      await app.inject({ method: 'DELETE', url: '/documents/fixture-c', headers: auth(BOB) });
      const audits = lines.map((l) => JSON.parse(l)).filter((l) => l.audit);
      expect(audits.map((l) => l.audit)).toEqual([
        {
          action: 'create',
          key: 'alice',
          document: 'fixture-c',
          version: bundleVersion(fixtureC()),
          entities: { created: 5, updated: 0, deleted: 0 },
          relations: { created: 2, updated: 0, deleted: 0 },
        },
        { action: 'delete', key: 'bob', document: 'fixture-c', version: null, entities: { created: 0, updated: 0, deleted: 5 }, relations: { created: 0, updated: 0, deleted: 2 } },
      ]);
      expect(audits[0].apiKey).toBe('alice');
      expect(lines.join('\n')).not.toContain(ALICE);
    } finally {
      await app.close();
    }
  });

  test('an anonymous write is refused before its body is read (401, not 413)', async () => {
    const app = await memoryApp(KEYS);
    try {
      const res = await app.inject({ method: 'PUT', url: '/documents/fixture-c', payload: { bundle: fixtureC(), sourceText: 'x'.repeat(70_000) } });
      expect(res.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  test('with no API_KEYS configured every write is refused', async () => {
    const app = await memoryApp({});
    try {
      const res = await app.inject({ method: 'PUT', url: '/documents/fixture-c', headers: auth(ALICE), payload: { bundle: fixtureC() } });
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toMatch(/No API keys are configured/);
    } finally {
      await app.close();
    }
  });
});
