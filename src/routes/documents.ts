/**
 * Document ingest: PUT /documents/{id} creates or replaces a document's bundle (and its facts),
 * DELETE removes it, GET /documents/{id}/bundle returns what was stored. Writes need an API key
 * (plugins/auth.ts), carry ETag/If-Match/If-None-Match, have a body limit and a stricter rate limit,
 * and leave one audit log line each. Merge and write rules: graph/data/documents.ts and graph/store.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { BundleError, toGraphData, validateBundle } from '../graph/data/bundle';
import { etagOf, type DocumentWriteResult as Result } from '../graph/data/documents';
import { verifySpans } from '../graph/data/verify-evidence';
import { sendProblem } from '../plugins/problem';
import { SECURITY_SCHEME } from '../plugins/auth';
import { DocumentIdParams } from '../schemas/api';
import { LIMITS } from '../schemas/limits';
import { BundleSchema } from '../schemas/bundle';
import { DocumentWriteBody, DocumentWriteResult, WriteHeaders } from '../schemas/documents';
import { PROBLEM_TYPES, Problem, errorResponses, notFoundResponse, problem, unauthorizedResponse } from '../schemas/problem';
import { notFound } from './not-found';

const writeErrors = {
  ...errorResponses,
  ...unauthorizedResponse,
  412: problem('If-Match / If-None-Match does not hold; the current ETag is in the `ETag` header.'),
  413: problem('The body is larger than WRITE_BODY_LIMIT.'),
  415: problem('A body sent as another type than `application/json`.'),
};

/** "bundle d: relation "r" field evidence[0]: message" -> { name: 'relation "r" field evidence[0]', message }. */
function spanError(problem: string): { in: string; name: string; message: string } {
  const m = /^bundle [^:]+: ((?:document|entity|relation) "[^"]+" field [^:]+): (.*)$/s.exec(problem);
  return { in: 'body', name: m ? m[1]! : 'sourceText', message: m ? m[2]! : problem };
}

function audit(request: FastifyRequest, action: 'create' | 'replace' | 'delete', r: Result) {
  request.log.info(
    { audit: { action, key: request.apiKeyName, document: r.document, version: r.version, entities: r.entities, relations: r.relations } },
    `document ${action}: ${r.document}`,
  );
}

/**
 * The body as sent, before the route schema's validation ran: the app's AJV coerces types (for query
 * strings), but a bundle must pass the CLI's validator exactly as it was written.
 */
const asSent = new WeakMap<FastifyRequest, unknown>();

