// "Unknown parameters are refused, not ignored" (README): on every documented operation, also those that take
// no query parameters, so a typo (`?asof=2014` on /entities/{id}) is a 400 naming it, never a silent answer.
// The health probes are the exception: they answer whatever query a load balancer adds. Integers are read in
// decimal digits only (Number() would take 0x10 as 16).
import type { FastifyInstance } from 'fastify';
import { memoryApp } from '../helpers/app';

type Parameter = { name: string; in: string; required?: boolean; example?: unknown; schema?: { type?: string; examples?: unknown[]; minimum?: number } };
type Operation = { operationId: string; parameters?: Parameter[] };

const PROBES = ['getHealth', 'getReady'];

let app: FastifyInstance;
beforeAll(async () => {
  app = await memoryApp();
});
afterAll(async () => app?.close());

/** Every GET operation of the served OpenAPI document, with a URL whose path parameters are the documented examples. */
async function getOperations(): Promise<Array<{ id: string; url: string; known: string[]; integers: Parameter[]; required: string }>> {
  const spec = (await app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => method === 'get')
      .map(([, op]) => {
        const params = op.parameters ?? [];
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const p = params.find((x) => x.in === 'path' && x.name === name);
          return encodeURIComponent(String(p?.example ?? p?.schema?.examples?.[0] ?? 'japan'));
        });
        const query = params.filter((p) => p.in === 'query');
        // required query parameters, with their documented examples
        const required = query
          .filter((p) => p.required)
          .map((p) => `${p.name}=${encodeURIComponent(String(p.example ?? p.schema?.examples?.[0]))}`)
          .join('&');
        return { id: op.operationId, url, known: query.map((p) => p.name), integers: query.filter((p) => p.schema?.type === 'integer'), required };
      }),
  );
}

test('every GET operation refuses an unknown query parameter with a 400 problem naming it', async () => {
  const operations = await getOperations();
  expect(operations.length).toBeGreaterThanOrEqual(15);
  // operations that take no query parameter at all must be among them (they had no querystring schema)
  expect(operations.filter((o) => o.known.length === 0).map((o) => o.id)).toEqual(expect.arrayContaining(['getEntity', 'getRelation', 'getSchema', 'listDocuments']));
  for (const op of operations.filter((o) => !PROBES.includes(o.id))) {
    const res = await app.inject(`${op.url}?asof=2014`);
    expect({ op: op.id, status: res.statusCode, type: res.headers['content-type'] }).toEqual({ op: op.id, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    expect({ op: op.id, errors: res.json().errors }).toEqual({ op: op.id, errors: expect.arrayContaining([expect.objectContaining({ in: 'querystring', name: 'asof' })]) });
  }
});

test('the same URLs without the unknown parameter are answered (the 400 above is the parameter, not the URL)', async () => {
  for (const op of await getOperations()) {
    if (op.id === 'search' || op.id === 'findPaths') continue; // they require parameters of their own
    const res = await app.inject(op.url);
    expect({ op: op.id, url: op.url, status: res.statusCode }).toEqual({ op: op.id, url: op.url, status: 200 });
  }
});

test('the health probes answer with any query parameter', async () => {
  const probes = (await getOperations()).filter((o) => PROBES.includes(o.id));
  expect(probes.map((o) => o.id).sort()).toEqual([...PROBES].sort());
  for (const op of probes) expect({ op: op.id, status: (await app.inject(`${op.url}?probe=1&_=1700000000`)).statusCode }).toEqual({ op: op.id, status: 200 });
});

test('an integer query parameter is read in decimal digits only: 0x10, 1e1, " 5", 5.0 and +5 are 400s naming it', async () => {
  const operations = (await getOperations()).filter((o) => o.integers.length > 0);
  // the paged lists, neighbourhood, paths, search, stats at least
  expect(operations.length).toBeGreaterThanOrEqual(8);
  for (const op of operations) {
    for (const p of op.integers) {
      const url = (value: string) => `${op.url}?${[op.required, `${p.name}=${encodeURIComponent(value)}`].filter(Boolean).join('&')}`;
      const fine = await app.inject(url(String(p.schema?.minimum ?? 1)));
      expect({ url: url(String(p.schema?.minimum ?? 1)), status: fine.statusCode }).toEqual({ url: url(String(p.schema?.minimum ?? 1)), status: 200 });
      for (const value of ['0x10', '1e1', ' 5', '5.0', '+5', '0b1']) {
        const res = await app.inject(url(value));
        expect({ url: url(value), status: res.statusCode }).toEqual({ url: url(value), status: 400 });
        expect(res.json().errors).toEqual([{ in: 'querystring', name: p.name, message: 'must be an integer written in decimal digits' }]);
      }
    }
  }
});
