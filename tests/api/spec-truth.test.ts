// The OpenAPI document tells the truth about what is sent: errors as application/problem+json, parameters
// with defaults optional, exports under their real media types with JSON bodies typed as JSON.
import type { FastifyInstance } from 'fastify';
import { memoryApp } from '../helpers/app';
import { EXPORT_FORMATS } from '../../src/export/formats';

interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: { default?: unknown } }>;
  responses: Record<string, { content?: Record<string, { schema?: { type?: string } }> }>;
}

let app: FastifyInstance;
let operations: Array<[string, Operation]>;
beforeAll(async () => {
  app = await memoryApp();
  const spec = app.swagger() as { paths: Record<string, { get?: Operation }> };
  operations = Object.entries(spec.paths).flatMap(([path, item]) => (item.get ? [[path, item.get] as [string, Operation]] : []));
});
afterAll(async () => app?.close());

test('every error response is documented as application/problem+json only', () => {
  const wrong = operations.flatMap(([path, op]) =>
    Object.entries(op.responses)
      .filter(([status]) => Number(status) >= 400)
      .filter(([, r]) => Object.keys(r.content ?? {}).join() !== 'application/problem+json')
      .map(([status, r]) => `${path} ${status}: ${Object.keys(r.content ?? {}).join()}`),
  );
  expect(operations.length).toBeGreaterThan(15);
  expect(wrong).toEqual([]);
});

test('no parameter with a default is required', () => {
  const wrong = operations.flatMap(([path, op]) =>
    (op.parameters ?? []).filter((p) => p.required && p.schema.default !== undefined).map((p) => `${path} ${p.name}`),
  );
  expect(wrong).toEqual([]);
  const stats = operations.find(([path]) => path === '/stats')![1];
  expect(stats.parameters?.find((p) => p.name === 'top')?.required).toBeFalsy();
});

test('exports declare their real media types; JSON ones a JSON object', () => {
  for (const format of EXPORT_FORMATS) {
    const op = operations.find(([path]) => path === `/export/${format.path}`)![1];
    const content = op.responses['200']!.content!;
    expect(Object.keys(content)).toEqual([format.mediaType]);
    if (/\/(.+\+)?json$/.test(format.mediaType)) expect(content[format.mediaType]!.schema?.type).toBe('object');
  }
});

test.each([
  ['/entities?limit=0', 400],
  ['/entities/no-such-entity', 404],
  ['/export/cytoscape', 200],
  ['/export/jsonld', 200],
  ['/export/graphml', 200],
  ['/export/csv/nodes', 200],
  ['/stats', 200],
])('%s is sent with a media type the document declares for %i', async (url, status) => {
  const res = await app.inject(url);
  expect(res.statusCode).toBe(status);
  const path = url.split('?')[0]!.replace(/\/entities\/[^/]+$/, '/entities/{id}');
  const op = operations.find(([p]) => p === path)![1];
  const declared = Object.keys(op.responses[String(status)]?.content ?? {});
  expect(declared).toContain(String(res.headers['content-type']).split(';')[0]);
});