/** True when `value` nests deeper than `max` arrays/objects; walked with a stack, so any depth is safe to ask about. */
function nestsDeeper(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

const documents: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  // A JSON text sent as text/plain (fetch's default for a string body) was read as a string and refused as
  // "must be object"; without this parser it is a 415 that says which type to send, as any other type is.
  app.removeContentTypeParser('text/plain');
  const write = {
    onRequest: app.requireKey,
    bodyLimit: config.writeBodyLimit,
    config: config.writeRateLimitMax > 0 ? { rateLimit: { max: config.writeRateLimitMax, timeWindow: '1 minute' } } : {},
  };

  app.put(
    '/documents/:id',
    {
      ...write,
      preValidation: async (request, reply) => {
        // JSON.parse takes any depth, but structuredClone and the validators recurse: 5,000 levels overflowed the stack (a 500).
        if (nestsDeeper(request.body, LIMITS.bodyDepth)) {
          const message = `must not nest more than ${LIMITS.bodyDepth} levels of arrays and objects`;
          return sendProblem(request, reply, 400, PROBLEM_TYPES.invalidParameter, `The body ${message}.`, [{ in: 'body', name: 'body', message }]);
        }
        asSent.set(request, structuredClone(request.body));
      },
      schema: {
        tags: ['documents'],
        operationId: 'putDocument',
        summary: 'Create or replace a document',
        description:
          'Stores the bundle of document `id` and replaces that document’s facts in the graph atomically; the other documents’ facts stay. ' +
          'Entities and relations are merged across documents (see docs/data-model.md). With `sourceText`, every span is verified (422 on a mismatch). ' +
          'Answers 201 for a new document, 200 for a replacement, with the new `ETag`.',
        security: [{ [SECURITY_SCHEME]: [] }],
        params: DocumentIdParams,
        headers: WriteHeaders,
        body: DocumentWriteBody,
        response: {
          200: { ...DocumentWriteResult, description: 'Replaced.' },
          201: { ...DocumentWriteResult, description: 'Created.' },
          409: problem('The bundle conflicts with stored documents (an entity’s kind, a Wikidata id, a relation’s ends); `errors` names each.'),
          422: problem('The bundle breaks a rule of the validator, or a span does not match the source text; `errors` names each.'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { sourceText } = request.body;
      if (request.body.bundle.document.id !== id) {
        const message = `is "${request.body.bundle.document.id}", not the document id of the URL ("${id}")`;
        return sendProblem(request, reply, 400, PROBLEM_TYPES.invalidParameter, `bundle.document.id ${message}.`, [
          { in: 'body', name: 'bundle.document.id', message },
        ]);
      }
      let bundle;
      try {
        bundle = validateBundle((asSent.get(request) as { bundle: unknown }).bundle, `document ${id}`);
      } catch (err) {
        if (!(err instanceof BundleError)) throw err;
        return invalid(request, reply, PROBLEM_TYPES.invalidBundle, 'The bundle breaks the validator’s rules.', err.problems.map((message) => ({ in: 'body', name: 'bundle', message })));
      }
      if (sourceText !== undefined) {
        const problems = verifySpans(toGraphData([bundle]), new Map([[id, sourceText]]));
        if (problems.length) {
          const errors = problems.map(spanError);
          return invalid(request, reply, PROBLEM_TYPES.spanMismatch, `${problems.length} span(s) do not match the source text, first: ${errors[0]!.name}.`, errors);
        }
      }
      const result = await app.store.putDocument({
        bundle,
        author: request.apiKeyName!,
        spansVerified: sourceText !== undefined,
        ifMatch: request.headers['if-match'],
        ifNoneMatch: request.headers['if-none-match'],
      });
      audit(request, result.created ? 'create' : 'replace', result);
      reply.header('etag', etagOf(result.version!));
      if (result.created) reply.header('location', `/documents/${id}`);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  app.delete(
    '/documents/:id',
    {
      ...write,
      schema: {
        tags: ['documents'],
        operationId: 'deleteDocument',
        summary: 'Delete a document',
        description: 'Removes the document, its evidence and assertions, and every entity or relation no other document supports.',
        security: [{ [SECURITY_SCHEME]: [] }],
        params: DocumentIdParams,
        headers: WriteHeaders,
        response: { 200: { ...DocumentWriteResult, description: 'Deleted.' }, ...notFoundResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const result = await app.store.deleteDocument(id, { ifMatch: request.headers['if-match'], ifNoneMatch: request.headers['if-none-match'] });
      if (!result) return notFound(request, reply, 'document', id);
      audit(request, 'delete', result);
      return result;
    },
  );

  app.get(
    '/documents/:id/bundle',
    {
      schema: {
        tags: ['documents'],
        operationId: 'getDocumentBundle',
        summary: 'The stored bundle of a document',
        description: 'The bundle as it was written (never the source text), with the document’s `ETag` for a later If-Match.',
        params: DocumentIdParams,
        response: { 200: { ...BundleSchema, description: 'The bundle.' }, ...notFoundResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      // The stored JSON text, streamed as it is unpacked: never parsed, so a large bundle costs no objects.
      const stored = await app.store.getBundleText(request.params.id);
      if (!stored) return notFound(request, reply, 'document bundle', request.params.id);
      return reply.header('etag', etagOf(stored.version)).type('application/json; charset=utf-8').send(stored.text);
    },
  );
};

function invalid(request: FastifyRequest, reply: FastifyReply, type: string, detail: string, errors: Problem['errors']) {
  return sendProblem(request, reply, 422, type, detail, errors);
}

export default documents;
