// Cached GETs on the memory store (src/plugins/response-cache.ts): the same bytes and ETag without asking
// the store again, every per-request feature still applied, and nothing stale after a write.
import { gunzipSync } from 'node:zlib';
import { buildApp } from '../../src/app';
import { MemoryGraphStore } from '../../src/graph/memory';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { testConfig } from '../helpers/app';

const ARTICLE = 'stratfor-2014-04-23-china-japan-city-diplomacy';

async function setup(env: Record<string, string> = {}) {
  const store = MemoryGraphStore.fromBundles(bundleFiles().map(readBundleFile));
  const app = await buildApp({ config: testConfig(env), store });
  const calls = jest.spyOn(store, 'getEntity');
  return { app, store, calls };
}

test('a second GET gives the same bytes and ETag without calling the store, with its own request id', async () => {
  const { app, calls } = await setup();
  const first = await app.inject('/entities/yoichi-masuzoe');
  const second = await app.inject('/entities/yoichi-masuzoe');
  expect(first.statusCode).toBe(200);
  expect(second.statusCode).toBe(200);
  expect(second.body).toBe(first.body);
  expect(second.headers.etag).toBe(first.headers.etag);
  expect(second.headers['content-type']).toBe(first.headers['content-type']);
  expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  expect(second.headers['cache-control']).toBe('no-cache');
  expect(second.headers['x-content-type-options']).toBe('nosniff');
  expect(calls).toHaveBeenCalledTimes(1);
  await app.close();
});

test('a hit answers 304 to its ETag and is compressed when asked', async () => {
  const { app } = await setup();
  const first = await app.inject('/entities/yoichi-masuzoe');
  const revalidated = await app.inject({ url: '/entities/yoichi-masuzoe', headers: { 'if-none-match': String(first.headers.etag) } });
  expect(revalidated.statusCode).toBe(304);
  expect(revalidated.body).toBe('');
  const gz = await app.inject({ url: '/entities/yoichi-masuzoe', headers: { 'accept-encoding': 'gzip' } });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(first.body);
  expect(gz.headers.etag).toBe(first.headers.etag);
  await app.close();
});

test('a hit still counts against the rate limit', async () => {
  const { app } = await setup({ RATE_LIMIT_MAX: '3' });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await app.inject('/entities/yoichi-masuzoe')).statusCode);
  expect(statuses).toEqual([200, 200, 200, 429]);
  await app.close();
});

test('errors are not cached, and a write is seen at once', async () => {
  const { app, store, calls } = await setup();
  expect((await app.inject('/entities/no-such-entity')).statusCode).toBe(404);
  expect((await app.inject('/entities/no-such-entity')).statusCode).toBe(404);
  expect(calls).toHaveBeenCalledTimes(2);
  const before = await app.inject('/entities/yoichi-masuzoe');
  expect(before.statusCode).toBe(200);
  await store.deleteDocument(ARTICLE, {});
  expect((await app.inject('/entities/yoichi-masuzoe')).statusCode).toBe(404);
  await app.close();
});

test('the query string is part of the key', async () => {
  const { app } = await setup();
  const two = await app.inject('/entities?limit=2');
  const three = await app.inject('/entities?limit=3');
  expect(two.json().items).toHaveLength(2);
  expect(three.json().items).toHaveLength(3);
  expect((await app.inject('/entities?limit=2')).body).toBe(two.body);
  await app.close();
});
