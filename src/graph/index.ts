/** Picks and builds the GraphStore the config asks for. */
import type { Config } from '../config';
import type { GraphStore } from './store';
import { bundleFiles, readBundleFile } from './data/bundle';
import { MemoryGraphStore } from './memory';
import { Neo4jGraphStore } from './neo4j';
import { createDriver } from './neo4j/driver';

export function createStore(config: Config): GraphStore {
  if (config.store === 'memory') {
    // The seed bundles, plus what is written over the API while the process lives.
    return MemoryGraphStore.fromBundles(bundleFiles(config.seedDir).map(readBundleFile));
  }
  return new Neo4jGraphStore(createDriver(config.neo4j!), config.neo4j!.database, {
    queryTimeoutMs: config.queryTimeoutMs,
    traversals: config.traversals,
    exportTurns: config.exportTurns,
    exportTimeoutMs: config.exports.timeoutMs,
  });
}
