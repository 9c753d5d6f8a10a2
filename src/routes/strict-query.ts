/**
 * Query strings are read strictly on every operation (routes/index.ts applies this to each route):
 *   - an unknown parameter is refused, also on operations that take none (without a querystring schema,
 *     Fastify would ignore `?asof=2014` on /entities/{id});
 *   - an integer parameter is written in decimal digits: AJV coerces with Number(), which reads `0x10` as 16,
 *     `1e1` as 10 and ` 5` as 5, so those are refused before it runs (a 400 naming the parameter).
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { NoQuery } from '../schemas/api';
import { PROBLEM_TYPES } from '../schemas/problem';
import { sendProblem } from '../plugins/problem';

const DECIMAL = /^-?[0-9]+$/;

/** The names of the integer properties of a querystring schema. */
function integerNames(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties ?? {};
  return Object.entries(properties)
    .filter(([, p]) => p.type === 'integer')
    .map(([name]) => name);
}

function decimalIntegers(names: readonly string[]) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const query = request.query as Record<string, unknown>;
    const wrong = names.filter((name) => typeof query[name] === 'string' && !DECIMAL.test(query[name] as string));
    if (!wrong.length) return done();
    const errors = wrong.map((name) => ({ in: 'querystring', name, message: 'must be an integer written in decimal digits' }));
    sendProblem(request, reply, 400, PROBLEM_TYPES.invalidParameter, `Invalid ${wrong.join(', ')}.`, errors);
  };
}

/** onRoute: the strict reading above, for a documented route (one with a schema). */
export function strictQuery(route: RouteOptions): void {
  if (!route.schema) return;
  if (!route.schema.querystring) route.schema = { ...route.schema, querystring: NoQuery };
  const integers = integerNames(route.schema.querystring);
  if (integers.length) route.preValidation = [...[route.preValidation ?? []].flat(), decimalIntegers(integers)];
}
