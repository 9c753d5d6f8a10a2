/**
 * One error handler, one error shape: every failure leaves as RFC 9457 application/problem+json.
 * Validation errors name each offending parameter; store outages become 503 with Retry-After;
 * anything unexpected is logged with its request id and answered without internals.
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import {
  ClientGoneError,
  DocumentConflictError,
  InvalidQueryError,
  PreconditionFailedError,
  ReadOnlyStoreError,
  StoreBusyError,
  StoreTimeoutError,
  StoreUnavailableError,
} from '../graph/errors';
import { etagOf } from '../graph/data/documents';
import { patternMessage } from '../schemas/common';
import { PROBLEM_TYPES, Problem } from '../schemas/problem';
import { FINITE_KEYWORD } from '../schemas/params';

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  type: string,
  detail?: string,
  errors?: Problem['errors'],
) {
  const body: Problem = {
    type,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...(errors ? { errors } : {}),
  };
  return reply.code(status).type('application/problem+json').send(body);
}

function validationErrors(error: FastifyError): Problem['errors'] {
  const where = error.validationContext ?? 'request';
  return (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string; additionalProperty?: string } | undefined) ?? {};
    const name =
      missing.missingProperty ??
      missing.additionalProperty ??
      (v.instancePath.replace(/^\//, '').split('/')[0] || where);
    const allowed = v.keyword === 'enum' ? (v.params as { allowedValues?: unknown[] }).allowedValues : undefined;
    const message = missing.additionalProperty
      ? 'is not a known parameter'
      : v.keyword === FINITE_KEYWORD || (v.keyword === 'format' && (v.params as { format?: string }).format === 'int32')
        ? 'must be a finite integer in range'
        : allowed
          ? `must be one of: ${allowed.join(', ')}` // the caller need not look the vocabulary up
          : (patternMessage(v) ?? v.message ?? 'is invalid');
    return { in: where, name, message };
  });
}

export default fp(
  async (app) => {
    app.addSchema(Problem);

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.validation) {
        const errors = validationErrors(error);
        const names = [...new Set(errors?.map((e) => e.name))].join(', ');
        return sendProblem(request, reply, 400, PROBLEM_TYPES.invalidParameter, `Invalid ${names}.`, errors);
      }
      if (error instanceof InvalidQueryError) {
        return sendProblem(request, reply, 400, PROBLEM_TYPES.invalidParameter, error.message, [
          { in: 'querystring', name: error.parameter, message: error.message },
        ]);
      }
      if (error instanceof ClientGoneError) {
        // Nobody reads this reply; 499 (nginx's "client closed request") tells the access log what happened.
        request.log.info('client went away before its turn came; dropped');
        return reply.code(499).send();
      }
      if (error instanceof StoreUnavailableError) {
        request.log.warn({ err: error }, 'graph store unavailable');
        reply.header('retry-after', String(error.retryAfterSeconds));
        return sendProblem(request, reply, 503, PROBLEM_TYPES.unavailable, 'The graph store is unreachable; retry shortly.');
      }
      if (error instanceof StoreBusyError) {
        request.log.warn({ err: error }, 'graph store busy');
        reply.header('retry-after', String(error.retryAfterSeconds));
        return sendProblem(request, reply, 503, PROBLEM_TYPES.busy, error.detail);
      }
      if (error instanceof PreconditionFailedError) {
        if (error.current !== null) reply.header('etag', etagOf(error.current));
        return sendProblem(request, reply, 412, PROBLEM_TYPES.preconditionFailed, error.message);
      }
      if (error instanceof DocumentConflictError) {
        return sendProblem(
          request,
          reply,
          409,
          PROBLEM_TYPES.conflict,
          `Document "${error.document}" conflicts with the stored documents; nothing was written.`,
          error.problems.map((message) => ({ in: 'body', name: 'bundle', message })),
        );
      }
      if (error instanceof ReadOnlyStoreError) {
        return sendProblem(request, reply, 405, PROBLEM_TYPES.readOnly, error.message);
      }
      if (error instanceof StoreTimeoutError || error.code === 'FST_ERR_HANDLER_TIMEOUT') {
        request.log.warn({ err: error }, 'query time limit reached');
        return sendProblem(request, reply, 504, PROBLEM_TYPES.timeout, 'The query ran past its time limit and was cancelled; narrow it (fewer hops, relation types, a smaller budget or a time window).');
      }
      const status = error.statusCode ?? 500;
      if (status === 413) {
        return sendProblem(request, reply, 413, PROBLEM_TYPES.tooLarge, 'The request body is larger than this server accepts (WRITE_BODY_LIMIT).');
      }
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        const sent = request.headers['content-type'] ?? 'none';
        return sendProblem(request, reply, 415, PROBLEM_TYPES.invalidParameter, `The body must be JSON: send Content-Type: application/json (got ${sent.slice(0, 100)}).`);
      }
      if (status === 429) {
        return sendProblem(request, reply, 429, PROBLEM_TYPES.rateLimited, error.message);
      }
      if (status >= 400 && status < 500) {
        return sendProblem(request, reply, status, PROBLEM_TYPES.invalidParameter, error.message);
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(request, reply, 500, PROBLEM_TYPES.internal, 'An unexpected error occurred; quote the requestId when reporting it.');
    });
  },
  { name: 'problem' },
);
