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

/** The database cancelled a query that ran past its time limit (NEO4J_QUERY_TIMEOUT_MS). */
export class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError';
  constructor(message = 'The query took too long and was cancelled.') {
    super(message);
  }
}
