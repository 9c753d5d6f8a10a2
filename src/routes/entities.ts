import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EntityDetail, EntitySummary, Relation, Subgraph } from '../schemas/domain';
import { EntityListQuery, EntityRelationsQuery, IdParams, NeighbourhoodQuery, Page } from '../schemas/api';
import { timeFilter } from '../graph/rules';
import { errorResponses, notFoundResponse } from '../schemas/problem';
import { InvalidQueryError } from '../graph/errors';
import { notFound } from './not-found';
import { TAKES_TURNS, untilClientGone } from './traversal-turns';

const entities: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/entities',
    {
      schema: {
        tags: ['entities'],
        operationId: 'listEntities',
        summary: 'List entities',
        description: 'People, organizations, places and events, ordered by id, filtered by kind, subtype and name/alias prefix.',
        querystring: EntityListQuery,
        response: { 200: Page(EntitySummary, 'A page of entities.'), ...errorResponses },
      },
    },
    async ({ query }) =>
      app.store.listEntities({ kinds: query.kind, subtypes: query.subtype, prefix: query.prefix, document: query.document, limit: query.limit, cursor: query.cursor }),
  );

  app.get(
    '/entities/:id',
    {
      schema: {
        tags: ['entities'],
        operationId: 'getEntity',
        summary: 'One entity',
        description: 'The entity with its aliases, summary, external ids, every place the sources name it, and its relation counts by type and direction.',
        params: IdParams,
        response: { 200: EntityDetail, ...notFoundResponse, ...errorResponses },
      },
    },
    async (request, reply) => (await app.store.getEntity(request.params.id)) ?? notFound(request, reply, 'entity', request.params.id),
  );

  app.get(
    '/entities/:id/relations',
    {
      schema: {
        tags: ['entities'],
        operationId: 'listEntityRelations',
        summary: 'Relations of an entity',
        description:
          'Statements where the entity is subject (out) or object (in; symmetric types count either way), filtered by type, counterpart kind, ' +
          'modality and time (known by default, possible=true for what may hold); ordered by relation id. Each item says which stored end the entity is (requestedEnd).',
        params: IdParams,
        querystring: EntityRelationsQuery,
        response: { 200: Page(Relation, 'A page of relations.'), ...notFoundResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const q = request.query;
      // One store call: the store tells an unknown entity (InvalidQueryError on `entity`) in the same
      // transaction as the page, so no separate existence query.
      try {
        return await app.store.listRelations({
          entity: id,
          direction: q.direction,
          types: q.type,
          counterpartKinds: q.counterpartKind,
          modalities: q.modality,
          document: q.document,
          ...timeFilter(q),
          limit: q.limit,
          cursor: q.cursor,
        });
      } catch (err) {
        if (err instanceof InvalidQueryError && err.parameter === 'entity') return notFound(request, reply, 'entity', id);
        throw err;
      }
    },
  );

  app.get(
    '/entities/:id/neighbourhood',
    {
      schema: {
        tags: ['entities'],
        operationId: 'getNeighbourhood',
        summary: 'Ego network',
        description:
          'Entities within `depth` hops (either direction) and the relations among them, within node and edge budgets; `truncated` says when a budget cut the result. ' +
          'With a time filter only relations known to hold in the window are followed (possible=true: also those that may hold), each edge marked with timeMatch. ' +
          TAKES_TURNS,
        params: IdParams,
        querystring: NeighbourhoodQuery,
        response: { 200: Subgraph, ...notFoundResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const result = await app.store.neighbourhood(request.params.id, {
        depth: q.depth,
        types: q.type,
        maxNodes: q.maxNodes,
        maxEdges: q.maxEdges,
        ...timeFilter(q),
        signal: untilClientGone(reply),
      });
      return result ?? notFound(request, reply, 'entity', request.params.id);
    },
  );
};

export default entities;
