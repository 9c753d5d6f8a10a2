import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Path } from '../schemas/domain';
import { PathQuery } from '../schemas/api';
import { timeFilter } from '../graph/rules';
import { budgetResponse, errorResponses, notFoundResponse } from '../schemas/problem';
import { notFound } from './not-found';
import { TAKES_TURNS, untilClientGone } from './traversal-turns';

const PathsResponse = Type.Object({ paths: Type.Array(Path) }, { additionalProperties: false, description: 'Paths, shortest first.' });

const paths: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/paths',
    {
      schema: {
        tags: ['paths'],
        operationId: 'findPaths',
        summary: 'How two entities are connected',
        description:
          'Up to k shortest simple paths (at most maxHops relations, either direction), shortest first; ties ordered by relation ids. ' +
          'Candidates are the paths of the shortest length and one longer. Every hop carries its relation with evidence. ' +
          'With a time filter only relations known to hold in the window are followed (possible=true: also those that may hold), each marked with timeMatch. ' +
          'A request has a time budget (5 s); past it the query is cancelled (in Neo4j too) and answered 504. ' +
          TAKES_TURNS,
        querystring: PathQuery,
        response: { 200: PathsResponse, ...notFoundResponse, ...errorResponses, ...budgetResponse },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const found = await app.store.paths(q.from, q.to, { maxHops: q.maxHops, k: q.k, types: q.type, ...timeFilter(q), signal: untilClientGone(reply) });
      if (found) return { paths: found };
      const missing = (await app.store.getEntity(q.from)) ? q.to : q.from;
      return notFound(request, reply, 'entity', missing);
    },
  );
};

export default paths;
