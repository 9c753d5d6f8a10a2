/** The one place a Neo4j driver is built from the validated config (the server and the seed CLI both use it). */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../../config';

export type Neo4jSettings = NonNullable<Config['neo4j']>;

export function createDriver(settings: Neo4jSettings): Driver {
  const { uri, username, password } = settings;
  const auth = username ? neo4j.auth.basic(username, password ?? '') : undefined;
  // Short timeouts and retries bound the worst case; the store's circuit breaker (./breaker.ts) answers an
  // outage in well under a second. The transaction timeout is set per query (NEO4J_QUERY_TIMEOUT_MS).
  return neo4j.driver(uri, auth, {
    maxConnectionPoolSize: 50,
    connectionTimeout: 2_000,
    connectionAcquisitionTimeout: 3_000,
    maxTransactionRetryTime: 2_000,
  });
}
