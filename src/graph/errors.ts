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

/** A query that ran past its time budget (paths: LIMITS.pathBudgetMs) and was stopped, in the database too. */
export class QueryBudgetError extends Error {
  override readonly name = 'QueryBudgetError';
  constructor(message = 'The query ran past its time budget and was stopped.') {
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
