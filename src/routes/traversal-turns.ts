import type { FastifyReply } from 'fastify';
import { LIMITS } from '../schemas/limits';
import { PROBLEM_TYPES } from '../schemas/problem';

/** What the neighbourhood and paths operations say about the traversal gate (src/graph/neo4j/turn-gate.ts). */
export const TAKES_TURNS =
  `On Neo4j these traversals take turns (paths, and neighbourhoods whose maxNodes x maxEdges is over ${LIMITS.neighbourhoodDefaults.maxNodes} x ${LIMITS.neighbourhoodDefaults.maxEdges}, the default budgets): at most NEO4J_TRAVERSALS run at once (${LIMITS.traversals} by default), and one more waits up to ` +
  `NEO4J_TRAVERSAL_WAIT_MS (${LIMITS.traversalWaitMs / 1000} s by default) for its turn, then is answered 503 \`${PROBLEM_TYPES.busy}\` with Retry-After. One whose client disconnects while it waits is dropped before it reaches the database.`;

/**
 * Aborted when the client closes the connection before its reply is sent: a traversal still waiting for its
 * turn is then dropped instead of running for nobody (and keeping others waiting).
 */
export function untilClientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableEnded) controller.abort();
  });
  return controller.signal;
}
