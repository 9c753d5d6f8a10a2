// A document write plans over the stored documents its reach touches (graph/data/documents.ts writeReach),
// not over all of them: the Neo4j store reads only those (load/document-cypher.ts DOCUMENTS_REACHED). Here,
// on random overlapping documents, the plan over that subset must be the plan over every document: the same
// upserts (record for record), deletes and counts, or the same conflict.
import { toGraphData } from '../../src/graph/data/bundle';
import { canonicalJson, planWrite, writeReach, type WritePlan } from '../../src/graph/data/documents';
import { DocumentConflictError } from '../../src/graph/errors';
import type { Bundle } from '../../src/schemas/bundle';
import { randomWorld } from '../fixtures/random-documents';
import { documentsReached } from '../helpers/documents-reached';

type Outcome = { conflict: string[] } | { plan: Omit<WritePlan, 'after'> };

function outcome(stored: Bundle[], id: string, next: Bundle | null): Outcome {
  try {
    const { after: _after, ...plan } = planWrite(stored, id, next);
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
  const seen = { writes: 0, conflicts: 0, fewer: 0, timelessFar: 0 };

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
        const subset = stored.filter((b) => b.document.id === id || docs.has(b.document.id));
        const all = outcome(stored, id, next);
        expect({ seed, w, ...outcome(subset, id, next) }).toEqual({ seed, w, ...all });

        seen.writes++;
        if ('conflict' in all) seen.conflicts++;
        if (subset.length < stored.length) seen.fewer++;
        const direct = documentsReached(graph, { ...reach, entities: [] });
        for (const e of reach.entities) graph.entities.find((x) => x.id === e)?.documents.forEach((d) => direct.add(d));
        if ([...docs].some((d) => !direct.has(d))) seen.timelessFar++;
        if ('plan' in all) stored = [...stored.filter((b) => b.document.id !== id), ...(next ? [next] : [])];
      }
    }
    // The worlds exercise what the reach must get right: conflicts, writes that leave documents out,
    // and documents reached only through the far end of a timeless relation.
    expect(seen.writes).toBeGreaterThan(1500);
    expect(seen.conflicts).toBeGreaterThan(50);
    expect(seen.fewer).toBeGreaterThan(100);
    expect(seen.timelessFar).toBeGreaterThan(20);
  });
});
