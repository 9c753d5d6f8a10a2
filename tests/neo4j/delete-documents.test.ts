// Deleting documents whose stored bundle is large (106 MB of JSON per document at 10^6 relations): a
// transaction keeps what it deletes until it commits, so a batch of such documents can pass the transaction
// memory limit, and a reload whose clean-up fails leaves leftovers that fail every later reload. Each
// document goes alone in its transaction (load/cypher.ts DELETE_BUNDLE_HOLDERS). Here on a Neo4j of the
// test's own whose transactions may hold 40 MB: five 8 MB bundles in one transaction do not fit (checked
// below), one at a time they do.
import neo4j, { type Driver } from 'neo4j-driver';
import { DEFAULT_BUNDLE_DIR, bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { graphCounts, resetGraph, writeBundles } from '../../src/graph/neo4j/load';
import { RETIRED } from '../../src/graph/neo4j/load/cypher';
import { cleanUpReload } from '../../src/graph/neo4j/load/staged';
import { describeNeo4j } from '../helpers/neo4j';
import { ownNeo4j, type OwnNeo4j } from '../helpers/own-neo4j';

const BUNDLE_MB = 8;
const DOCUMENTS = 5;

describeNeo4j('deleting documents with large stored bundles', () => {
  let own: OwnNeo4j | undefined;
  let driver: Driver;
  const article = bundleFiles(DEFAULT_BUNDLE_DIR).map(readBundleFile);

  /** DOCUMENTS nodes with `labels`, each with a stored bundle of BUNDLE_MB, each in its own transaction; and a few entities. */
  const plant = async (labels: string) => {
    for (let i = 0; i < DOCUMENTS; i++) {
      await driver.executeQuery(`CREATE (:${labels} {id: $id, bundle: $bundle, version: 'v'})`, { id: `big-${i}`, bundle: `${i}`.padEnd(BUNDLE_MB * 1e6, '{}') });
    }
  };
  const count = async (label: string) => (await driver.executeQuery(`RETURN COUNT { (:${label}) } AS n`)).records[0]!.get('n') as number;

  beforeAll(async () => {
    own = await ownNeo4j({ NEO4J_TX_MEMORY: '40m' });
    await own.script('start');
    driver = neo4j.driver(own.uri, undefined, { disableLosslessIntegers: true });
  }, 180_000);
  afterAll(async () => {
    await driver?.close();
    await own?.stop();
  }, 60_000);

  it('cannot delete the five documents in one transaction (the limit this test relies on)', async () => {
    await plant(RETIRED);
    // an auto-commit query: executeQuery would retry the transient memory error for 30 s
    const session = driver.session();
    try {
      await expect(session.run(`MATCH (n:${RETIRED}) DETACH DELETE n`)).rejects.toThrow(/db\.memory\.transaction\.max|memory pool limit/);
    } finally {
      await session.close();
    }
    expect(await count(RETIRED)).toBe(DOCUMENTS);
  });

  it("cleans up an interrupted reload's retired documents", async () => {
    expect(await count(RETIRED)).toBe(DOCUMENTS);
    expect(await cleanUpReload(driver)).toBe(DOCUMENTS);
    expect(await count(RETIRED)).toBe(0);
  });

  it('reloads with reset over a graph whose documents hold large bundles', async () => {
    await plant('Document');
    const summary = await writeBundles(driver, article, { reset: true });
    expect(summary.resetDeleted).toBeGreaterThanOrEqual(DOCUMENTS);
    expect(await count(RETIRED)).toBe(0);
    const { records } = await driver.executeQuery('MATCH (d:Document) RETURN collect(d.id) AS ids');
    expect(records[0]!.get('ids')).toEqual(article.map((b) => b.document.id));
  }, 120_000);

  it('empties the database (resetGraph) whose documents hold large bundles', async () => {
    await plant('Document');
    expect(await resetGraph(driver)).toBeGreaterThan(DOCUMENTS);
    expect(await graphCounts(driver)).toEqual({ nodes: 0, relationships: 0 });
    expect(await count('Document')).toBe(0);
  }, 120_000);

  it('keeps its transaction memory limit and page cache across a restart that does not name them (as an import does)', async () => {
    const settings = async () =>
      Object.fromEntries(
        (
          await driver.executeQuery(
            "SHOW SETTINGS YIELD name, value WHERE name IN ['db.memory.transaction.max', 'server.memory.pagecache.size'] RETURN name, value",
          )
        ).records.map((r) => [r.get('name'), r.get('value')]),
      );
    const before = await settings();
    expect(before['db.memory.transaction.max']).toBe('40.00MiB');
    delete own!.env.NEO4J_TX_MEMORY;
    await own!.script('restart');
    expect(await settings()).toEqual(before);
  }, 120_000);
});
