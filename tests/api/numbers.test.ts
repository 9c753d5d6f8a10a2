// Every integer query parameter of every operation (read from the served OpenAPI document, so a new one
// is covered without editing this file) refuses non-finite, fractional and out-of-range values with a
// 400 problem naming it; and ids as long as the schema allows reach the handler (no router 414).
import type { FastifyInstance } from 'fastify';
import { memoryApp } from '../helpers/app';
import { ID_MAX_LENGTH } from '../../src/schemas/params';

interface Param {
  in: string;
  name: string;
  required?: boolean;
  example?: unknown;
  schema: { type?: string; examples?: unknown[] };
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await memoryApp();
});
afterAll(async () => app?.close());

function integerParams(): Array<[string, string, string]> {
  // Built synchronously from a fresh app would need await; the document is static, so read the committed one.
  const spec = require('yaml').parse(require('node:fs').readFileSync(`${__dirname}/../../openapi.yaml`, 'utf8'));
  const out: Array<[string, string, string]> = [];
  for (const [path, item] of Object.entries<Record<string, { parameters?: Param[] }>>(spec.paths)) {
    const params = item.get?.parameters ?? [];
    if (params.some((p) => p.in === 'path')) continue; // exercised through the concrete URLs below
    const required = params.filter((p) => p.in === 'query' && p.required && p.schema.type !== 'integer');
    const base = required.map((p) => `${p.name}=${encodeURIComponent(String(p.example ?? p.schema.examples?.[0] ?? 'x'))}`);
    for (const p of params) if (p.in === 'query' && p.schema.type === 'integer') out.push([path, p.name, base.join('&')]);
  }
  out.push(['/entities/hu-deping/relations', 'limit', ''], ['/entities/hu-deping/neighbourhood', 'depth', '']);
  out.push(['/entities/hu-deping/neighbourhood', 'maxNodes', ''], ['/entities/hu-deping/neighbourhood', 'maxEdges', '']);
  return out;
}

const BAD = ['Infinity', '-Infinity', '1e400', '-1e400', '1.5', '99999999999999999999', '2147483648', 'NaN'];
const PARAMS = integerParams();

test('the spec has the integer parameters the issue lists', () => {
  expect(new Set(PARAMS.map(([, name]) => name))).toEqual(new Set(['limit', 'depth', 'maxNodes', 'maxEdges', 'k', 'maxHops', 'top']));
});

describe.each(PARAMS)('%s ?%s=', (path, name, base) => {
  test.each(BAD)('%s is a 400 problem naming the parameter', async (value) => {
    const res = await app.inject(`${path}?${base ? `${base}&` : ''}${name}=${encodeURIComponent(value)}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect([...new Set(res.json().errors.map((e: { name: string }) => e.name))]).toEqual([name]);
  });
});

describe('id length: the router and the id schema agree', () => {
  test.each([101, ID_MAX_LENGTH])('an id of %i characters reaches the handler (404 problem)', async (n) => {
    const res = await app.inject(`/entities/${'a'.repeat(n)}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
