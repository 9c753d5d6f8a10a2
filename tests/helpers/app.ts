// Build the real app (same options as production) over each store, loaded with the article bundles.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { MemoryGraphStore } from '../../src/graph/memory';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { writeBundles } from '../../src/graph/neo4j/load';
import { openTestDriver } from './neo4j';

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', ...env });
}

export async function memoryApp(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const store = MemoryGraphStore.fromBundles(bundleFiles().map(readBundleFile));
  const app = await buildApp({ config: testConfig(env), store });
  await app.ready();
  return app;
}

/** Resets the test Neo4j, loads the article bundles, and serves them; closing the app closes the driver. */
export async function neo4jApp(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const driver = openTestDriver();
  await writeBundles(driver, bundleFiles().map(readBundleFile), { reset: true });
  const app = await buildApp({ config: testConfig(env), store: new Neo4jGraphStore(driver) });
  await app.ready();
  return app;
}

/** [label, factory] pairs for describe.each: the memory store always, Neo4j when the test setup has one. */
export function appFactories(): Array<[string, () => Promise<FastifyInstance>]> {
  const factories: Array<[string, () => Promise<FastifyInstance>]> = [['memory', () => memoryApp()]];
  if (process.env.NEO4J_TEST_AVAILABLE === '1') factories.push(['neo4j', () => neo4jApp()]);
  else console.warn(`[neo4j] API tests run on the memory store only: ${process.env.NEO4J_TEST_SKIP_REASON ?? 'no Neo4j'}`);
  return factories;
}
