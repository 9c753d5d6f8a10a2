// Proves the test setup reaches a real Neo4j 5.26 Community over Bolt and that Cypher
// writes and reads work there. Everything it writes carries a label unique to this run
// and is deleted afterwards.
import { randomBytes } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { describeNeo4j, neo4jTestUri, openTestDriver } from '../helpers/neo4j';

describeNeo4j('real Neo4j server (Bolt)', () => {
  // A label cannot be a query parameter: build it from a fixed prefix and hex only.
  const label = `KgServerTest_${randomBytes(6).toString('hex')}`;
  let driver: Driver;

  beforeAll(async () => {
    driver = openTestDriver();
    await driver.verifyConnectivity();
  });

  afterAll(async () => {
    if (!driver) return;
    try {
      await driver.executeQuery(`MATCH (n:\`${label}\`) DETACH DELETE n`);
    } finally {
      await driver.close();
    }
  });

  it('publishes a bolt URI to the workers', () => {
    expect(neo4jTestUri()).toMatch(/^(bolt|neo4j)(\+s|\+ssc)?:\/\//);
  });

  it('is Neo4j Kernel 5.26.x, community edition', async () => {
    const { records } = await driver.executeQuery(
      'CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition',
    );
    expect(records).toHaveLength(1);
    const row = records[0]!;
    expect(row.get('name')).toBe('Neo4j Kernel');
    expect(row.get('edition')).toBe('community');
    expect(row.get('versions')).toEqual([expect.stringMatching(/^5\.26\.\d+$/)]);
  });

  it('round-trips a write and a read in a throwaway label, then cleans up', async () => {
    const id = 'round-trip';
    const written = await driver.executeQuery(
      `CREATE (n:\`${label}\` {id: $id, name: $name, aliases: $aliases, rank: $rank, since: date($since)})
       RETURN elementId(n) AS elementId`,
      { id, name: 'Ōsaka — test node', aliases: ['a', 'b'], rank: neo4j.int(42), since: '2014-04-24' },
      { routing: neo4j.routing.WRITE },
    );
    expect(written.summary.counters.updates().nodesCreated).toBe(1);

    const read = await driver.executeQuery(
      `MATCH (n:\`${label}\` {id: $id}) RETURN n.name AS name, n.aliases AS aliases, n.rank AS rank, toString(n.since) AS since, elementId(n) AS elementId`,
      { id },
      { routing: neo4j.routing.READ },
    );
    expect(read.records).toHaveLength(1);
    const row = read.records[0]!;
    expect(row.get('name')).toBe('Ōsaka — test node');
    expect(row.get('aliases')).toEqual(['a', 'b']);
    expect(neo4j.isInt(row.get('rank'))).toBe(true);
    expect(row.get('rank').toNumber()).toBe(42);
    expect(row.get('since')).toBe('2014-04-24');
    expect(row.get('elementId')).toBe(written.records[0]!.get('elementId'));

    const deleted = await driver.executeQuery(`MATCH (n:\`${label}\`) DETACH DELETE n`);
    expect(deleted.summary.counters.updates().nodesDeleted).toBe(1);
    const left = await driver.executeQuery(`MATCH (n:\`${label}\`) RETURN count(n) AS n`);
    expect(left.records[0]!.get('n').toNumber()).toBe(0);
  });
});
