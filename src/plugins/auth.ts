/**
 * API keys: `Authorization: Bearer <token>`, checked against API_KEYS (name:sha256hex pairs, src/config.ts).
 * - Only hashes are configured: the token is hashed (SHA-256) and compared with every configured hash
 *   by crypto.timingSafeEqual, without stopping at the first match, so the time taken does not tell
 *   which key (or how much of one) matched.
 * - `app.requireKey` is the onRequest hook of routes that need a key (writes); it runs before the body
 *   is read, so an anonymous client cannot make the server parse a large body.
 * - READ_REQUIRES_KEY=true adds the same check to every other route except the health probes, the
 *   OpenAPI document and /docs.
 * - No or a wrong key: 401 problem+json with `WWW-Authenticate: Bearer realm="kg-api"` (plus
 *   `error="invalid_token"` when a token was sent). A valid key's name is on `request.apiKeyName`
 *   and in every later log line of the request (`apiKey`).
 */
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey, Config } from '../config';
import { PROBLEM_TYPES } from '../schemas/problem';
import { sendProblem } from './problem';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: 401 unless the request carries a configured API key. */
    requireKey: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
  }
  interface FastifyRequest {
    /** The name of the API key the request was made with (set by requireKey). */
    apiKeyName?: string;
  }
}

export const SECURITY_SCHEME = 'bearerAuth';
const REALM = 'kg-api';
const OPEN_PATHS = /^\/(health|ready|openapi\.json|docs)(\/|$|\?)/;

/** The name of the key whose hash matches the token, or undefined; always compares against every key. */
export function matchKey(keys: ReadonlyArray<{ name: string; hash: Buffer }>, token: string): string | undefined {
  const presented = createHash('sha256').update(token, 'utf8').digest();
  let found: string | undefined;
  for (const k of keys) {
    if (timingSafeEqual(presented, k.hash) && found === undefined) found = k.name;
  }
  return found;
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const keys = config.apiKeys.map((k: ApiKey) => ({ name: k.name, hash: Buffer.from(k.sha256, 'hex') }));

    const refuse = (request: FastifyRequest, reply: FastifyReply, tokenSent: boolean, detail: string) => {
      reply.header('www-authenticate', `Bearer realm="${REALM}"${tokenSent ? ', error="invalid_token"' : ''}`);
      return sendProblem(request, reply, 401, PROBLEM_TYPES.unauthorized, detail);
    };

    /** Returns the reply when it answered 401 (a hook that answers must return it). */
    async function requireKey(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
      if (request.apiKeyName !== undefined) return undefined;
      const header = request.headers.authorization;
      const m = header === undefined ? null : /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
      if (!m) return refuse(request, reply, header !== undefined, 'This needs an API key: send "Authorization: Bearer <token>".');
      const name = keys.length ? matchKey(keys, m[1]!) : undefined;
      if (name === undefined) {
        request.log.warn({ auth: 'refused' }, 'request with an unknown API key');
        return refuse(request, reply, true, keys.length ? 'The API key is not valid.' : 'No API keys are configured on this server (API_KEYS).');
      }
      request.apiKeyName = name;
      request.log = request.log.child({ apiKey: name });
      return undefined;
    }

    app.decorate('requireKey', requireKey);
    app.decorateRequest('apiKeyName', undefined);

    if (config.readRequiresKey) {
      app.addHook('onRequest', async (request, reply) => {
        if (request.method === 'OPTIONS' || OPEN_PATHS.test(request.url)) return undefined;
        return requireKey(request, reply);
      });
    }
  },
  { name: 'auth', dependencies: ['problem'] },
);
