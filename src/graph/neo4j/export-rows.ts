/**
 * The two statements behind the exports' streams (store.streamEntities / streamRelations) and the
 * mapping of their rows. Rows are the positional lists of every read (queries.entityList, relationList:
 * a whole-graph export at 10^5 as maps spent more client time decoding keys than values), mapped by the
 * same mapper, so an export row is the same object as a page row.
 */
import type { Relation } from '../../schemas/domain';
import { mapRelation } from './mapper';
import { ALL_TYPES, RELATION_AT, RELATION_FILTER, entityList, refList, relationList } from './queries';

/** Entities in id order from the id index (no sort); mapper.mapEntitySummary reads the rows. */
export const STREAM_ENTITIES = `
MATCH (e:Entity) WHERE e.id IS NOT NULL AND ($kinds IS NULL OR e.kind IN $kinds)
RETURN ${entityList('e')} AS entity
ORDER BY e.id`;

/**
 * Two parts in one statement (one transaction, one snapshot):
 * 1. `asserter` rows: every entity that asserts a matching relation, once (queries.refList).
 *    Looking the asserter up on every relation row instead (an index seek and four property reads per
 *    row) took about a third of the database's time at 10^5; the asserters are few (an article's author
 *    and the parties it quotes) and the client keeps them while the stream runs.
 * 2. `relation` rows, ordered (subject id, relation id): subjects in id order from the id index, and
 *    for each its matching outgoing relations sorted by id (a sort of one entity's relations); each a
 *    queries.relationList with the asserter's id in its place and no time keys.
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
  RETURN ${refList('a')} AS asserter, null AS relation
  UNION ALL
  MATCH (s:Entity) WHERE s.id IS NOT NULL
  WITH s ORDER BY s.id
  CALL (s) {
    MATCH (s)-[r:${ALL_TYPES}]->(o:Entity) ${filter}
    WITH r, o ORDER BY r.id
    RETURN r, o
  }
  RETURN null AS asserter, ${relationList('r.assertedBy', false)} AS relation
}
RETURN asserter, relation`;

export const STREAM_RELATIONS = streamRelations(RELATION_FILTER);

/**
 * The whole graph's relations: the same rows without RELATION_FILTER, for a query whose filter passes
 * every relation (every type, the open window, no other filter). Evaluating the filter on every
 * relation (four property reads and a dozen tests) took about a quarter of the database's time.
 */
export const STREAM_ALL_RELATIONS = streamRelations('');

/** The asserter id a `relation` row names. */
export function asserterOf(row: unknown): unknown {
  return (row as unknown[])[RELATION_AT.assertedBy];
}

/** A `relation` row with its asserter's row (sent before it). */
export function relationFromRow(row: unknown, asserters: ReadonlyMap<unknown, unknown>): Relation {
  const assertedBy = asserters.get(asserterOf(row));
  if (!assertedBy) {
    throw new Error(`export stream: relation ${String((row as unknown[])[RELATION_AT.id])} names an asserter (${String(asserterOf(row))}) the stream did not send first`);
  }
  return mapRelation(row, assertedBy);
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
  const asserters = new Map<unknown, unknown>();
  const waiting: unknown[] = [];
  for await (const record of records) {
    const { asserter, relation } = fields(record);
    if (asserter !== null) {
      asserters.set((asserter as unknown[])[0], asserter);
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
