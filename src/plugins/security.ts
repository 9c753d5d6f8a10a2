/**
 * Security and caching headers on every response (@fastify/helmet), and a request id that is either
 * the caller's short, safe token or one we make.
 *
 * The CSP allows only same-origin scripts, styles, images, fonts and fetches (Swagger UI at /docs and
 * any page the API serves load their own files; inline styles are allowed for Swagger UI's widgets,
 * inline scripts are not), data:/blob: images and blob: downloads, and no framing (frame-ancestors 'none').
 */
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Served over plain HTTP on a LAN as often as behind TLS: do not force https sub-resources.
  upgradeInsecureRequests: null,
};

/** A caller's x-request-id is kept only when it is a short token of safe characters. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
export function genReqId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
      frameguard: { action: 'deny' },
      // A public read API: other origins may embed exports and images (CORS governs scripted reads).
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    });
    app.addHook('onSend', async (request, reply) => {
      reply.header('x-request-id', request.id);
      // Successful reads may be stored but must be revalidated with their ETag (If-None-Match -> 304);
      // errors are never stored. Routes or plugins that chose a policy keep it.
      if (reply.hasHeader('cache-control')) return;
      const ok = reply.statusCode < 300 || reply.statusCode === 304;
      reply.header('cache-control', ok && (request.method === 'GET' || request.method === 'HEAD') ? 'no-cache' : 'no-store');
    });
  },
  { name: 'security' },
);
