/**
 * The in-memory store's data: GraphData indexed once at load, plus the record -> domain mappers.
 * The graph is a graphology undirected multigraph (one edge per relation, keyed by relation id;
 * self-loops allowed), because every traversal rule of store.ts ignores direction.
 */
import { MultiUndirectedGraph } from 'graphology';
import type { DocumentRecord, EntityRecord, GraphData, RelationRecord } from '../data/bundle';
import type { EntityRef, EntitySummary, Evidence, Relation } from '../../schemas/domain';
import type { RelationType } from '../../schemas/vocabulary';
import { overlaps, toWindow, type DayWindow } from '../dates';

export type RelationGraph = MultiUndirectedGraph<Record<string, never>, { type: RelationType; validFrom?: string; validTo?: string }>;

export interface MemoryIndexes {
  entities: Map<string, EntityRecord>;
  /** All entities, ordered by id. */
  entityList: EntityRecord[];
  relations: Map<string, RelationRecord>;
  /** All relations, ordered by id. */
  relationList: RelationRecord[];
  /** Relations touching each entity (a self-loop once), ordered by id. */
  touching: Map<string, RelationRecord[]>;
  /** Documents ordered by id. */
  documents: DocumentRecord[];
  graph: RelationGraph;
}

/** Plain code-unit order: ids are ASCII slugs, so this equals Neo4j's string order. */
export const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildIndexes(data: GraphData): MemoryIndexes {
  const entityList = [...data.entities].sort((a, b) => byKey(a.id, b.id));
  const relationList = [...data.relations].sort((a, b) => byKey(a.id, b.id));
  const entities = new Map(entityList.map((e) => [e.id, e]));
  const touching = new Map<string, RelationRecord[]>(entityList.map((e) => [e.id, []]));
  const graph: RelationGraph = new MultiUndirectedGraph({ allowSelfLoops: true });
  for (const e of entityList) graph.addNode(e.id);
  for (const r of relationList) {
    touching.get(r.subject)?.push(r);
    if (r.object !== r.subject) touching.get(r.object)?.push(r);
    graph.addEdgeWithKey(r.id, r.subject, r.object, dropUndefined({ type: r.type, validFrom: r.validFrom, validTo: r.validTo }));
  }
  return {
    entities,
    entityList,
    relations: new Map(relationList.map((r) => [r.id, r])),
    relationList,
    touching,
    documents: [...data.documents].sort((a, b) => byKey(a.id, b.id)),
    graph,
  };
}

/** Traversal filter of store.ts: relation types (optional) and the time window. */
export interface EdgeFilter {
  types?: RelationType[];
  asOf?: string;
  from?: string;
  to?: string;
}

/** The graph restricted to the relations that pass the filter (the full graph when there is none). */
export function traversalGraph(ix: MemoryIndexes, q: EdgeFilter): RelationGraph {
  const window = toWindow(q);
  const types = nonEmpty(q.types);
  if (!window && !types) return ix.graph;
  const g = ix.graph.emptyCopy();
  ix.graph.forEachEdge((key, attr, source, target) => {
    if (edgePasses(attr, types, window)) g.addEdgeWithKey(key, source, target, attr);
  });
  return g;
}

function edgePasses(attr: { type: RelationType; validFrom?: string; validTo?: string }, types: readonly RelationType[] | undefined, w: DayWindow | undefined) {
  return (!types || types.includes(attr.type)) && overlaps(attr.validFrom, attr.validTo, w);
}

/** Filter lists: absent and empty both mean "no filter". */
export function nonEmpty<T>(list: readonly T[] | undefined): readonly T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

/** Copy without the keys whose value is undefined (the domain schemas omit absent optionals). */
export function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function toSummary(e: EntityRecord): EntitySummary {
  return dropUndefined({
    id: e.id,
    kind: e.kind,
    subtype: e.subtype,
    name: e.name,
    aliases: [...e.aliases],
    summary: e.summary,
    wikidata: e.wikidata,
    validFrom: e.validFrom,
    validTo: e.validTo,
  });
}

export function toRef(e: EntityRecord): EntityRef {
  return { id: e.id, name: e.name, kind: e.kind, subtype: e.subtype };
}

/** Evidence and mentions are returned ordered by (document, start, end, paragraph). */
export function sortEvidence(list: Evidence[]): Evidence[] {
  return list
    .map((s) => ({ document: s.document, paragraph: s.paragraph, start: s.start, end: s.end, sha256: s.sha256 }))
    .sort((a, b) => byKey(a.document, b.document) || a.start - b.start || a.end - b.end || a.paragraph - b.paragraph);
}

export function toRelation(ix: MemoryIndexes, r: RelationRecord): Relation {
  const ref = (id: string) => toRef(ix.entities.get(id)!);
  return dropUndefined({
    id: r.id,
    type: r.type,
    subject: ref(r.subject),
    object: ref(r.object),
    role: r.role,
    validFrom: r.validFrom,
    validTo: r.validTo,
    assertedBy: ref(r.assertedBy),
    modality: r.modality,
    summary: r.summary,
    outsideKnowledge: r.outsideKnowledge,
    evidence: sortEvidence(r.evidence),
    documents: [...r.documents],
    assertions: r.assertions.map((a) => ({ document: a.document, assertedBy: a.assertedBy, modality: a.modality })),
  });
}
