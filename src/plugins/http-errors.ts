/**
 * Errors raised before or around routing leave as problem+json too: bad percent-encoding and over-long
 * path parameters (router), client errors Node answers on the socket (400, 408, 431), wrong methods
 * (405 with Allow), and requests that arrive while the server is closing (503 with Retry-After). A plain
 * OPTIONS (not a CORS preflight) is answered here too: 204 with Allow, or 404.
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_TYPES } from '../schemas/problem';
import { sendProblem } from './problem';
import { ID_MAX_LENGTH } from '../schemas/params';

/** `frameworkErrors` server option: the router's own errors (FST_ERR_BAD_URL, FST_ERR_MAX_PARAM_LENGTH...). */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 400;
  const detail =
    error.code === 'FST_ERR_BAD_URL'
      ? 'The path is not valid percent-encoded UTF-8.'
      : 'The request could not be routed.';
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    // The router lets through any id the schema could accept, however encoded (src/app.ts); longer is an invalid id.
    const message = `must NOT have more than ${ID_MAX_LENGTH} characters`;
    return sendProblem(request, reply, 400, PROBLEM_TYPES.invalidParameter, 'Invalid id.', [{ in: 'params', name: 'id', message }]);
  }
  return sendProblem(request, reply, status, status >= 500 ? PROBLEM_TYPES.internal : PROBLEM_TYPES.invalidParameter, detail);
}

/** `clientErrorHandler` server option: Node found the request unreadable; answer on the raw socket. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const detail = {
    408: 'The request was not received in time.',
    431: 'The request line and headers are too large.',
    400: 'The request is not valid HTTP.',
  }[status];
  const body = JSON.stringify({ type: PROBLEM_TYPES.badRequest, title: STATUS_CODES[status], status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** '/entities/:id/relations' -> /^\/entities\/[^/]+\/relations$/ ; '/docs/*' -> /^\/docs\/.*$/ */
function routeRegExp(url: string): RegExp {
  const source = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

export default fp(
  async (app) => {
    const routes: Array<{ re: RegExp; methods: string[] }> = [];
    app.addHook('onRoute', (route) => {
      if (route.url === '*' || route.url === '/*') return; // CORS preflight for every path
      const methods = ([] as string[]).concat(route.method);
      routes.push({ re: routeRegExp(route.url), methods });
    });
    /** Methods served at this path (OPTIONS always, for CORS preflight), or [] when the path is unknown. */
    app.decorate('allowedMethods', (path: string): string[] => {
      const found = new Set(routes.filter((r) => r.re.test(path)).flatMap((r) => r.methods));
      return found.size ? [...found, 'OPTIONS'].sort() : [];
    });

    const notFound = (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '';
      const allow = app.allowedMethods(path);
      if (allow.length && !allow.includes(request.method)) {
        reply.header('allow', allow.join(', '));
        return sendProblem(request, reply, 405, PROBLEM_TYPES.methodNotAllowed, `${request.method} is not allowed here; use ${allow.join(', ')}.`);
      }
      return sendProblem(request, reply, 404, PROBLEM_TYPES.notFound, `No route ${request.method} ${path}.`);
    };
    // Answered in onRequest, before a body would be parsed (QUERY without Content-Type must be 405, not 400).
    // Callback hooks (here and below): an async hook costs every request a promise and a tick.
    app.addHook('onRequest', (request, reply, done) => {
      if (request.is404) return void notFound(request, reply);
      done();
    });
    app.setNotFoundHandler(notFound);
    // An OPTIONS that is not a CORS preflight (no Origin or no Access-Control-Request-Method) asks what the path
    // allows (RFC 9110 9.3.7): 204 with Allow, or the 404 problem of an unknown path. @fastify/cors answered
    // both with a text/plain 400, the one error that was not problem+json.
    app.addHook('onRequest', (request, reply, done) => {
      if (request.method !== 'OPTIONS' || (request.headers.origin && request.headers['access-control-request-method'])) return done();
      const allow = app.allowedMethods(request.url.split('?')[0] ?? '');
      if (!allow.length) return void notFound(request, reply);
      reply.code(204).header('allow', allow.join(', ')).send();
    });

    // return503OnClosing is off (src/app.ts) so that requests arriving during a graceful close get this problem.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', (request, reply, done) => {
      if (!closing) return done();
      reply.header('retry-after', '5').header('connection', 'close');
      sendProblem(request, reply, 503, PROBLEM_TYPES.shuttingDown, 'The server is shutting down; retry shortly.');
    });
  },
  { name: 'http-errors', dependencies: ['problem'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    allowedMethods(path: string): string[];
  }
}
