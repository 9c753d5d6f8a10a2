/** HTTP hygiene shared by every route: CORS, compression, ETags (304 on If-None-Match), rate limits. */
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import compress from '@fastify/compress';
import etag from '@fastify/etag';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config';

export default fp<{ config: Config }>(
  async (app, { config }) => {
    await app.register(cors, {
      origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
      methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
      exposedHeaders: ['ETag', 'Retry-After', 'Content-Disposition', 'X-Request-Id', 'X-Export-Truncated'],
    });
    // Exports are text too (NDJSON, GraphML, GEXF, JSON-LD): compress them like JSON.
    await app.register(compress, { global: true, threshold: 1024, customTypes: /^(text\/|application\/(.+\+)?(json|xml|x-ndjson|ld\+json))/ });
    await app.register(etag, { weak: true });
    // Writes have their own, stricter limit (routes/documents.ts config.rateLimit), even when the global one is off.
    if (config.rateLimitMax > 0 || config.writeRateLimitMax > 0) {
      await app.register(rateLimit, {
        global: config.rateLimitMax > 0,
        max: config.rateLimitMax,
        timeWindow: '1 minute',
        // Health probes must never be throttled.
        allowList: (req) => req.url === '/health' || req.url === '/ready',
      });
    }
    app.addHook('onSend', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });
  },
  { name: 'http' },
);
