import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SearchHit } from '../schemas/domain';
import { SearchQuery } from '../schemas/api';
import { errorResponses } from '../schemas/problem';

const SearchResponse = Type.Object({ items: Type.Array(SearchHit) }, { additionalProperties: false, description: 'Hits, best first.' });

const search: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        operationId: 'search',
        summary: 'Find entities by name, alias or summary',
        description: 'Full-text search, tolerant of typos and prefixes; exact name or alias matches rank first.',
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errorResponses },
      },
    },
    async ({ query }) => ({ items: await app.store.search({ q: query.q, kinds: query.kind, document: query.document, limit: query.limit }) }),
  );
};

export default search;
