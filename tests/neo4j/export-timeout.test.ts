// An export's statements last as long as its client reads (the driver pulls the next records only when the
// writer wants them), so they carry the export's own time limit (EXPORT_TIMEOUT_MS), not the server's default
// for clients that set none (120 s in scripts/neo4j.sh), which cut long downloads short. Here on a Neo4j of the
// test's own whose default is one second, with a consumer that pauses longer than that mid-stream.
import neo4j, { type Driver } from 'neo4j-driver';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import { generate } from '../../scripts/bench-scale';
import { describeNeo4j } from '../helpers/neo4j';
import { ownNeo4j, type OwnNeo4j } from '../helpers/own-neo4j';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeNeo4j('export streams on a server with a short transaction timeout', () => {
  let own: OwnNeo4j | undefined;
  let driver: Driver;
  let relations = 0;

  beforeAll(async () => {
    // Loaded under the usual default (a loaded machine's write transactions may take over a second), then restarted with 1 s.
    own = await ownNeo4j({ NEO4J_TX_TIMEOUT: '120s', NEO4J_HEAP: '512m' });
    await own.script('start');
    const loader = neo4j.driver(own.uri);
    // More relations than one pull of the stream (5,000 records), so the statement stays open while the consumer pauses.
    const { bundles } = generate(4_000, 3, 1);
    relations = bundles[0]!.relations.length;
    try {
      await writeBundles(loader, bundles, { reset: true });
    } finally {
      await loader.close();
    }
    own.env.NEO4J_TX_TIMEOUT = '1s';
    await own.script('restart');
    driver = neo4j.driver(own.uri);
  }, 300_000);
  afterAll(async () => {
    await driver?.close();
    await own?.stop();
  }, 60_000);

  it('ends a statement that sets no timeout of its own while its consumer pauses (the limit this test relies on)', async () => {
    const session = driver.session({ fetchSize: 5_000 });
    const read = async () => {
      let n = 0;
      for await (const _ of session.run('MATCH ()-[r]->() RETURN r.id AS id')) if (n++ === 0) await sleep(2_500);
      return n;
    };
    try {
      await expect(read()).rejects.toThrow(/timeout|terminated/i);
    } finally {
      await session.close();
    }
  }, 60_000);

  it('streams every relation to a consumer that pauses past the server default', async () => {
    const store = new Neo4jGraphStore(driver, undefined, { exportTimeoutMs: 60_000 });
    expect(relations).toBeGreaterThan(10_000);
    const ids = new Set<string>();
    for await (const r of store.streamRelations({})) {
      if (ids.size === 0) await sleep(2_500);
      ids.add(r.id);
    }
    expect(ids.size).toBe(relations);
  }, 120_000);
});
