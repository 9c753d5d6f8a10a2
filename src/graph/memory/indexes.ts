/**
 * The in-memory store's data: GraphData indexed once at load, plus the record -> domain mappers.
 * Traversals walk `touching` (every traversal rule of store.ts ignores direction): a relation list per
 * entity is all the graph structure they need, so no separate graph object is built.
 */
import type { DocumentRecord, EntityRecord, GraphData, RelationRecord } from '../data/bundle';
import type { EntityRef, EntitySummary, Evidence, Relation } from '../../schemas/domain';
import type { RelationType } from '../../schemas/vocabulary';
import { byKey, passes, sortEvidence, toWindow, type TimeFilter, type TimeKeys, type TimeMatch, type TimeWindow } from '../rules';

export { byKey, sortEvidence };

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
}

export function buildIndexes(data: GraphData): MemoryIndexes {
  const entityList = [...data.entities].sort((a, b) => byKey(a.id, b.id));
  const relationList = [...data.relations].sort((a, b) => byKey(a.id, b.id));
  const entities = new Map(entityList.map((e) => [e.id, e]));
  const touching = new Map<string, RelationRecord[]>(entityList.map((e) => [e.id, []]));
  for (const r of relationList) {
    touching.get(r.subject)?.push(r);
    if (r.object !== r.subject) touching.get(r.object)?.push(r);
  }
  return {
    entities,
    entityList,
    relations: new Map(relationList.map((r) => [r.id, r])),
    relationList,
    touching,
    documents: [...data.documents].sort((a, b) => byKey(a.id, b.id)),
  };
}

/** Traversal filter of store.ts: relation types (optional) and the time window. */
export interface EdgeFilter extends TimeFilter {
  types?: RelationType[];
}

/** The traversal filter as a predicate: traversals walk `touching` and keep the relations that pass. */
export function relationFilter(q: EdgeFilter): (r: RelationRecord) => boolean {
  const window = toWindow(q);
  const types = nonEmpty(q.types);
  return (r) => edgePasses(r, types, window);
}

function edgePasses(attr: { type: RelationType; keys: TimeKeys }, types: readonly RelationType[] | undefined, w: TimeWindow | undefined) {
  return (!types || types.includes(attr.type)) && passes(attr.keys, w);
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
    outsideAliases: e.outsideAliases?.length ? [...e.outsideAliases] : undefined,
    summary: e.summary,
    wikidata: e.wikidata,
    time: e.time,
    validFrom: e.validFrom,
    validTo: e.validTo,
    ongoing: e.ongoing,
  });
}

export function toRef(e: EntityRecord): EntityRef {
  return { id: e.id, name: e.name, kind: e.kind, subtype: e.subtype };
}

/** Per-query marks of a relation: how it matched the time window, which end is the requested entity. */
export interface RelationMarks {
  timeMatch?: TimeMatch;
  requestedEnd?: 'subject' | 'object';
}

export function toRelation(ix: MemoryIndexes, r: RelationRecord, marks: RelationMarks = {}): Relation {
  const ref = (id: string) => toRef(ix.entities.get(id)!);
  return dropUndefined({
    id: r.id,
    type: r.type,
    subject: ref(r.subject),
    object: ref(r.object),
    role: r.role,
    time: r.time,
    validFrom: r.validFrom,
    validTo: r.validTo,
    ongoing: r.ongoing,
    timeMatch: marks.timeMatch,
    requestedEnd: marks.requestedEnd,
    assertedBy: ref(r.assertedBy),
    modality: r.modality,
    summary: r.summary,
    outsideKnowledge: r.outsideKnowledge,
    evidence: sortEvidence(r.evidence) as Evidence[],
    documents: [...r.documents],
    assertions: r.assertions.map((a) => ({ document: a.document, assertedBy: a.assertedBy, modality: a.modality })),
  });
}
