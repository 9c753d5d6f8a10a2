// The export endpoints in the OpenAPI document: their media type, an example the format's parser accepts,
// the scope parameters, and the problem responses.
import type { FastifyInstance } from 'fastify';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import { EXPORT_FORMATS } from '../../src/export/formats';
import { memoryApp } from '../helpers/app';

let app: FastifyInstance;
interface Operation {
  tags: string[];
  operationId: string;
  summary: string;
  parameters: Array<{ name: string; in: string }>;
  responses: Record<string, { headers?: Record<string, unknown>; content: Record<string, { schema: { type?: string; format?: string; $ref?: string }; example?: string }> }>;
}
let spec: { paths: Record<string, { get: Operation }> };
beforeAll(async () => {
  app = await memoryApp();
  spec = (await app.inject('/openapi.json')).json();
});
afterAll(async () => app?.close());

const parsers: Record<string, (example: string) => void> = {
  graphml: (x) => expect(parseGraphml(MultiDirectedGraph, x).size).toBe(1),
  gexf: (x) => expect(parseGexf(MultiDirectedGraph, x).size).toBe(1),
  'csv/nodes': (x) => expect(parseCsv(x, { columns: true })).toHaveLength(2),
  'csv/edges': (x) => expect(parseCsv(x, { columns: true })).toHaveLength(1),
  cytoscape: (x) => expect(JSON.parse(x).elements.edges).toHaveLength(1),
  jsonld: (x) => expect(JSON.parse(x)['@graph'].length).toBeGreaterThan(2),
  ndjson: (x) => expect(x.trimEnd().split('\n').map((l) => JSON.parse(l).type)).toEqual(['entity', 'entity', 'relation']),
};

test.each(EXPORT_FORMATS.map((f) => [f.path, f] as const))('/export/%s is documented with its media type and an example', (path, format) => {
  const op = spec.paths[`/export/${path}`]!.get;
  expect(op.tags).toEqual(['exports']);
  expect(op.operationId).toBe(format.operationId);
  expect(op.summary).toBeTruthy();
  expect(op.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual(
    ['asOf', 'depth', 'entity', 'kind', 'possible', 'since', 'type', 'until'].map((n) => `query:${n}`),
  );
  const ok = op.responses['200']!;
  expect(Object.keys(ok.content)).toEqual([format.mediaType]);
  expect(ok.headers?.['content-disposition']).toBeDefined();
  const media = ok.content[format.mediaType]!;
  expect(media.schema.type).toBe('string');
  if (format.binary) expect(media.schema.format).toBe('binary');
  else parsers[path]!(media.example!);
  for (const status of ['400', '404', '429', '500', '503']) {
    expect(op.responses[status]!.content['application/json']!.schema.$ref).toBe('#/components/schemas/Problem');
  }
});
