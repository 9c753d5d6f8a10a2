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
  // Small pool and short acquisition timeout: a dead database should fail requests fast (503), not queue them.
  const driver = neo4j.driver(uri, auth, { maxConnectionPoolSize: 50, connectionAcquisitionTimeout: 10_000, disableLosslessIntegers: false });
  return new Neo4jGraphStore(driver, database);
}
