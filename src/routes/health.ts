import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PROBLEM_TYPES, errorResponses } from '../schemas/problem';
import { sendProblem } from '../plugins/problem';

const Health = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false, description: 'The process is alive.' });
const Ready = Type.Object(
  {
    status: Type.Literal('ready'),
    store: Type.Enum(['neo4j', 'memory']),
    entities: Type.Integer(),
    relations: Type.Integer(),
    documents: Type.Integer(),
  },
  { additionalProperties: false, description: 'The store answers; its kind and size.' },
);

/** Probes answer whatever their query (a load balancer or monitor may add its own, e.g. a cache buster); every other operation refuses unknown parameters (./strict-query.ts). */
const ProbeQuery = Type.Object({}, { additionalProperties: true });

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        operationId: 'getHealth',
        summary: 'Liveness: the process answers.',
        description: 'Always 200 while the process runs; does not touch the store. Query parameters are ignored.',
        querystring: ProbeQuery,
        response: { 200: Health },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        operationId: 'getReady',
        summary: 'Readiness: the graph store answers.',
        description:
          '200 with the store kind and its size when the store answers and holds at least one document; ' +
          '503 problem+json with Retry-After when it is unreachable or empty (type urn:kg-api:problem:graph-empty). Query parameters are ignored.',
        querystring: ProbeQuery,
        response: { 200: Ready, 503: errorResponses[503], 500: errorResponses[500] },
      },
    },
    async (request, reply) => {
      await app.store.ping();
      const size = await app.store.describe();
      if (size.documents === 0) {
        reply.header('retry-after', '30');
        return sendProblem(request, reply, 503, PROBLEM_TYPES.emptyGraph, 'The graph store answers but holds no documents; load the bundles (npm run seed).');
      }
      return { status: 'ready' as const, ...size };
    },
  );
};

export default health;
