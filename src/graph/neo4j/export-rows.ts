/**
 * The two statements behind the exports' streams (store.streamEntities / streamRelations) and the
 * mapping of their rows. Rows are positional lists, not maps: a map row makes Neo4j write, and the
 * driver decode, every key of every row (a whole-graph export at 10^5 spent more client time decoding
 * map keys than values). Each list is read back by position right below the statement that writes it,
 * into the same map shape the other queries return, and mapped by the same mapper, so an export row
 * is the same object as a page row.
 */
import type { EntitySummary, Relation } from '../../schemas/domain';
import { mapEntitySummary, mapRelation } from './mapper';
import { ALL_TYPES, ENTITY_KEYS, RELATION_FILTER } from './queries';

/** Entities in id order from the id index (no sort): one list per entity, ENTITY_KEYS in order. */
export const STREAM_ENTITIES = `
MATCH (e:Entity) WHERE e.id IS NOT NULL AND ($kinds IS NULL OR e.kind IN $kinds)
RETURN [${ENTITY_KEYS.map((k) => `e.${k}`).join(', ')}] AS entity
ORDER BY e.id`;

export function entityFromRow(row: unknown): EntitySummary {
  const v = row as unknown[];
  const entity: Record<string, unknown> = {};
  for (let i = 0; i < ENTITY_KEYS.length; i++) entity[ENTITY_KEYS[i]!] = v[i];
  return mapEntitySummary(entity);
}

/**
 * Two parts in one statement (one transaction, one snapshot):
 * 1. `asserter` rows: every entity that asserts a matching relation, once ([id, name, kind, subtype]).
 *    Looking the asserter up on every relation row instead (an index seek and four property reads per
 *    row) took about a third of the database's time at 10^5; the asserters are few (an article's author
 *    and the parties it quotes) and the client keeps them while the stream runs.
 * 2. `relation` rows, ordered (subject id, relation id): subjects in id order from the id index, and
 *    for each its matching outgoing relations sorted by id (a sort of one entity's relations).
 * The client needs part 1 before part 2: Neo4j runs a UNION's branches in the order written (not a
 * documented promise: should a relation come first, the store holds it and those after it until its
 * asserter comes, and fails loudly if it never does).
 * `filter` is RELATION_FILTER, or nothing when the query filters nothing (see STREAM_ALL_RELATIONS).
 */
const streamRelations = (filter: string) => `
CALL () {
  MATCH (s:Entity)-[r:${ALL_TYPES}]->(o:Entity) ${filter}
  WITH DISTINCT r.assertedBy AS id
  MATCH (a:Entity {id: id})
  RETURN [a.id, a.name, a.kind, a.subtype] AS asserter, null AS relation
  UNION ALL
  MATCH (s:Entity) WHERE s.id IS NOT NULL
  WITH s ORDER BY s.id
  CALL (s) {
    MATCH (s)-[r:${ALL_TYPES}]->(o:Entity) ${filter}
    WITH r, o ORDER BY r.id
    RETURN r, o
  }
  RETURN null AS asserter, [
    r.id, type(r), s.id, s.name, s.kind, s.subtype, o.id, o.name, o.kind, o.subtype,
    r.role, r.time, r.validFrom, r.validTo, r.ongoing, r.assertedBy,
    r.modality, r.summary, r.outsideKnowledge, r.evidence, r.documents, r.assertions
  ] AS relation
}
RETURN asserter, relation`;

export const STREAM_RELATIONS = streamRelations(RELATION_FILTER);

/**
 * The whole graph's relations: the same rows without RELATION_FILTER, for a query whose filter passes
 * every relation (every type, the open window, no other filter). Evaluating the filter on every
 * relation (four property reads and a dozen tests) took about a quarter of the database's time.
 */
export const STREAM_ALL_RELATIONS = streamRelations('');

export type EntityRefRow = { id: unknown; name: unknown; kind: unknown; subtype: unknown };

/** An `asserter` row as the {id, name, kind, subtype} map the other queries return. */
export function refFromRow(row: unknown): EntityRefRow {
  const v = row as unknown[];
  return { id: v[0], name: v[1], kind: v[2], subtype: v[3] };
}

/** The asserter id a `relation` row names. */
export function asserterOf(row: unknown): unknown {
  return (row as unknown[])[15];
}

/** A `relation` row (positions as in STREAM_RELATIONS) as queries.RELATION's map, then mapRelation. */
export function relationFromRow(row: unknown, asserters: ReadonlyMap<unknown, EntityRefRow>): Relation {
  const v = row as unknown[];
  const assertedBy = asserters.get(asserterOf(row));
  if (!assertedBy) throw new Error(`export stream: relation ${String(v[0])} names an asserter (${String(v[15])}) the stream did not send first`);
  return mapRelation({
    id: v[0],
    type: v[1],
    subject: { id: v[2], name: v[3], kind: v[4], subtype: v[5] },
    object: { id: v[6], name: v[7], kind: v[8], subtype: v[9] },
    role: v[10],
    time: v[11],
    validFrom: v[12],
    validTo: v[13],
    ongoing: v[14],
    assertedBy,
    modality: v[16],
    summary: v[17],
    outsideKnowledge: v[18],
    evidence: v[19],
    documents: v[20],
    assertions: v[21],
  });
}

/**
 * The relations of a STREAM_RELATIONS result, in its order, each with its asserter. The statement sends the
 * asserters first; should a relation come before its asserter, it and every relation after it wait (in
 * order) until the asserter comes, and one whose asserter never comes fails loudly at the end.
 */
export async function* relationsFromRows<R>(
  records: AsyncIterable<R>,
  fields: (record: R) => { asserter: unknown; relation: unknown },
): AsyncGenerator<Relation> {
  const asserters = new Map<unknown, EntityRefRow>();
  const waiting: unknown[] = [];
  for await (const record of records) {
    const { asserter, relation } = fields(record);
    if (asserter !== null) {
      const ref = refFromRow(asserter);
      asserters.set(ref.id, ref);
    } else if (waiting.length === 0 && asserters.has(asserterOf(relation))) {
      yield relationFromRow(relation, asserters);
      continue;
    } else {
      waiting.push(relation);
    }
    while (waiting.length > 0 && asserters.has(asserterOf(waiting[0]))) yield relationFromRow(waiting.shift(), asserters);
  }
  for (const row of waiting) yield relationFromRow(row, asserters);
}
