/**
 * A download lasts as long as its client reads, not REQUEST_TIMEOUT_MS (the time to answer other requests):
 * that limit cut every export still streaming when it passed (a 10^6 graph's NDJSON, about 1 GB, or a slow
 * client's 10^5 one after 30 s). Its own limit is EXPORT_TIMEOUT_MS; a client that takes nothing for
 * EXPORT_STALL_MS is dropped (what the stream holds is given back). Real sockets: the limits act on them.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { buildApp } from '../../src/app';
import { MemoryGraphStore } from '../../src/graph/memory';
import { loadGraphData, toGraphData } from '../../src/graph/data/bundle';
import type { GraphStore } from '../../src/graph/store';
import { dropWhenStalled } from '../../src/routes/stalled-client';
import { generate } from '../../scripts/bench-scale';
import { testConfig } from '../helpers/app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The store, with its relation stream pausing `pauseMs` before each of its first `slowItems` items (a slow database). */
function slowRelations(store: GraphStore, slowItems: number, pauseMs: number): GraphStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'streamRelations') return Reflect.get(target, prop, receiver);
      return async function* (...args: Parameters<GraphStore['streamRelations']>) {
        let n = 0;
        for await (const r of target.streamRelations(...args)) {
          if (n++ < slowItems) await sleep(pauseMs);
          yield r;
        }
      };
    },
  });
}

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

/** GET over a real socket: the status, the body and whether it arrived whole (a cut chunked body errors or aborts). */
function download(port: number, path: string): Promise<{ status: number; body: string; whole: boolean }> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, whole: res.complete }));
      res.on('error', () => resolve({ status: res.statusCode!, body, whole: false }));
      res.on('aborted', () => resolve({ status: res.statusCode!, body, whole: false }));
    });
    req.on('error', () => resolve({ status: 0, body: '', whole: false }));
  });
}

describe('export time limits', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });

  test('an export that streams longer than REQUEST_TIMEOUT_MS arrives whole', async () => {
    const base = MemoryGraphStore.fromGraphData(loadGraphData());
    const whole = await buildApp({ config: testConfig(), store: base });
    apps.push(whole);
    const expected = (await whole.inject({ method: 'GET', url: '/export/ndjson' })).body;

    // 12 pauses of 100 ms: about 1.2 s of streaming against a 300 ms time to answer.
    const store = slowRelations(MemoryGraphStore.fromGraphData(loadGraphData()), 12, 100);
    const app = await buildApp({ config: testConfig({ REQUEST_TIMEOUT_MS: '300' }), store });
    apps.push(app);
    const port = await listen(app);
    const started = Date.now();
    const got = await download(port, '/export/ndjson');
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(got.status).toBe(200);
    expect(got.whole).toBe(true);
    expect(got.body).toBe(expected);
    // Other requests keep their own limit.
    expect((await download(port, '/entities?limit=1')).status).toBe(200);
  });

  test('past EXPORT_TIMEOUT_MS the download is cut (the client sees an incomplete body, not a short file)', async () => {
    const store = slowRelations(MemoryGraphStore.fromGraphData(loadGraphData()), 30, 100);
    const app = await buildApp({ config: testConfig({ EXPORT_TIMEOUT_MS: '1000' }), store });
    apps.push(app);
    const got = await download(await listen(app), '/export/ndjson');
    expect(got.status).toBe(200);
    expect(got.whole).toBe(false);
  });

  test('a client that takes nothing for EXPORT_STALL_MS is dropped, and the store stream is ended', async () => {
    // A graph whose NDJSON (about 25 MB) is far more than the sockets' buffers hold.
    const store = MemoryGraphStore.fromGraphData(toGraphData(generate(8_000, 7, 1).bundles));
    let pulled = 0;
    let ended = false;
    const counting = new Proxy(store as GraphStore, {
      get(target, prop, receiver) {
        if (prop !== 'streamRelations') return Reflect.get(target, prop, receiver);
        return async function* (...args: Parameters<GraphStore['streamRelations']>) {
          try {
            for await (const r of target.streamRelations(...args)) {
              pulled++;
              yield r;
            }
          } finally {
            ended = true;
          }
        };
      },
    });
    const app = await buildApp({ config: testConfig({ EXPORT_STALL_MS: '400' }), store: counting });
    apps.push(app);
    const port = await listen(app);
    // Reads the first chunk, takes nothing for 1.5 s, then reads on: a dropped download ends incomplete.
    const got = await new Promise<{ received: number; whole: boolean }>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/export/ndjson', agent: false }, (res) => {
        let received = 0;
        const done = () => resolve({ received, whole: res.complete });
        res.on('data', (c: Buffer) => (received += c.length));
        res.once('data', () => {
          res.pause();
          setTimeout(() => res.resume(), 1500);
        });
        res.on('end', done);
        res.on('aborted', done);
        res.on('error', done);
      });
      req.on('error', () => undefined);
    });
    expect(got.received).toBeGreaterThan(0);
    expect(got.whole).toBe(false);
    expect(ended).toBe(true);
    expect(pulled).toBeLessThan((await store.describe()).relations);
  });
});

describe('dropWhenStalled', () => {
  /** A response stand-in: writableNeedDrain as set, 'drain' when emitted, destroy() recorded. */
  function fakeReply() {
    const raw = Object.assign(new EventEmitter(), { writableNeedDrain: false, destroyed: false, destroy() { raw.destroyed = true; raw.emit('close'); } });
    const reply = { raw, log: { info: () => undefined } } as unknown as FastifyReply;
    return { raw, reply };
  }
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('a response waiting for its client with no drain for the limit is destroyed', () => {
    const { raw, reply } = fakeReply();
    dropWhenStalled(reply, 1000);
    raw.writableNeedDrain = true;
    jest.advanceTimersByTime(900);
    expect(raw.destroyed).toBe(false);
    jest.advanceTimersByTime(600);
    expect(raw.destroyed).toBe(true);
  });

  test('a slow client that drains now and then keeps its download', () => {
    const { raw, reply } = fakeReply();
    dropWhenStalled(reply, 1000);
    raw.writableNeedDrain = true;
    for (let i = 0; i < 20; i++) {
      jest.advanceTimersByTime(700);
      raw.emit('drain'); // took some, and the buffer filled again at once
    }
    expect(raw.destroyed).toBe(false);
  });

  test('a response not waiting on its client is never dropped (the store is slow, not the client)', () => {
    const { raw, reply } = fakeReply();
    dropWhenStalled(reply, 1000);
    jest.advanceTimersByTime(10_000);
    expect(raw.destroyed).toBe(false);
  });
});
