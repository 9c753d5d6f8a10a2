import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DocumentInfo, SchemaInfo, Stats } from '../schemas/domain';
import { DocumentIdParams, StatsQuery } from '../schemas/api';
import { errorResponses, notFoundResponse } from '../schemas/problem';
import { notFound } from './not-found';
import { etagOf } from '../graph/data/documents';

const DocumentList = Type.Object({ items: Type.Array(DocumentInfo) }, { additionalProperties: false, description: 'The source documents.' });

const meta: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/schema',
    {
      schema: {
        tags: ['meta'],
        operationId: 'getSchema',
        summary: 'The vocabulary',
        description: 'Entity kinds and subtypes, relation types (meaning, allowed ends) and modalities, each with its count in the graph.',
        response: { 200: SchemaInfo, ...errorResponses },
      },
    },
    async () => app.store.schema(),
  );

  app.get(
    '/stats',
    {
      schema: {
        tags: ['meta'],
        operationId: 'getStats',
        summary: 'Graph statistics',
        description: 'Counts by kind and relation type, and the most connected entities.',
        querystring: StatsQuery,
        response: { 200: Stats, ...errorResponses },
      },
    },
    async ({ query }) => app.store.stats(query.top),
  );

  app.get(
    '/documents',
    {
      schema: {
        tags: ['meta'],
        operationId: 'listDocuments',
        summary: 'Source documents',
        description: 'The articles the graph was curated from, with their checksums so a holder of the text can verify every span.',
        response: { 200: DocumentList, ...errorResponses },
      },
    },
    async () => ({ items: await app.store.listDocuments() }),
  );

  app.get(
    '/documents/:id',
    {
      schema: {
        tags: ['meta'],
        operationId: 'getDocument',
        summary: 'One source document',
        params: DocumentIdParams,
        response: { 200: DocumentInfo, ...notFoundResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const d = await app.store.getDocument(request.params.id);
      if (!d) return notFound(request, reply, 'document', request.params.id);
      // The document's version is its ETag, the one PUT/DELETE /documents/{id} take in If-Match.
      if (d.version) reply.header('etag', etagOf(d.version));
      return d;
    },
  );
};

export default meta;
