import neo4j from 'neo4j-driver';
import os from 'node:os';
import { generate } from '../scripts/bench-scale';
import { writeBundles } from '../src/graph/neo4j/load';
import * as D from '../src/graph/neo4j/load/document-cypher';
import { unpackBundle } from '../src/graph/neo4j/load/stored-bundle';
import { narrowToReach, planWrite, writeReach } from '../src/graph/data/documents';
import { Neo4jGraphStore } from '../src/graph/neo4j';
import type { Bundle } from '../src/schemas/bundle';

const N = Number(process.argv[2] ?? 33334);
const driver = neo4j.driver(process.env.NEO4J_URI!, undefined, { disableLosslessIntegers: true });
const g = generate(N, 1, 10);
const SPAN = { paragraph: 1, start: 0, end: 1, sha256: '0'.repeat(64) };
function newDoc(ids: string[]): Bundle {
  const byId = new Map(g.entities.map((e) => [e.id, e]));
  const ents = ids.map((id) => ({ ...byId.get(id)!, mentions: [SPAN] }));
  const set = new Set(ids);
  const rel = g.relations.find((r) => set.has(r.subject) && set.has(r.object));
  return {
    bundleVersion: 1,
    document: { id: 'probe-doc', title: 'Probe', publisher: ids[0]!, published: '2015-01', sha256: '0'.repeat(64), characters: 1, paragraphs: 1, sourceFile: 'x' },
    entities: ents as never,
    relations: rel ? [{ ...rel, id: 'probe-rel', evidence: [SPAN] } as never] : [],
  };
}
async function all(next: Bundle) {
  const s = driver.session();
  try {
    return await s.executeRead(async (tx) => {
      const recs = (await tx.run(D.STORED_DOCUMENTS)).records;
      const bundles = await Promise.all(recs.map((r) => unpackBundle(r.get('bundle'))));
      return { docs: bundles.length, plan: planWrite(bundles, 'probe-doc', next) };
    });
  } finally { await s.close(); }
}
async function reached(next: Bundle) {
  const s = driver.session();
  try {
    return await s.executeRead(async (tx) => {
      await tx.run(D.STORED_DOCUMENT, { id: 'probe-doc' });
      const reach = writeReach(null, next);
      const docs = (await tx.run(D.DOCUMENTS_REACHED, reach)).records[0]!.get('docs') as string[];
      const endKeys = new Map((await tx.run(D.FAR_END_KEYS, reach)).records.map((r) => [r.get('id'), { minStart: r.get('minStart'), maxStart: r.get('maxStart'), minEnd: r.get('minEnd'), maxEnd: r.get('maxEnd') }]));
      const ids = [...new Set(docs)];
      const recs = ids.length ? (await tx.run(D.STORED_DOCUMENTS_IN, { ids })).records : [];
      const bundles = await Promise.all(recs.map((r) => unpackBundle(r.get('bundle'))));
      return { docs: bundles.length, plan: planWrite(bundles.map((b) => narrowToReach(b, reach)), 'probe-doc', next, endKeys as never) };
    });
  } finally { await s.close(); }
}
async function main() {
  const t0 = performance.now();
  if (!process.env.SKIP_LOAD) await writeBundles(driver, g.bundles, { reset: true });
  console.log(`loaded ${g.relations.length} relations in 10 documents: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const hub = g.byDegree[0]!.id;
  const cases: Array<[string, Bundle]> = [
    ['3 ordinary entities', newDoc(g.ordinary.slice(100, 103))],
    ['3 entities of degree 1-2', newDoc(g.ordinary.slice(20000, 20003))],
    ['3 ordinary entities + the top hub', newDoc([...g.ordinary.slice(100, 103), hub])],
  ];
  for (const [name, doc] of cases) {
    const a = await all(doc);
    const b = await reached(doc);
    const same = JSON.stringify([a.plan.entities, a.plan.relations, a.plan.entityUpserts, a.plan.relationUpserts]) === JSON.stringify([b.plan.entities, b.plan.relations, b.plan.entityUpserts, b.plan.relationUpserts]);
    const ta: number[] = [], tb: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t = performance.now(); await all(doc); ta.push(performance.now() - t);
      t = performance.now(); await reached(doc); tb.push(performance.now() - t);
    }
    const med = (x: number[]) => x.sort((p, q) => p - q)[2]!;
    console.log(`${name}: every bundle (${a.docs} docs) ${med(ta).toFixed(0)} ms, reached (${b.docs} docs) ${med(tb).toFixed(0)} ms, ratio ${(med(tb) / med(ta)).toFixed(3)}; same counts: ${same} ${JSON.stringify(b.plan.entities)} ${JSON.stringify(b.plan.relations)}; load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  }
  const store = new Neo4jGraphStore(driver);
  for (const [name, doc] of cases) {
    let t = performance.now();
    await store.putDocument({ bundle: doc, author: 'probe', spansVerified: false });
    const put = performance.now() - t;
    t = performance.now();
    await store.deleteDocument('probe-doc', {});
    console.log(`${name}: putDocument ${put.toFixed(0)} ms, deleteDocument ${(performance.now() - t).toFixed(0)} ms (store, new code)`);
  }
  await store.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
