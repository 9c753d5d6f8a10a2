/**
 * Driver errors -> store errors, decided by error code only (never by message text), and
 * without passing driver messages on.
 */
import { InvalidQueryError, StoreBusyError, StoreTimeoutError, StoreUnavailableError } from '../errors';

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

/** db.memory.transaction.max reached: this query alone needs more than one query may hold. */
const OVER_QUERY_MEMORY_LIMIT = 'Neo.TransientError.General.TransactionMemoryLimit';

/**
 * The database is up but has no room for this query now (a resource limit, not an outage): it fails alone,
 * 503 with Retry-After, and does not open the breaker. Before, these counted as transient = unreachable: 20
 * concurrent depth-3 neighbourhoods of a hub at 10^5 ran the transaction memory pool out
 * (MemoryPoolOutOfMemoryError) and every other request was answered 503 until the ping closed the breaker.
 */
const BUSY_CODES = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError', // dbms.memory.transaction.total.max reached (all queries)
  OVER_QUERY_MEMORY_LIMIT,
  'Neo.ClientError.General.TransactionOutOfMemoryError', // the same limit, as Neo4j 4 and early 5 name it
  'Neo.TransientError.Transaction.MaximumTransactionLimitReached', // db.transaction.concurrent.maximum
  'Neo.TransientError.Transaction.DeadlockDetected', // writes: still deadlocked after the driver's retries
  'Neo.TransientError.Transaction.LockAcquisitionTimeout',
]);

/**
 * Whether a statement that failed with `code` may pass if run again at once: a transient error, but not a query
 * over the per-query memory limit (db.memory.transaction.max), which needs the same memory the second time.
 */
export function worthRetrying(code: string | undefined): boolean {
  return code !== undefined && code.startsWith('Neo.TransientError.') && code !== OVER_QUERY_MEMORY_LIMIT;
}

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
  if (code === undefined || BUSY_CODES.has(code)) return false;
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
    err instanceof StoreTimeoutError ||
    err instanceof StoreBusyError
  ) {
    return err;
  }
  const code = errorCode(err);
  if (code !== undefined && TIMEOUT_CODES.has(code)) return new StoreTimeoutError();
  if (code !== undefined && BUSY_CODES.has(code)) return new StoreBusyError();
  if (isUnavailable(code)) return new StoreUnavailableError();
  // Our own bugs (no code) keep their error for the logs; the HTTP layer never shows 5xx messages.
  if (code === undefined && err instanceof Error) return err;
  return new Neo4jStoreError(code);
}
