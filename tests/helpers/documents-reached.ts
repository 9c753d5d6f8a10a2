// What a write's reach touches, computed from the merged graph in memory: the oracle for the write-reach
// tests (tests/seed: the plan over these documents with these keys is the plan over every document;
// tests/neo4j: Neo4j's DOCUMENTS_REACHED and FAR_END_KEYS answer the same).
import type { GraphData } from '../../src/graph/data/bundle';
import type { WriteReach } from '../../src/graph/data/documents';
import { ALWAYS, type TimeKeys } from '../../src/graph/rules';

/** The documents stating one of the reach's entities, relations or Wikidata ids. */
export function documentsReached(graph: GraphData, reach: WriteReach): Set<string> {
  const docs = new Set<string>();
  const entities = new Set(reach.entities);
  const qids = new Set(reach.qids);
  const relations = new Set(reach.relations);
  for (const e of graph.entities) {
    if (entities.has(e.id) || (e.wikidata && qids.has(e.wikidata))) e.documents.forEach((d) => docs.add(d));
  }
  for (const r of graph.relations) if (relations.has(r.id)) r.documents.forEach((d) => docs.add(d));
  return docs;
}

/** The far ends (outside the reach) of the timeless relations of the reach's entities, with their merged keys. */
export function farEndKeys(graph: GraphData, reach: WriteReach): Map<string, TimeKeys> {
  const entities = new Set(reach.entities);
  const byId = new Map(graph.entities.map((e) => [e.id, e]));
  const keys = new Map<string, TimeKeys>();
  for (const r of graph.relations) {
    if (r.time !== 'timeless') continue;
    for (const [end, far] of [
      [r.subject, r.object],
      [r.object, r.subject],
    ] as const) {
      if (entities.has(end) && !entities.has(far)) keys.set(far, byId.get(far)?.keys ?? ALWAYS);
    }
  }
  return keys;
}
