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
  methodNotAllowed: 'urn:kg-api:problem:method-not-allowed',
  badRequest: 'urn:kg-api:problem:bad-request',
  shuttingDown: 'urn:kg-api:problem:shutting-down',
  timeout: 'urn:kg-api:problem:timeout',
  emptyGraph: 'urn:kg-api:problem:graph-empty',
  rateLimited: 'urn:kg-api:problem:rate-limited',
  unauthorized: 'urn:kg-api:problem:unauthorized',
  tooLarge: 'urn:kg-api:problem:payload-too-large',
  preconditionFailed: 'urn:kg-api:problem:precondition-failed',
  conflict: 'urn:kg-api:problem:document-conflict',
  invalidBundle: 'urn:kg-api:problem:invalid-bundle',
  spanMismatch: 'urn:kg-api:problem:span-mismatch',
  readOnly: 'urn:kg-api:problem:read-only-store',
  unavailable: 'urn:kg-api:problem:store-unavailable',
  busy: 'urn:kg-api:problem:store-busy',
  internal: 'urn:kg-api:problem:internal-error',
} as const;

const ref = Type.Ref('Problem');
/** A response sent as application/problem+json (documented and serialised under that media type). */
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref } } });

/** Error responses every route declares (plus 404 where an id is looked up). */
export const errorResponses = {
  400: problem('A parameter is invalid; `errors` names each one.'),
  429: problem('Too many requests; retry after the `Retry-After` seconds (RateLimit / RateLimit-Policy say how many are left).'),
  500: problem('Unexpected error; the detail never includes internals.'),
  503: problem('The graph store is unreachable or has no room for this query now, or the server is shutting down; retry after `Retry-After` seconds.'),
  504: problem('The query ran past its time limit and was cancelled; narrow it (fewer hops, a smaller budget).'),
};
export const notFoundResponse = { 404: problem('No such resource.') };
/** 401 where a route needs an API key (always for writes; for reads when READ_REQUIRES_KEY=true). */
export const unauthorizedResponse = {
  401: problem('No valid API key: send `Authorization: Bearer <token>` (see `WWW-Authenticate`).'),
};
/** Routes whose query has a time budget (paths). */
export const budgetResponse = {
  504: problem('The query ran past its time budget and was cancelled; narrow it (fewer hops, relation types, a time window).'),
};
