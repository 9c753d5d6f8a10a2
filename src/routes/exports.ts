import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../config';
import { EXPORT_FORMATS, sampleOf } from '../export/formats';
import { resolveScope, scopeEdges, scopeNodes } from '../export/scope';
import { ExportQuery } from '../schemas/export';
import { PROBLEM_TYPES, errorResponses, notFoundResponse } from '../schemas/problem';
import { notFound } from './not-found';
import { untilClientGone } from './traversal-turns';
import { dropWhenStalled } from './stalled-client';
import { LIMITS } from '../graph/rules';

const SCOPE =
  `Scope: the whole graph, or with \`entity\` its neighbourhood within \`depth\` hops (at most ${LIMITS.maxNodes} nodes; \`X-Export-Truncated: true\` when the budget cut it). ` +
  '`type` keeps relation types, `kind` keeps entity kinds (and relations whose both ends are kept), `asOf`/`since`/`until` keep relations known to hold in that window (with `possible=true` also those that may hold). ' +
  'The body is streamed as the store is read.';

/** What every export says about its limits (config: EXPORT_TIMEOUT_MS, EXPORT_STALL_MS, NEO4J_EXPORTS, NEO4J_EXPORT_WAIT_MS). */
const limitsText = (config: Config) =>
  `A download may stream for ${config.exports.timeoutMs / 1000} s in all (EXPORT_TIMEOUT_MS), and is dropped when its client takes nothing for ${config.exports.stallMs / 1000} s (EXPORT_STALL_MS). ` +
  `On Neo4j at most NEO4J_EXPORTS (${config.exportTurns.concurrency}) whole-graph exports stream at once; one more waits up to NEO4J_EXPORT_WAIT_MS (${config.exportTurns.queueMs / 1000} s) for its turn, then is answered 503 \`${PROBLEM_TYPES.busy}\` with Retry-After.`;

const headers = {
  'content-disposition': { type: 'string', description: 'attachment; filename="kg-<scope>.<ext>" (scope: graph, or <entity>-depth<n>).' },
  'x-export-truncated': { type: 'string', description: 'true when the neighbourhood budget left nodes or edges out.' },
};

/** One GET /export/<format> per format; the handlers only resolve the scope and hand the writer's stream to the reply. */
const exportsRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  for (const format of EXPORT_FORMATS) {
    const sample = await sampleOf(format);
    // JSON formats are documented as JSON objects (with a parsed example); the others as text or bytes.
    const json = /(^|\+)json$/.test(format.mediaType.split('/')[1] ?? '');
    const schema = format.binary ? { type: 'string', format: 'binary' } : json ? { type: 'object', additionalProperties: true, ...format.jsonShape } : { type: 'string' };
    const example = json && sample !== undefined ? JSON.parse(sample) : sample;
    app.get(
      `/export/${format.path}`,
      {
        // A download lasts as long as its client reads: its own limit, not the time to answer (REQUEST_TIMEOUT_MS).
        handlerTimeout: config.exports.timeoutMs,
        schema: {
          tags: ['exports'],
          operationId: format.operationId,
          summary: format.summary,
          description: `${format.description}\n\n${SCOPE}\n\n${limitsText(config)}`,
          querystring: ExportQuery,
          response: {
            200: {
              description: `The export as ${format.mediaType}, downloaded as a file.`,
              headers,
              content: { [format.mediaType]: { schema, ...(example === undefined ? {} : { example }) } },
            },
            ...notFoundResponse,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const scope = await resolveScope(app.store, request.query, untilClientGone(reply));
        if (!scope) return notFound(request, reply, 'entity', request.query.entity ?? '');
        if (scope.kind === 'graph') reply.raw.once('close', scope.release);
        dropWhenStalled(reply, config.exports.stallMs);
        const base = `kg-${scope.name}`;
        const body = format.write({ nodes: () => scopeNodes(app.store, scope), edges: () => scopeEdges(app.store, scope) }, base);
        return reply
          .type(format.contentType)
          .header('content-disposition', `attachment; filename="${format.fileName(base)}"`)
          .header('x-export-truncated', String(scope.truncated))
          .send(body);
      },
    );
  }
};

export default exportsRoutes;
