/**
 * Cached GETs: the serialised 200 body, its content type and its ETag, per graph snapshot and request
 * URL, for the read routes below, when the store can say its graph has not changed without a query
 * (GraphStore.snapshot: the memory store). A hit skips the store call, the response serialisation and
 * the ETag hash; everything else still runs for it: rate limit, CORS, security headers, request id,
 * 304 on If-None-Match (@fastify/etag reads the ETag it is given), compression, logs.
 * A snapshot's entries go with it (WeakMap): a write builds a new snapshot, so nothing is ever stale.
 * An entry is stored only when the snapshot did not change while the request ran.
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';

/** GET routes whose 200 body depends only on the graph and the URL (no headers, no clock). */
const CACHED_ROUTES = new Set([
  '/entities',
  '/entities/:id',
  '/entities/:id/relations',
  '/entities/:id/neighbourhood',
  '/relations',
  '/relations/:id',
  '/paths',
  '/search',
  '/timeline',
  '/schema',
  '/stats',
]);
const MAX_ENTRIES = 1000;
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_ENTRY_BYTES = 1024 * 1024;

interface Entry {
  body: string;
  type: string;
  etag: string;
}

/** Least recently used entries of one snapshot, bounded in count and bytes. */
class Lru {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  get(key: string): Entry | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, entry: Entry): void {
    if (entry.body.length > MAX_ENTRY_BYTES || this.entries.has(key)) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    while (this.entries.size > MAX_ENTRIES || this.bytes > MAX_BYTES) {
      const [oldest, e] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= e.body.length;
    }
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The store's snapshot when a cacheable request arrived (response-cache.ts). */
    cacheSnapshot?: object;
  }
}

export default fp(
  async (app) => {
    const caches = new WeakMap<object, Lru>();
    const cacheOf = (snapshot: object) => {
      let c = caches.get(snapshot);
      if (!c) caches.set(snapshot, (c = new Lru()));
      return c;
    };
    const cacheable = (request: FastifyRequest) => request.method === 'GET' && CACHED_ROUTES.has(request.routeOptions.url ?? '');
    app.decorateRequest('cacheSnapshot', undefined);

    app.addHook('preHandler', (request, reply, done) => {
      const snapshot = app.store.snapshot?.();
      if (!snapshot || !cacheable(request)) return done();
      const hit = cacheOf(snapshot).get(request.url);
      if (!hit) {
        request.cacheSnapshot = snapshot;
        return done();
      }
      reply.header('content-type', hit.type).header('etag', hit.etag).send(hit.body);
    });

    // After @fastify/etag's onSend (registered before this plugin): the payload is the serialised body
    // and the ETag is set; compression (a route-level hook) comes after and is not cached.
    app.addHook('onSend', (request, reply, payload, done) => {
      const snapshot = request.cacheSnapshot;
      const etag = reply.getHeader('etag');
      const type = reply.getHeader('content-type');
      if (snapshot && reply.statusCode === 200 && typeof payload === 'string' && typeof etag === 'string' && typeof type === 'string' && app.store.snapshot?.() === snapshot) {
        cacheOf(snapshot).set(request.url, { body: payload, type, etag });
      }
      done(null, payload);
    });
  },
  { name: 'response-cache', dependencies: ['http', 'store'] },
);
