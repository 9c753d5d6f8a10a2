/** Store errors the HTTP layer maps to problem+json; they carry no driver internals. */

/** A store error the client may retry after `retryAfterSeconds` (HTTP 503 with Retry-After). */
abstract class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class StoreUnavailableError extends RetryLaterError {
  override readonly name = 'StoreUnavailableError';
  constructor(message = 'The graph store is unreachable.', retryAfterSeconds = 5) {
    super(message, retryAfterSeconds);
  }
}

/** A client-supplied value the store cannot use (a bad cursor, an unknown id in a filter...). */
export class InvalidQueryError extends Error {
  override readonly name = 'InvalidQueryError';
  constructor(
    message: string,
    readonly parameter: string,
  ) {
    super(message);
  }
}

/** A write whose If-Match / If-None-Match does not hold (HTTP 412); `current` is the stored version, if any. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(
    message: string,
    readonly current: string | null,
  ) {
    super(message);
  }
}

/** A document the merge refuses next to the stored ones (HTTP 409); each problem names both documents. */
export class DocumentConflictError extends Error {
  override readonly name = 'DocumentConflictError';
  constructor(
    readonly document: string,
    readonly problems: string[],
  ) {
    super(`Document "${document}" conflicts with stored documents:\n  - ${problems.join('\n  - ')}`);
  }
}

/** A store that cannot take writes (built from merged data without its bundles). */
export class ReadOnlyStoreError extends Error {
  override readonly name = 'ReadOnlyStoreError';
}

/**
 * A query that ran past its time limit and was stopped (in the database too): NEO4J_QUERY_TIMEOUT_MS
 * for every Neo4j query, LIMITS.pathBudgetMs for paths on both stores. HTTP 504.
 */
export class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError';
  constructor(message = 'The query took too long and was cancelled.') {
    super(message);
  }
}

/**
 * The client closed its connection while its traversal or export waited for its turn: the work is dropped
 * before it reaches the database (nobody would read its answer). Logged, not answered.
 */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor(message = 'The client closed the connection before its turn came.') {
    super(message);
  }
}

/**
 * The database is up but cannot take this query now: its memory for running queries is in use (by other
 * queries, or this one needs more than one query may hold), or it holds as many transactions as it may.
 * HTTP 503 with Retry-After, for this request only: unlike StoreUnavailableError it does not open the
 * circuit breaker, so a few heavy requests do not turn every other request away.
 */
export class StoreBusyError extends RetryLaterError {
  override readonly name = 'StoreBusyError';
  /** What the 503 problem tells the client: `message` when given (the store's turn gates say what is crowded). */
  readonly detail: string;
  constructor(message?: string, retryAfterSeconds = 2) {
    super(message ?? 'The graph store has no room for this query right now.', retryAfterSeconds);
    this.detail = message ?? 'The graph store has no room for this query right now; retry shortly, or narrow it (fewer hops, a smaller budget, a time window).';
  }
}
