// The exact half of search on Neo4j: a lookup in the keyword index entity_exact (not a scan of every
// entity), which must find names holding Lucene's query syntax exactly as the memory store does.
import neo4j, { type Driver, type ResultSummary } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { MemoryGraphStore } from '../../src/graph/memory';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import { mapEntitySummary } from '../../src/graph/neo4j/mapper';
import { SEARCH } from '../../src/graph/neo4j/queries';
import { exactTermQuery } from '../../src/graph/neo4j/search';
import type { Bundle } from '../../src/schemas/bundle';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { fixtureC } from '../fixtures/ingest';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';

type Plan = Exclude<ResultSummary['plan'], false>;
const operators = (plan: Plan): string[] => [plan.operatorType.split('@')[0]!, ...plan.children.flatMap(operators)];

/** Aliases that are Lucene syntax, or contain it, and one that differs from another only by it. */
const TRICKY = ['Varga "the aide"', 'back\\slash: varga', 'v*rga?', 'varga (aide) OR roth', 'roth AND', '+-&&||!(){}[]^~:/'];

function fixtureWithTrickyAliases(): Bundle {
  const bundle = structuredClone(fixtureC()) as Bundle;
  const varga = bundle.entities.find((e) => e.id === 'lena-varga')!;
  varga.aliases = [...varga.aliases, ...TRICKY];
  return bundle;
}

describeNeo4j('Neo4j search: exact names through the keyword index', () => {
  let driver: Driver;
  let neo: Neo4jGraphStore;
  let memory: MemoryGraphStore;

  beforeAll(async () => {
    driver = openTestDriver();
    const bundles = [...bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), fixtureWithTrickyAliases()];
    await writeBundles(driver, bundles, { reset: true });
    neo = new Neo4jGraphStore(driver);
    memory = MemoryGraphStore.fromBundles(bundles);
  });

  afterAll(async () => neo?.close());

  it('plans the exact half as an index lookup, never a scan of every entity', async () => {
    const { summary } = await driver.executeQuery(`EXPLAIN ${SEARCH}`, {
      exact: exactTermQuery('varga'),
      lucene: '',
      kinds: null,
      document: '',
      limit: neo4j.int(10),
      candidates: neo4j.int(50),
    });
    const ops = operators(summary.plan as Plan);
    expect(ops).toContain('ProcedureCall');
    expect(ops.filter((op) => /Scan/.test(op))).toEqual([]);
  });

  it('finds every alias exactly, query syntax and all, ranked first as on the memory store', async () => {
    for (const alias of TRICKY) {
      for (const q of [alias, ` ${alias.toUpperCase()}  `]) {
        const [a, b] = await Promise.all([neo.search({ q, limit: 3 }), memory.search({ q, limit: 3 })]);
        expect(a[0]?.entity.id).toBe('lena-varga');
        expect(b[0]?.entity.id).toBe('lena-varga');
      }
    }
  });

  it('does not take a part of a name, or a name with a character less, for the name', async () => {
    const exactIds = async (q: string) => {
      const [rec] = (await driver.executeQuery(SEARCH, { exact: exactTermQuery(q), lucene: '', kinds: null, document: '', limit: neo4j.int(10), candidates: neo4j.int(50) }))
        .records;
      return (rec!.get('exact') as unknown[]).map((e) => mapEntitySummary(e).id);
    };
    expect(await exactIds('varga "the aide"')).toEqual(['lena-varga']);
    expect(await exactIds('varga "the aide')).toEqual([]);
    expect(await exactIds('the aide')).toEqual([]);
    expect(await exactIds('back\\slash: varga')).toEqual(['lena-varga']);
    expect(await exactIds('backslash: varga')).toEqual([]);
    expect(await exactIds('v*rga?')).toEqual(['lena-varga']);
    expect(await exactIds('vorga?')).toEqual([]);
  });

  it('finds only live entities while a reload has staged (or retired) copies with the same names', async () => {
    await driver.executeQuery(
      `CREATE (:StagedEntity:Person {id: 'lena-varga-next', kind: 'person', name: 'Lena Varga', exactKeys: ['lena varga', 'varga']}),
              (:Retired:Person {id: 'lena-varga-old', kind: 'person', name: 'Lena Varga', exactKeys: ['lena varga', 'varga']})`,
    );
    try {
      const hits = await neo.search({ q: 'Lena Varga', limit: 10 });
      expect(hits.filter((h) => h.entity.id === 'lena-varga')).toHaveLength(1);
      expect(hits.map((h) => h.entity.id)).toEqual((await memory.search({ q: 'Lena Varga', limit: 10 })).map((h) => h.entity.id));
    } finally {
      await driver.executeQuery('MATCH (n) WHERE n:StagedEntity OR n:Retired DETACH DELETE n');
    }
  });
});
