// An API started on a database seeded by an earlier version: an index a read now uses may be missing
// (entity_exact, the exact-name half of search, came after the first releases). The store creates what
// is missing in the background once it watches the database (the store plugin's onReady), as the first
// write would; until then such a read fails like any other database error.
import type { Driver } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { ensureSchema, writeBundles } from '../../src/graph/neo4j/load';
import { EXACT_INDEX, SCHEMA_STATEMENTS, schemaName } from '../../src/graph/neo4j/load/cypher';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';

describeNeo4j('Neo4j store on a database without a newer index', () => {
  let admin: Driver;
  let store: Neo4jGraphStore | undefined;
  const indexState = async () =>
    (await admin.executeQuery('SHOW INDEXES YIELD name, state WHERE name = $name RETURN state', { name: EXACT_INDEX })).records[0]?.get('state') as
      | string
      | undefined;

  beforeAll(async () => {
    admin = openTestDriver();
    await writeBundles(admin, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
  });
  afterAll(async () => {
    await store?.close();
    await admin.close();
  });

  it('creates the missing index once it watches the database, and search answers', async () => {
    await admin.executeQuery(`DROP INDEX ${EXACT_INDEX}`);
    expect(await indexState()).toBeUndefined();
    store = new Neo4jGraphStore(openTestDriver());
    await expect(store.search({ q: 'Anika Roth', limit: 5 })).rejects.toThrow();

    store.watch();
    for (let i = 0; i < 300 && (await indexState()) !== 'ONLINE'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await indexState()).toBe('ONLINE');
    const hits = await store.search({ q: 'Anika Roth', limit: 5 });
    expect(hits[0]?.entity.id).toBe('anika-roth');
  });

  it('a schema step racing another creator of the same index (an API reconnecting after an import) does not fail', async () => {
    // IF NOT EXISTS holds against committed schema only: a creator whose transaction commits first makes the
    // other's CREATE fail with EquivalentSchemaRuleAlreadyExists, which `npm run seed -- --import` used to report
    await admin.executeQuery(`DROP INDEX ${EXACT_INDEX} IF EXISTS`);
    const statement = SCHEMA_STATEMENTS.find((st) => schemaName(st) === EXACT_INDEX)!;
    const other = admin.session();
    const tx = await other.beginTransaction();
    try {
      await tx.run(statement);
      const racing = ensureSchema(admin).then(
        () => 'done',
        (err: { code?: string }) => `failed: ${err.code}`,
      );
      await new Promise((r) => setTimeout(r, 1000)); // it reads the names (not committed: absent), then waits on the schema lock
      await tx.commit();
      expect(await racing).toBe('done');
    } finally {
      if (tx.isOpen()) await tx.rollback();
      await other.close();
    }
    for (let i = 0; i < 300 && (await indexState()) !== 'ONLINE'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await indexState()).toBe('ONLINE');
  });
});

