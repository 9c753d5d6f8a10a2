// Against an auth-enabled Neo4j (scripts/test.sh runs the loader and contract suites once that way):
// credentials are really required, and the API's driver uses the configured ones.
import neo4j from 'neo4j-driver';
import { loadConfig } from '../../src/config';
import { createDriver } from '../../src/graph/neo4j/driver';
import { describeNeo4j, neo4jTestUri } from '../helpers/neo4j';

const withAuth = Boolean(process.env.NEO4J_PASSWORD);

describeNeo4j('Neo4j with authentication', () => {
  (withAuth ? test : test.skip)('anonymous and wrong credentials are refused; NEO4J_USERNAME/NEO4J_PASSWORD work', async () => {
    const uri = neo4jTestUri()!;
    for (const auth of [undefined, neo4j.auth.basic(process.env.NEO4J_USERNAME ?? 'neo4j', 'not-the-password')]) {
      const driver = neo4j.driver(uri, auth, { maxTransactionRetryTime: 0 });
      await expect(driver.executeQuery('RETURN 1')).rejects.toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
      await driver.close();
    }
    const config = loadConfig({ NEO4J_URI: uri, NEO4J_USERNAME: process.env.NEO4J_USERNAME ?? 'neo4j', NEO4J_PASSWORD: process.env.NEO4J_PASSWORD! });
    const driver = createDriver(config.neo4j!);
    const { records } = await driver.executeQuery('RETURN 1 AS one');
    expect(records[0]!.get('one').toNumber()).toBe(1);
    await driver.close();
  });
});
