// A document write plans over the stored documents its reach touches (graph/data/documents.ts writeReach),
// with the far ends of its timeless relations as keys, not over all documents: the Neo4j store reads only
// those (load/document-cypher.ts DOCUMENTS_REACHED, FAR_END_KEYS). Here, on random overlapping documents,
// that plan must be the plan over every document: the same upserts (record for record), deletes and
// counts, or the same conflict.
import { toGraphData } from '../../src/graph/data/bundle';
import { canonicalJson, narrowToReach, planWrite, writeReach, type WritePlan } from '../../src/graph/data/documents';
import { DocumentConflictError } from '../../src/graph/errors';
import type { TimeKeys } from '../../src/graph/rules';
import type { Bundle } from '../../src/schemas/bundle';
import { randomWorld } from '../fixtures/random-documents';
import { documentsReached, farEndKeys } from '../helpers/documents-reached';

type Outcome = { conflict: string[] } | { plan: Omit<WritePlan, 'after'> };

function outcome(stored: Bundle[], id: string, next: Bundle | null, endKeys?: Map<string, TimeKeys>): Outcome {
  try {
    const { after: _after, ...plan } = planWrite(stored, id, next, endKeys);
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1)).map(canonicalJson);
    return {
      plan: {
        ...plan,
        entityUpserts: byId(plan.entityUpserts) as never,
        relationUpserts: byId(plan.relationUpserts) as never,
        entityDeletes: [...plan.entityDeletes].sort(),
        relationDeletes: [...plan.relationDeletes].sort(),
      },
    };
  } catch (err) {
    if (err instanceof DocumentConflictError) return { conflict: err.problems };
    throw err;
  }
}

describe('a document write plans over the documents it reaches', () => {
  const seen = { writes: 0, conflicts: 0, fewer: 0, farUnread: 0 };

  it('gives the plan of every document, on 300 random worlds of 6 documents, 8 writes each', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const world = randomWorld(seed);
      let stored = world.stored;
      for (let w = 0; w < 8; w++) {
        const { id, next } = world.write();
        const current = stored.find((b) => b.document.id === id) ?? null;
        if (!current && !next) continue;
        const reach = writeReach(current, next);
        const graph = toGraphData(stored);
        const docs = documentsReached(graph, reach);
        const endKeys = farEndKeys(graph, reach);
        const subset = stored.filter((b) => b.document.id === id || docs.has(b.document.id));
        const narrowed = subset.map((b) => (b.document.id === id ? b : narrowToReach(b, reach)));
        const all = outcome(stored, id, next);
        expect({ seed, w, ...outcome(narrowed, id, next, endKeys) }).toEqual({ seed, w, ...all });

        seen.writes++;
        if ('conflict' in all) seen.conflicts++;
        if (subset.length < stored.length) seen.fewer++;
        // a far end whose documents are not all read: its keys come from endKeys alone
        const read = new Set(subset.map((b) => b.document.id));
        if ([...endKeys.keys()].some((far) => graph.entities.find((e) => e.id === far)?.documents.some((d) => !read.has(d)))) seen.farUnread++;
        if ('plan' in all) stored = [...stored.filter((b) => b.document.id !== id), ...(next ? [next] : [])];
      }
    }
    // The worlds exercise what the reach must get right: conflicts, writes that leave documents out,
    // and timeless relations whose far end's documents are not all read.
    expect(seen.writes).toBeGreaterThan(1500);
    expect(seen.conflicts).toBeGreaterThan(50);
    expect(seen.fewer).toBeGreaterThan(100);
    expect(seen.farUnread).toBeGreaterThan(100);
  });
});
