// The documents a write's reach touches, computed from the merged graph in memory: the oracle for the
// write-reach tests (tests/seed: the plan over them is the plan over every document; tests/neo4j: Neo4j's
// DOCUMENTS_REACHED finds the same documents).
import type { GraphData } from '../../src/graph/data/bundle';
import type { WriteReach } from '../../src/graph/data/documents';

/**
 * The documents the reach touches, from the merged graph as the store holds it: those stating one of its
 * entities, relations or Wikidata ids, and those stating the far end of a timeless relation of one of its
 * entities (what DOCUMENTS_REACHED asks Neo4j).
 */
export function documentsReached(graph: GraphData, reach: WriteReach): Set<string> {
  const docs = new Set<string>();
  const entities = new Set(reach.entities);
  const qids = new Set(reach.qids);
  const relations = new Set(reach.relations);
  const byId = new Map(graph.entities.map((e) => [e.id, e]));
  for (const e of graph.entities) {
    if (entities.has(e.id) || (e.wikidata && qids.has(e.wikidata))) e.documents.forEach((d) => docs.add(d));
  }
  for (const r of graph.relations) {
    if (relations.has(r.id)) r.documents.forEach((d) => docs.add(d));
    if (r.time !== 'timeless') continue;
    for (const [end, far] of [
      [r.subject, r.object],
      [r.object, r.subject],
    ] as const) {
      if (entities.has(end)) byId.get(far)?.documents.forEach((d) => docs.add(d));
    }
  }
  return docs;
}

