import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import documents from './documents';
import health from './health';
import entities from './entities';
import relations from './relations';
import paths from './paths';
import search from './search';
import timeline from './timeline';
import meta from './meta';
import exportsRoutes from './exports';
import { NoQuery } from '../schemas/api';

/** Every resource is its own small plugin. */
export default async function routes(app: FastifyInstance, opts: { config: Config }) {
  // An unknown query parameter is refused on every operation (a typo must not go unnoticed), also on those
  // that take none: without a querystring schema, Fastify would ignore `?asof=2014` on /entities/{id}.
  app.addHook('onRoute', (route) => {
    if (route.schema && !route.schema.querystring) route.schema = { ...route.schema, querystring: NoQuery };
  });
  for (const plugin of [health, entities, relations, paths, search, timeline, meta, exportsRoutes]) {
    await app.register(plugin);
  }
  await app.register(documents, { config: opts.config });
}
