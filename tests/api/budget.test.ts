// Paths have a time budget: past it the query is cancelled (in Neo4j, by the transaction timeout) and
// the answer is a 504 problem, not a hung request.
import { buildApp } from '../../src/app';
import { MemoryGraphStore } from '../../src/graph/memory';
import { StoreTimeoutError } from '../../src/graph/errors';
import { toStoreError } from '../../src/graph/neo4j/errors';
import { loadGraphData } from '../../src/graph/data/bundle';
import { testConfig } from '../helpers/app';

const URL = '/paths?from=hu-deping&to=shinzo-abe&maxHops=6&k=5';

test('a paths request past its budget is a 504 problem naming what to narrow', async () => {
  const app = await buildApp({ config: testConfig(), store: MemoryGraphStore.fromGraphData(loadGraphData(), { pathBudgetMs: -1 }) });
  const res = await app.inject(URL);
  await app.close();
  expect(res.statusCode).toBe(504);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ status: 504, type: 'urn:kg-api:problem:timeout', instance: '/paths' });
  expect(res.json().detail).toMatch(/fewer hops/);
});

test('within the budget the same request answers', async () => {
  const app = await buildApp({ config: testConfig(), store: MemoryGraphStore.fromGraphData(loadGraphData()) });
  const res = await app.inject(URL);
  await app.close();
  expect(res.statusCode).toBe(200);
  expect(res.json().paths.length).toBeGreaterThan(0);
});

test.each(['Neo.ClientError.Transaction.TransactionTimedOut', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'])(
  'the Neo4j store reads %s (its transaction timeout) as the time-limit error',
  (code) => {
    expect(toStoreError(Object.assign(new Error('timed out'), { code }))).toBeInstanceOf(StoreTimeoutError);
  },
);
