import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../plugins/problem';
import { PROBLEM_TYPES } from '../schemas/problem';

/** 404 problem for an id that names nothing. */
export function notFound(request: FastifyRequest, reply: FastifyReply, what: string, id: string) {
  return sendProblem(request, reply, 404, PROBLEM_TYPES.notFound, `No ${what} with id "${id}".`);
}
