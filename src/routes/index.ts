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
import { strictQuery } from './strict-query';

/** Every resource is its own small plugin. */
export default async function routes(app: FastifyInstance, opts: { config: Config }) {
  // Unknown parameters and integers not in decimal digits are refused on every operation (./strict-query.ts).
  app.addHook('onRoute', strictQuery);
  for (const plugin of [health, entities, relations, paths, search, timeline, meta]) {
    await app.register(plugin);
  }
  await app.register(exportsRoutes, { config: opts.config });
  await app.register(documents, { config: opts.config });
}
