// The GraphStore contract against a real Neo4j: reset the database, load the fixture bundles with the
// seed loader, and run the same suite as the memory store. Skips (with a note) only when the test setup
// has no Neo4j and REQUIRE_NEO4J is not set (tests/setup/globalSetup.ts decides).
import type { Driver } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { writeBundles } from '../../src/graph/neo4j/load';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';
import { graphStoreContract } from './graph-store.contract';
import { writeContract } from './parts/writes';

describeNeo4j('Neo4j store', () => {
  graphStoreContract('neo4j', async () => {
    const driver: Driver = openTestDriver();
    try {
      await writeBundles(driver, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
    } catch (err) {
      await driver.close();
      throw err;
    }
    const store = new Neo4jGraphStore(driver);
    return { store, teardown: () => store.close() };
  });
});

describeNeo4j('Neo4j store writes', () => {
  let store: Neo4jGraphStore | undefined;
  beforeAll(async () => {
    const driver = openTestDriver();
    store = new Neo4jGraphStore(driver);
    await writeBundles(driver, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
  });
  afterAll(async () => store?.close());
  writeContract(() => store!);
});
