/**
 * The browser explorer (built from web/ into dist/explorer by `npm run build`): the page at /explore,
 * its assets under /explore/, and / sending browsers there. The page talks to the API like any client.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The page's own policy, stricter than the API-wide one (plugins/security.ts): the page needs no inline
 * styles (Swagger UI does), so its routes replace the global CSP with this one.
 */
export const EXPLORER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** dist/explorer, whether this file runs compiled (dist/src/plugins) or from source (src/plugins). */
export function explorerDir(): string | undefined {
  const candidates = [path.resolve(__dirname, '..', '..', 'explorer'), path.resolve(__dirname, '..', '..', 'dist', 'explorer')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
}

export default async function explorer(app: FastifyInstance) {
  const root = explorerDir();
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/explore'));
  if (!root) {
    app.log.warn('explorer not built (npm run build): /explore answers 404');
    return;
  }
  // Encapsulated: this hook runs only for /, /explore and /explore/*.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', EXPLORER_CSP);
    return payload;
  });
  await app.register(fastifyStatic, { root, prefix: '/explore/', index: ['index.html'], cacheControl: true, maxAge: '5m' });
  app.get('/explore', { schema: { hide: true } }, async (_request, reply) => reply.sendFile('index.html'));
}
