/** Store errors the HTTP layer maps to problem+json; they carry no driver internals. */

export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    message = 'The graph store is unreachable.',
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
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
