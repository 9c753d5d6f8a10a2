import { Type, type Static } from 'typebox';

/** RFC 9457 problem details: the one error shape of the API. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the problem type.', examples: ['urn:kg-api:problem:invalid-parameter'] }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String({ description: 'The request path that failed.' })),
    requestId: Type.Optional(Type.String({ description: 'Quote it when reporting a server error.' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object(
          {
            in: Type.String({ description: 'Where the bad value was: querystring, params, headers or body.' }),
            name: Type.String({ description: 'The parameter or field.' }),
            message: Type.String(),
          },
          { additionalProperties: false },
        ),
        { description: 'One entry per invalid parameter.' },
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' },
);
export type Problem = Static<typeof Problem>;

export const PROBLEM_TYPES = {
  invalidParameter: 'urn:kg-api:problem:invalid-parameter',
  notFound: 'urn:kg-api:problem:not-found',
  notAcceptable: 'urn:kg-api:problem:not-acceptable',
  rateLimited: 'urn:kg-api:problem:rate-limited',
  unavailable: 'urn:kg-api:problem:store-unavailable',
  budgetExceeded: 'urn:kg-api:problem:query-budget-exceeded',
  internal: 'urn:kg-api:problem:internal-error',
} as const;

const ref = Type.Ref('Problem');
/** Error responses every route declares (plus 404 where an id is looked up). */
export const errorResponses = {
  400: { ...ref, description: 'A parameter is invalid; `errors` names each one.' },
  429: { ...ref, description: 'Too many requests; retry after the `Retry-After` seconds.' },
  500: { ...ref, description: 'Unexpected error; the detail never includes internals.' },
  503: { ...ref, description: 'The graph store is unreachable; retry after `Retry-After` seconds.' },
};
export const notFoundResponse = { 404: { ...ref, description: 'No such resource.' } };
/** Routes whose query has a time budget (paths). */
export const budgetResponse = {
  504: { ...ref, description: 'The query ran past its time budget and was cancelled; narrow it (fewer hops, relation types, a time window).' },
};
