/** The one place a Neo4j driver is built from the validated config (the server and the seed CLI both use it). */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../../config';

export type Neo4jSettings = NonNullable<Config['neo4j']>;

export function createDriver(settings: Neo4jSettings): Driver {
  const { uri, username, password } = settings;
  const auth = username ? neo4j.auth.basic(username, password ?? '') : undefined;
  // Short timeouts and retries: a dead database should fail requests fast (503 + Retry-After), not hold them ~30 s.
  return neo4j.driver(uri, auth, {
    maxConnectionPoolSize: 50,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 5_000,
  });
}
