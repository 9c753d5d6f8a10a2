/** The OpenAPI document (generated from the route schemas) and Swagger UI at /docs. */
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { version } from '../../package.json';
import { SECURITY_SCHEME } from './auth';

export const TAGS = [
  { name: 'entities', description: 'People, organizations, places and events, with their relations and neighbourhoods.' },
  { name: 'relations', description: 'Statements between entities, with dates, evidence, attribution and modality.' },
  { name: 'paths', description: 'How two entities are connected, hop by hop with evidence.' },
  { name: 'search', description: 'Full-text, typo-tolerant search over names, aliases and summaries.' },
  { name: 'timeline', description: 'Events and dated relations in time order.' },
  { name: 'meta', description: 'The vocabulary, source documents and graph statistics.' },
  { name: 'documents', description: 'Adding, replacing and deleting source documents (bundles); writes need an API key.' },
  { name: 'exports', description: 'The graph or a scope of it for Gephi, Cytoscape, yEd, notebooks and spreadsheets.' },
  { name: 'health', description: 'Liveness and readiness probes.' },
];

type RouteSchema = { querystring?: { properties?: Record<string, { default?: unknown }>; required?: string[] } } & Record<string, unknown>;

/** A query parameter with a default need not be sent: the document must not call it required. */
function documentedSchema({ schema, url }: { schema: unknown; url: string }) {
  const qs = (schema as RouteSchema | undefined)?.querystring;
  if (!qs?.properties || !qs.required) return { schema: schema as RouteSchema, url };
  const required = qs.required.filter((name) => qs.properties?.[name]?.default === undefined);
  return { schema: { ...(schema as RouteSchema), querystring: { ...qs, required } }, url };
}

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Knowledge-graph API',
          version,
          description:
            'Who is related to whom, when, and on what evidence: entities and relations curated from source articles. ' +
            'Every relation carries its dates, the spans of the source that support it (offsets + SHA-256), who asserts it and how (modality). ' +
            'Errors are RFC 9457 application/problem+json.',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        servers: [{ url: '/', description: 'This server' }],
        tags: TAGS,
        components: {
          securitySchemes: {
            [SECURITY_SCHEME]: {
              type: 'http',
              scheme: 'bearer',
              description:
                'An API key as a bearer token (`Authorization: Bearer <token>`). The server knows only SHA-256 hashes of the tokens (API_KEYS). ' +
                'Writes always need one; reads only when the server runs with READ_REQUIRES_KEY=true.',
            },
          },
        },
      },
      transform: documentedSchema,
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
