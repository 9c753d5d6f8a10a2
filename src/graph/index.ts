/** Picks and builds the GraphStore the config asks for. */
import neo4j from 'neo4j-driver';
import type { Config } from '../config';
import type { GraphStore } from './store';
import { loadGraphData } from '../../seed/bundle';
import { MemoryGraphStore } from './memory';
import { Neo4jGraphStore } from './neo4j';

export function createStore(config: Config): GraphStore {
  if (config.store === 'memory') {
    return MemoryGraphStore.fromGraphData(loadGraphData(config.seedDir));
  }
  const { uri, username, password, database } = config.neo4j!;
  const auth = username ? neo4j.auth.basic(username, password ?? '') : undefined;
  // Short timeouts and retries: a dead database should fail requests fast (503 + Retry-After), not hold them ~30 s.
  const driver = neo4j.driver(uri, auth, {
    maxConnectionPoolSize: 50,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 5_000,
  });
  return new Neo4jGraphStore(driver, database);
}
