/**
 * The application as a Fastify plugin: infrastructure plugins, then the routes.
 * `buildApp` gives tests and the server the very same Fastify options.
 */
import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config';
import type { GraphStore } from './graph/store';
import problem from './plugins/problem';
import httpErrors, { clientErrorHandler, frameworkErrors } from './plugins/http-errors';
import http from './plugins/http';
import security, { genReqId } from './plugins/security';
import swagger from './plugins/swagger';
import auth from './plugins/auth';
import storePlugin from './plugins/store';
import responseCache from './plugins/response-cache';
import routes from './routes';
import explorer from './plugins/explorer';
import { finiteKeyword, ID_MAX_LENGTH } from './schemas/params';

export interface AppOptions {
  config: Config;
  store?: GraphStore;
  /** Cache read GETs per graph snapshot (plugins/response-cache.ts; default on). Off: every request reaches the store (benchmarks of the store). */
  responseCache?: boolean;
}

export function serverOptions(config: Config): FastifyHttpOptions<Server> {
  return {
    logger: { level: config.logLevel },
    // Honour a caller's short, safe request id so logs can be joined across services; otherwise make one.
    requestIdHeader: false,
    genReqId,
    // Ids are validated by their schema (at most ID_MAX_LENGTH characters): the router lets through any id of
    // that length however it is percent-encoded (up to 12 characters per code point), so the schema decides.
    routerOptions: { maxParamLength: ID_MAX_LENGTH * 12 },
    // Router and socket-level errors answer problem+json like the rest (src/plugins/http-errors.ts).
    frameworkErrors,
    clientErrorHandler,
    return503OnClosing: false,
    // A request must arrive within requestTimeout (else 408) and be answered within it (else 504 problem);
    // Node checks the receive deadline every connectionsCheckingInterval.
    requestTimeout: config.requestTimeoutMs,
    handlerTimeout: config.requestTimeoutMs,
    http: { connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs) },
    ajv: {
      customOptions: {
        // Reject unknown parameters instead of silently dropping them (a typo must not widen a query);
        // coerce query strings to numbers/booleans, and a single value to an array where one is expected.
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: true,
      },
      plugins: [finiteKeyword],
    },
  };
}

/** Not encapsulated (fastify-plugin), so the host instance sees `store` and `swagger()`. */
export const app = fp<AppOptions>(
  async (fastify, opts) => {
    await fastify.register(problem);
    await fastify.register(security);
    await fastify.register(httpErrors);
    await fastify.register(http, { config: opts.config });
    await fastify.register(swagger);
    await fastify.register(auth, { config: opts.config });
    await fastify.register(storePlugin, { config: opts.config, store: opts.store });
    if (opts.responseCache !== false) await fastify.register(responseCache);
    await fastify.register(routes, { config: opts.config });
    // Encapsulated: the static plugin and the page's CSP fallback stay inside /, /explore and /explore/*.
    await fastify.register(explorer);
  },
  { name: 'kg-api' },
);

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const fastify = Fastify(serverOptions(opts.config)).withTypeProvider<TypeBoxTypeProvider>();
  await fastify.register(app, opts);
  return fastify;
}
