/** HTTP hygiene shared by every route: CORS, compression, ETags (304 on If-None-Match), rate limits with IETF headers. */
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import compress from '@fastify/compress';
import etag from '@fastify/etag';
import rateLimit from '@fastify/rate-limit';
import { hash } from 'node:crypto';
import type { Config } from '../config';

const WINDOW_SECONDS = 60;
const POLICY = 'per-client';

export default fp<{ config: Config }>(
  async (app, { config }) => {
    await app.register(cors, {
      origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
      methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
      exposedHeaders: ['ETag', 'Retry-After', 'Content-Disposition', 'X-Request-Id', 'X-Export-Truncated', 'RateLimit', 'RateLimit-Policy'],
    });
    // Exports are text too (NDJSON, GraphML, GEXF, JSON-LD): compress them like JSON.
    await app.register(compress, { global: true, threshold: 1024, customTypes: /^(text\/|application\/(.+\+)?(json|xml|x-ndjson|ld\+json))/ });
    // The plugin's own SHA-1 of the body, base64 (the same ETags), in one call instead of a Hash object per response.
    // It compares If-None-Match with the tag as one string; the 304 decision is noneMatch's (below).
    await app.register(etag, { weak: true, replyWith304: false, hashFn: (payload: string | Buffer) => hash('sha1', payload, 'base64') });
    app.addHook('onSend', (request, reply, payload, done) => {
      const tag = reply.getHeader('etag');
      if ((request.method === 'GET' || request.method === 'HEAD') && reply.statusCode === 200 && tag !== undefined && noneMatch(request.headers['if-none-match'], String(tag))) {
        reply.code(304);
        done(null, '');
        return;
      }
      done(null, payload);
    });
    // Writes have their own, stricter limit (routes/documents.ts config.rateLimit), even when the global one is off.
    if (config.rateLimitMax > 0 || config.writeRateLimitMax > 0) {
      // Routes opt out with `config: { rateLimit: false }` (the health probes do).
      await app.register(rateLimit, {
        global: config.rateLimitMax > 0,
        max: config.rateLimitMax,
        timeWindow: `${WINDOW_SECONDS} seconds`,
        enableDraftSpec: true,
      });
      // The IETF draft's structured fields (draft-ietf-httpapi-ratelimit-headers): the policy and what is left of it.
      app.addHook('onSend', (_request, reply, payload, done) => {
        const remaining = reply.getHeader('ratelimit-remaining');
        if (remaining !== undefined) {
          const quota = reply.getHeader('ratelimit-limit') ?? config.rateLimitMax;
          reply.header('ratelimit-policy', `"${POLICY}";q=${quota};w=${WINDOW_SECONDS}`);
          reply.header('ratelimit', `"${POLICY}";r=${remaining};t=${reply.getHeader('ratelimit-reset') ?? WINDOW_SECONDS}`);
        }
        done(null, payload);
      });
    }
  },
  { name: 'http' },
);

/**
 * RFC 9110 §13.1.2: If-None-Match holds `*` (any current representation) or a list of entity tags, compared
 * weakly (`W/"x"` matches `"x"`); a cache revalidating several stored responses sends the list.
 */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string) => t.replace(/^W\//, '');
  const mine = opaque(etag.trim());
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((t) => opaque(t) === mine);
}
