/**
 * Limits shared by the route schemas, both stores and the exports: every bound of the API in one place.
 * Traversals are always bounded (an unbounded variable-length pattern is how a graph database hangs).
 */
export const LIMITS = {
  /** Neighbourhood depth, hops from the centre. */
  maxDepth: 3,
  /** Longest path, in relations. */
  maxPathHops: 6,
  /** Time budget of one paths request (ms): past it, the query is cancelled and answered 504. */
  pathBudgetMs: 5000,
  /** Paths returned at most. */
  maxPaths: 10,
  /** Page caps of the paged lists. */
  entityPage: 100,
  relationPage: 100,
  timelinePage: 100,
  searchResults: 50,
  statsTop: 100,
  /** Neighbourhood budgets (also what an export of a neighbourhood uses). */
  maxNodes: 500,
  maxEdges: 2000,
  /** Values of one repeated filter parameter. */
  filterValues: 50,
  /** Neo4j: paths and large neighbourhoods running at once (NEO4J_TRAVERSALS), and how long one waits for its turn (ms, NEO4J_TRAVERSAL_WAIT_MS). */
  traversals: 2,
  traversalWaitMs: 5000,
  /**
   * Exports: how long a download may stream in all (ms, EXPORT_TIMEOUT_MS; a 10^6 graph's NDJSON is about 1 GB),
   * and how long its client may take nothing before it is dropped (ms, EXPORT_STALL_MS).
   */
  exportTimeoutMs: 3_600_000,
  exportStallMs: 60_000,
  /** Neo4j: whole-graph exports streaming at once (NEO4J_EXPORTS; each holds a connection), and how long one waits for its turn (ms, NEO4J_EXPORT_WAIT_MS). */
  exports: 4,
  exportWaitMs: 5000,
  /**
   * A neighbourhood's default budgets; one within them (maxNodes x maxEdges) need not take turns on Neo4j: what it
   * claims of the transaction memory grows with edges x kept nodes (about 48 bytes a pair), here at most ~2.4 MB.
   */
  neighbourhoodDefaults: { maxNodes: 100, maxEdges: 500 },
  /** Nesting of a request body (a bundle nests 4 levels): deeper is refused before anything walks it recursively. */
  bodyDepth: 32,
} as const;
