import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EXPORT_FORMATS, sampleOf } from '../export/formats';
import { resolveScope, scopeEdges, scopeNodes } from '../export/scope';
import { ExportQuery } from '../schemas/export';
import { errorResponses, notFoundResponse } from '../schemas/problem';
import { notFound } from './not-found';
import { untilClientGone } from './traversal-turns';
import { LIMITS } from '../graph/rules';

const SCOPE =
  `Scope: the whole graph, or with \`entity\` its neighbourhood within \`depth\` hops (at most ${LIMITS.maxNodes} nodes; \`X-Export-Truncated: true\` when the budget cut it). ` +
  '`type` keeps relation types, `kind` keeps entity kinds (and relations whose both ends are kept), `asOf`/`since`/`until` keep relations known to hold in that window (with `possible=true` also those that may hold). ' +
  'The body is streamed as the store is read.';

const headers = {
  'content-disposition': { type: 'string', description: 'attachment; filename="kg-<scope>.<ext>" (scope: graph, or <entity>-depth<n>).' },
  'x-export-truncated': { type: 'string', description: 'true when the neighbourhood budget left nodes or edges out.' },
};

/** One GET /export/<format> per format; the handlers only resolve the scope and hand the writer's stream to the reply. */
const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const format of EXPORT_FORMATS) {
    const sample = await sampleOf(format);
    // JSON formats are documented as JSON objects (with a parsed example); the others as text or bytes.
    const json = /(^|\+)json$/.test(format.mediaType.split('/')[1] ?? '');
    const schema = format.binary ? { type: 'string', format: 'binary' } : json ? { type: 'object', additionalProperties: true, ...format.jsonShape } : { type: 'string' };
    const example = json && sample !== undefined ? JSON.parse(sample) : sample;
    app.get(
      `/export/${format.path}`,
      {
        schema: {
          tags: ['exports'],
          operationId: format.operationId,
          summary: format.summary,
          description: `${format.description}\n\n${SCOPE}`,
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
