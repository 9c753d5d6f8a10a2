// After the offline importer, finishImport writes each document's stored bundle (106 MB of JSON per document at
// 10^6 relations), one transaction each. Such a write once outlasted the server's default transaction timeout
// (120 s) and ended the import, so it carries its own bound. Here on a Neo4j of the test's own whose default
// timeout is one second: a 60 MB write without a bound of its own is ended (checked below), finishImport's is not.
import neo4j, { type Driver } from 'neo4j-driver';
import { finishImport } from '../../src/graph/neo4j/load/bulk-import';
import { describeNeo4j } from '../helpers/neo4j';
import { ownNeo4j, type OwnNeo4j } from '../helpers/own-neo4j';

const BUNDLE = '{"document":{}}'.padEnd(60e6, ' ');

describeNeo4j('finishImport on a server with a short transaction timeout', () => {
  let own: OwnNeo4j | undefined;
  let driver: Driver;

  beforeAll(async () => {
    own = await ownNeo4j({ NEO4J_TX_TIMEOUT: '1s', NEO4J_HEAP: '1g' });
    await own.script('start');
    driver = neo4j.driver(own.uri, undefined, { disableLosslessIntegers: true });
    await driver.executeQuery("CREATE (:Document {id: 'd1'}), (:Document {id: 'd2'})");
  }, 180_000);
  afterAll(async () => {
    await driver?.close();
    await own?.stop();
  }, 60_000);

  it('ends a bundle write that sets no timeout of its own (the limit this test relies on)', async () => {
    const session = driver.session();
    try {
      // a transaction function: beginning it starts the server's clock, then the 60 MB text is sent
      const write = session.executeWrite((tx) => tx.run("MATCH (d:Document {id: 'd1'}) SET d.bundle = $bundle", { bundle: BUNDLE }));
      await expect(write).rejects.toThrow(/timeout|terminated/i);
    } finally {
      await session.close();
    }
    const { records } = await driver.executeQuery("MATCH (d:Document {id: 'd1'}) RETURN d.bundle IS NULL AS none");
    expect(records[0]!.get('none')).toBe(true);
  }, 120_000);

  it('writes the stored bundles and builds the schema past the server default', async () => {
    await finishImport(driver, {
      documents: [
        { id: 'd1', stored: async () => ({ bundle: BUNDLE, version: 'v1' }) },
        { id: 'd2', stored: async () => ({ bundle: '{}', version: 'v2' }) },
      ],
    });
    // the check reads the 60 MB text too: its own timeout, not this server's 1 s default (a loaded CI machine passed it)
    const { records } = await driver.executeQuery(
      'MATCH (d:Document) RETURN d.id AS id, size(d.bundle) AS size, d.version AS version ORDER BY id',
      {},
      { transactionConfig: { timeout: 60_000 } },
    );
    expect(records.map((r) => r.toObject())).toEqual([
      { id: 'd1', size: BUNDLE.length, version: 'v1' },
      { id: 'd2', size: 2, version: 'v2' },
    ]);
  }, 180_000);
});
