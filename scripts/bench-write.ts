// `npm run bench:write [-- --entities 33334 --documents 10 --rounds 5 --keep]`: what planning a document write
// costs on Neo4j, over every stored bundle (how writes planned until 2026-12-04) against the documents the write
// reaches, cut to its reach (src/graph/data/documents.ts writeReach; load/document.ts), interleaved in one run
// on bench:scale's synthetic graph split into D documents. Then the store's whole putDocument and deleteDocument
// of each new document. Prints p50 per case, the ratio, whether both plans are the same, and the load.
// WIPES the database at NEO4J_URI (a reload with reset) unless --keep finds the same graph already there.
// Both plans read in read transactions; only the last step writes. Asserts nothing.
import { parseArgs } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { loadConfig } from '../src/config';
import { planWrite, writeReach, type WritePlan } from '../src/graph/data/documents';
import { Neo4jGraphStore } from '../src/graph/neo4j';
import { createDriver } from '../src/graph/neo4j/driver';
import { graphCounts, writeBundles } from '../src/graph/neo4j/load';
import { storedBundlesReached } from '../src/graph/neo4j/load/document';
import * as D from '../src/graph/neo4j/load/document-cypher';
import { unpackBundle } from '../src/graph/neo4j/load/stored-bundle';
import type { Bundle } from '../src/schemas/bundle';
import { generate } from './bench-scale';
import { loadAverage, p50 } from './bench-util';

const DOC = 'bench-write-document';
const SPAN = { paragraph: 1, start: 0, end: 1, sha256: '0'.repeat(64) };

/** A small new document naming `ids` (and restating a relation among them when there is one). */
function newDocument(g: ReturnType<typeof generate>, ids: string[]): Bundle {
  const byId = new Map(g.entities.map((e) => [e.id, e]));
  const among = new Set(ids);
  const relation = g.relations.find((r) => among.has(r.subject) && among.has(r.object));
  return {
    bundleVersion: 1,
    document: { id: DOC, title: 'bench:write', publisher: ids[0]!, published: '2015-01', sha256: SPAN.sha256, characters: 1, paragraphs: 1, sourceFile: 'bench-write.txt' },
    entities: ids.map((id) => ({ ...byId.get(id)!, mentions: [SPAN] })),
    relations: relation ? [{ ...relation, id: `${DOC}-relation`, evidence: [SPAN] }] : [],
  };
}

type Planned = { documents: number; plan: WritePlan };

async function inRead(driver: Driver, database: string | undefined, work: Parameters<ReturnType<Driver['session']>['executeRead']>[0]) {
  const session = driver.session({ database });
  try {
    return (await session.executeRead(work)) as Planned;
  } finally {
    await session.close();
  }
}

/** How writes planned before: every stored bundle unpacked and merged. */
const overEvery = (driver: Driver, database: string | undefined, next: Bundle) =>
  inRead(driver, database, async (tx) => {
    const bundles = await Promise.all((await tx.run(D.STORED_DOCUMENTS)).records.map((r) => unpackBundle(r.get('bundle') as string)));
    return { documents: bundles.length, plan: planWrite(bundles, DOC, next) };
  });

/** The store's way (load/document.ts storedBundlesReached): the documents reached, cut to the reach, far ends as keys. */
const overReached = (driver: Driver, database: string | undefined, next: Bundle) =>
  inRead(driver, database, async (tx) => {
    const { bundles, endKeys } = await storedBundlesReached(tx, DOC, writeReach(null, next));
    return { documents: bundles.length, plan: planWrite(bundles, DOC, next, endKeys) };
  });

const samePlan = (a: WritePlan, b: WritePlan) =>
  JSON.stringify([a.entities, a.relations, a.entityUpserts, a.relationUpserts, a.entityDeletes, a.relationDeletes]) ===
  JSON.stringify([b.entities, b.relations, b.entityUpserts, b.relationUpserts, b.entityDeletes, b.relationDeletes]);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '33334' },
      documents: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '5' },
      keep: { type: 'boolean', default: false },
    },
  });
  const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
  const settings = loadConfig({ ...process.env, GRAPH_STORE: 'neo4j', NEO4J_URI: uri }).neo4j!;
  const driver = createDriver(settings);
  const database = settings.database;
  const g = generate(Number(values.entities), 1, Number(values.documents));
  try {
    console.log(`bench:write ${new Date().toISOString()} at ${uri}: ${g.relations.length} relations in ${g.bundles.length} documents, load ${loadAverage()}`);
    const there = (await driver.executeQuery('MATCH (d:Document) RETURN collect(d.id) AS ids', {}, { database })).records[0]!.get('ids') as string[];
    const same = there.length === g.bundles.length && g.bundles.every((b) => there.includes(b.document.id));
    if (!(values.keep && same)) {
      const t0 = performance.now();
      await writeBundles(driver, g.bundles, { reset: true, database });
      console.log(`loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(await graphCounts(driver, database))}`);
    }
    const hub = g.byDegree[0]!.id;
    const cases: Array<[string, Bundle]> = [
      ['3 entities of degree 1-2', newDocument(g, g.ordinary.slice(-3))],
      ['3 entities of higher degree', newDocument(g, g.ordinary.slice(100, 103))],
      ['3 entities and the top hub', newDocument(g, [...g.ordinary.slice(100, 103), hub])],
    ];
    for (const [label, next] of cases) {
      const every: number[] = [];
      const reached: number[] = [];
      let a: Planned | undefined;
      let b: Planned | undefined;
      for (let i = 0; i < Number(values.rounds); i++) {
        let t = performance.now();
        a = await overEvery(driver, database, next);
        every.push(performance.now() - t);
        t = performance.now();
        b = await overReached(driver, database, next);
        reached.push(performance.now() - t);
      }
      console.log(
        `${label}: every bundle (${a!.documents} documents) ${p50(every).toFixed(0)} ms, reached (${b!.documents}) ${p50(reached).toFixed(0)} ms, ` +
          `ratio ${(p50(reached) / p50(every)).toFixed(3)}, same plan: ${samePlan(a!.plan, b!.plan)}, load ${loadAverage()}`,
      );
    }
    const store = new Neo4jGraphStore(driver, database);
    for (const [label, next] of cases) {
      let t = performance.now();
      await store.putDocument({ bundle: next, author: 'bench', spansVerified: false });
      const put = performance.now() - t;
      t = performance.now();
      await store.deleteDocument(DOC, {});
      console.log(`${label}: putDocument ${put.toFixed(0)} ms, deleteDocument ${(performance.now() - t).toFixed(0)} ms (the store)`);
    }
    await store.close();
  } finally {
    await driver.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
