/**
 * Driver errors -> store errors, decided by error code only (never by message text), and
 * without passing driver messages on.
 */
import { InvalidQueryError, StoreTimeoutError, StoreUnavailableError } from '../errors';

/** Codes that mean "the database cannot be reached or cannot serve right now". */
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable', // neo4j.error.SERVICE_UNAVAILABLE: no connection (refused, closed, DNS)
  'SessionExpired', // neo4j.error.SESSION_EXPIRED
  'Neo.ClientError.Database.DatabaseNotFound',
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.ClientError.Security.CredentialsExpired',
  'Neo.ClientError.Cluster.NotALeader',
  'Neo.ClientError.General.ForbiddenOnReadOnlyDatabase',
]);

/** The transaction ran past its `timeout` (ours, set per query kind, or the server's db.transaction.timeout). */
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/** Socket-level codes that reach us when the driver did not wrap them. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Any other failure of the database: a generic message; the code stays available for logs. */
export class Neo4jStoreError extends Error {
  override readonly name = 'Neo4jStoreError';
  constructor(readonly code: string | undefined) {
    super('The graph database could not answer the query.');
  }
}

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isUnavailable(code: string | undefined): boolean {
  if (code === undefined) return false;
  return (
    UNAVAILABLE_CODES.has(code) ||
    SOCKET_CODES.has(code) ||
    code.startsWith('Neo.TransientError.') // retried by managed transactions first; still failing = unavailable
  );
}

export function toStoreError(err: unknown): Error {
  if (
    err instanceof StoreUnavailableError ||
    err instanceof InvalidQueryError ||
    err instanceof Neo4jStoreError ||
    err instanceof StoreTimeoutError
  ) {
    return err;
  }
  const code = errorCode(err);
  if (code !== undefined && TIMEOUT_CODES.has(code)) return new StoreTimeoutError();
  if (isUnavailable(code)) return new StoreUnavailableError();
  // Our own bugs (no code) keep their error for the logs; the HTTP layer never shows 5xx messages.
  if (code === undefined && err instanceof Error) return err;
  return new Neo4jStoreError(code);
}
