/**
 * Security and caching headers on every response (helmet's), and a request id that is either
 * the caller's short, safe token or one we make.
 *
 * The CSP allows only same-origin scripts, styles, images, fonts and fetches (Swagger UI at /docs and
 * any page the API serves load their own files; inline styles are allowed for Swagger UI's widgets,
 * inline scripts are not), data:/blob: images and blob: downloads, and no framing (frame-ancestors 'none').
 */
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

const HELMET: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  frameguard: { action: 'deny' },
  // A public read API: other origins may embed exports and images (CORS governs scripted reads).
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/**
 * The headers helmet sets with these options, worked out once: they depend on nothing in the request,
 * and @fastify/helmet built the whole helmet middleware again for every request (a profile of a cached
 * GET showed it as the largest hook).
 */
export function helmetHeaders(options: HelmetOptions = HELMET): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}

export default fp(
  async (app) => {
    const headers = helmetHeaders();
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
    app.addHook('onSend', (request, reply, payload, done) => {
      reply.header('x-request-id', request.id);
      // Successful reads may be stored but must be revalidated with their ETag (If-None-Match -> 304);
      // errors are never stored. Routes or plugins that chose a policy keep it.
      if (!reply.hasHeader('cache-control')) {
        const ok = reply.statusCode < 300 || reply.statusCode === 304;
        reply.header('cache-control', ok && (request.method === 'GET' || request.method === 'HEAD') ? 'no-cache' : 'no-store');
      }
      done(null, payload);
    });
  },
  { name: 'security' },
);
