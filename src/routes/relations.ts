import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Relation } from '../schemas/domain';
import { Page, RelationIdParams, RelationListQuery } from '../schemas/api';
import { timeFilter } from '../graph/rules';
import { errorResponses, notFoundResponse } from '../schemas/problem';
import { notFound } from './not-found';

const relations: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/relations',
    {
      schema: {
        tags: ['relations'],
        operationId: 'listRelations',
        summary: 'List statements',
        description:
          'Relations filtered by type, subject, object, either end, modality, who asserts them and time; ordered by id. ' +
          'Symmetric types match subject/object in either stored orientation. A time filter keeps what is known to hold in the window ' +
          '(possible=true: also what may hold), each item marked with timeMatch.',
        querystring: RelationListQuery,
        response: { 200: Page(Relation, 'A page of relations.'), ...errorResponses },
      },
    },
    async ({ query: q }) =>
      app.store.listRelations({
        types: q.type,
        subject: q.subject,
        object: q.object,
        entity: q.entity,
        modalities: q.modality,
        assertedBy: q.assertedBy,
        document: q.document,
        ...timeFilter(q),
        limit: q.limit,
        cursor: q.cursor,
      }),
  );

  app.get(
    '/relations/:id',
    {
      schema: {
        tags: ['relations'],
        operationId: 'getRelation',
        summary: 'One statement',
        description: 'A relation with its evidence spans, who asserts it, its modality and its dates.',
        params: RelationIdParams,
        response: { 200: Relation, ...notFoundResponse, ...errorResponses },
      },
    },
    async (request, reply) => (await app.store.getRelation(request.params.id)) ?? notFound(request, reply, 'relation', request.params.id),
  );
};

export default relations;
