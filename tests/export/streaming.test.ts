// Writers on plain arrays and generators: they pull items as the consumer reads (never the whole graph
// first), pass a store failure on as a stream error, and the routes read the store with one streamed
// query per kind of item (no count-and-page loop).
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { EXPORT_FORMATS } from '../../src/export/formats';
import { buildApp } from '../../src/app';
import { MemoryGraphStore } from '../../src/graph/memory';
import { StoreUnavailableError } from '../../src/graph/errors';
import type { GraphStore } from '../../src/graph/store';
import type { EntitySummary, Relation } from '../../src/schemas/domain';
import { loadGraphData } from '../../src/graph/data/bundle';
import { testConfig } from '../helpers/app';

const entity = (i: number): EntitySummary => ({
  id: `entity-${i}`,
  kind: 'person',
  subtype: 'official',
  name: `Person ${i}`,
  aliases: [],
  summary: 'An invented person for a streaming test.',
});
const relation = (i: number): Relation => {
  const ref = (e: EntitySummary) => ({ id: e.id, name: e.name, kind: e.kind, subtype: e.subtype });
  return {
    id: `relation-${i}`,
    type: 'MET',
    subject: ref(entity(i)),
    object: ref(entity(i + 1)),
    time: 'observed',
    assertedBy: ref(entity(0)),
    modality: 'stated',
    summary: 'Invented.',
    evidence: [{ document: 'doc', paragraph: 1, start: 0, end: 5, sha256: '0'.repeat(64) }],
    documents: ['doc'],
    assertions: [{ document: 'doc', assertedBy: 'entity-0', modality: 'stated' }],
  };
};

/** A node source that counts what was pulled from it and can fail after `failAfter` items. */
function counted(n: number, failAfter = Infinity) {
  const state = { pulled: 0 };
  async function* nodes() {
    for (let i = 0; i < n; i++) {
      if (i === failAfter) throw new StoreUnavailableError();
      state.pulled++;
      yield entity(i);
    }
  }
  return { state, input: { nodes: nodes, edges: () => [relation(1), relation(2)] } };
}

async function firstChunk(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    stream.once('data', (chunk: Buffer) => {
      stream.pause();
      resolve(chunk);
    });
    stream.once('error', reject);
  });
}

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe.each(EXPORT_FORMATS.map((f) => [f.path, f] as const))('writer for /export/%s', (_path, format) => {
  test('streams: the first bytes leave before the node source is exhausted', async () => {
    const { state, input } = counted(20_000);
    const stream = format.write(input, 'kg-test');
    const chunk = await firstChunk(stream);
    expect(chunk.length).toBeGreaterThan(0);
    if (format.path !== 'csv/edges') expect(state.pulled).toBeLessThan(20_000);
    stream.destroy();
  });

  test('a store failure in the middle errors the stream (the client sees a cut response, not a short file)', async () => {
    const { input } = counted(3_000, 1_500);
    const stream = format.write(input, 'kg-test');
    if (format.path === 'csv/edges') return void (await drain(stream)); // reads no nodes
    await expect(drain(stream)).rejects.toThrow(StoreUnavailableError);
  });
});

/** The article store, with the calls the export makes recorded (and optionally failing). */
function spy(store: GraphStore, fail?: keyof GraphStore) {
  const calls: Array<[string, unknown]> = [];
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'streamEntities' || prop === 'streamRelations') {
        return async function* (...args: unknown[]) {
          calls.push([prop, args[args.length - 1]]);
          if (prop === fail) throw new StoreUnavailableError();
          yield* value.apply(target, args);
        };
      }
      if (!['listEntities', 'listRelations', 'neighbourhood'].includes(prop as string)) return value;
      return async (...args: unknown[]) => {
        calls.push([prop as string, args[args.length - 1]]);
        if (prop === fail) throw new StoreUnavailableError();
        return value.apply(target, args);
      };
    },
  });
  return { proxy, calls };
}

describe('routes and the store', () => {
  test('the whole graph is read with one streamed query for entities and one for relations, never paged lists', async () => {
    // The article graph, its relations copied under new ids (what used to take several pages).
    const data = loadGraphData();
    const copies = Math.ceil(2000 / data.relations.length);
    const relations = Array.from({ length: copies }, (_, i) => data.relations.map((r) => ({ ...r, id: `${r.id}-copy-${i}` }))).flat();
    const { proxy, calls } = spy(MemoryGraphStore.fromGraphData({ ...data, relations }));
    const app = await buildApp({ config: testConfig(), store: proxy });
    const res = await app.inject('/export/ndjson?kind=person&kind=organization&kind=place&kind=event&asOf=2014');
    expect(res.statusCode).toBe(200);
    await app.close();
    const kinds = ['person', 'organization', 'place', 'event'];
    expect(calls.map(([name]) => name)).toEqual(['streamEntities', 'streamRelations']);
    expect(calls[0]![1]).toEqual({ kinds });
    expect(calls[1]![1]).toMatchObject({ asOf: '2014', endpointKinds: kinds });
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as { type: string; id: string; subject?: { id: string } });
    const exported = lines.filter((l) => l.type === 'relation');
    expect(exported.length).toBeGreaterThan(1000);
    // ordered by (subject id, relation id)
    const keys = exported.map((r) => [r.subject!.id, r.id] as const);
    const sorted = [...keys].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
    expect(keys).toEqual(sorted);
  });

  test('a neighbourhood is one bounded store.neighbourhood call', async () => {
    const { proxy, calls } = spy(MemoryGraphStore.fromGraphData(loadGraphData()));
    const app = await buildApp({ config: testConfig(), store: proxy });
    const res = await app.inject('/export/graphml?entity=yoichi-masuzoe&depth=3&type=MET');
    expect(res.statusCode).toBe(200);
    await app.close();
    expect(calls).toEqual([['neighbourhood', { depth: 3, types: ['MET'], maxNodes: 500, maxEdges: 2000, signal: expect.any(AbortSignal) }]]);
  });

  test.each([
    ['streamEntities', '/export/gexf'],
    ['neighbourhood', '/export/csv?entity=yoichi-masuzoe'],
  ] as const)('a store that is down when the export starts (%s) is a 503 problem, not a broken file', async (fail, url) => {
    const { proxy } = spy(MemoryGraphStore.fromGraphData(loadGraphData()), fail);
    const app = await buildApp({ config: testConfig(), store: proxy });
    const res = await app.inject(url);
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['content-disposition']).toBeUndefined();
  });
});

test('a streamed export is gzip-compressed when the client asks, and decompresses to the same document', async () => {
  const app = await buildApp({ config: testConfig(), store: MemoryGraphStore.fromGraphData(loadGraphData()) });
  const plain = await app.inject('/export/graphml');
  const zipped = await app.inject({ url: '/export/graphml', headers: { 'accept-encoding': 'gzip' } });
  await app.close();
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
  expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
});
