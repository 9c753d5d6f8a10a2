/**
 * List filters and paging for the in-memory store. The rules (the Neo4j store follows the same):
 * - every filter given narrows the result (AND); an absent or empty list means "no filter";
 * - prefix: case-insensitive prefix of the name or of any alias (String#toLowerCase);
 * - entity + direction: 'out' = the entity is the subject, 'in' = the object, 'both' (default) = either;
 *   a self-loop matches every direction;
 * - counterpartKinds (only with entity): the kind at the other end, judged per matching end
 *   (subject side -> the object's kind, object side -> the subject's kind);
 * - endpointKinds: both ends are of these kinds;
 * - an id in entity/subject/object/assertedBy that names no entity -> InvalidQueryError;
 * - document: entities it defines, relations it states (graph/store.ts);
 * - modalities / assertedBy match any of a relation's assertions (one per supporting document);
 * - the time window keeps relations whose [validFrom, validTo] overlaps it (graph/dates.ts).
 */
import type { EntityRecord, RelationRecord } from '../data/bundle';
import type { EntityQuery, Page, RelationQuery } from '../store';
import { decodeCursor, toPage } from '../cursor';
import { overlaps, toWindow } from '../dates';
import { InvalidQueryError } from '../errors';
import { nonEmpty, type MemoryIndexes } from './indexes';

export function entityMatcher(q: EntityQuery): (e: EntityRecord) => boolean {
  const kinds = nonEmpty(q.kinds);
  const subtypes = nonEmpty(q.subtypes);
  const prefix = q.prefix ? q.prefix.toLowerCase() : undefined;
  return (e) =>
    (!kinds || kinds.includes(e.kind)) &&
    (!subtypes || subtypes.includes(e.subtype)) &&
    (q.document === undefined || e.documents.includes(q.document)) &&
    (prefix === undefined || [e.name, ...e.aliases].some((n) => n.toLowerCase().startsWith(prefix)));
}

export function relationMatcher(ix: MemoryIndexes, q: RelationQuery): (r: RelationRecord) => boolean {
  for (const p of ['entity', 'subject', 'object', 'assertedBy'] as const) {
    const id = q[p];
    if (id !== undefined && !ix.entities.has(id)) throw new InvalidQueryError(`No entity has the id "${id}".`, p);
  }
  const types = nonEmpty(q.types);
  const modalities = nonEmpty(q.modalities);
  const counterpart = nonEmpty(q.counterpartKinds);
  const endpoints = nonEmpty(q.endpointKinds);
  const window = toWindow(q);
  const dir = q.direction ?? 'both';
  const kindOf = (id: string) => ix.entities.get(id)!.kind;
  const touches = (r: RelationRecord): boolean => {
    if (q.entity === undefined) return true;
    const asSubject = r.subject === q.entity && dir !== 'in' && (!counterpart || counterpart.includes(kindOf(r.object)));
    const asObject = r.object === q.entity && dir !== 'out' && (!counterpart || counterpart.includes(kindOf(r.subject)));
    return asSubject || asObject;
  };
  return (r) =>
    (!types || types.includes(r.type)) &&
    touches(r) &&
    (!endpoints || (endpoints.includes(kindOf(r.subject)) && endpoints.includes(kindOf(r.object)))) &&
    (q.subject === undefined || r.subject === q.subject) &&
    (q.object === undefined || r.object === q.object) &&
    (!modalities || r.assertions.some((a) => modalities.includes(a.modality))) &&
    (q.assertedBy === undefined || r.assertions.some((a) => a.assertedBy === q.assertedBy)) &&
    (q.document === undefined || r.documents.includes(q.document)) &&
    overlaps(r.validFrom, r.validTo, window);
}

/**
 * One page of `matches` (already ordered by the unique key): the items whose key is after the cursor,
 * at most `limit`, with the total of all matches.
 */
export function pageOf<R, T>(
  matches: R[],
  keyOf: (r: R) => string,
  q: { limit: number; cursor?: string },
  map: (r: R) => T,
): Page<T> {
  const after = decodeCursor(q.cursor);
  const start = after === undefined ? 0 : matches.findIndex((m) => keyOf(m) > after);
  const rest = start < 0 ? [] : matches.slice(start, start + q.limit + 1);
  const fetched = rest.map((r) => ({ r, item: map(r) }));
  const page = toPage(fetched, q.limit, (x) => keyOf(x.r), matches.length);
  return { items: page.items.map((x) => x.item), total: page.total, nextCursor: page.nextCursor };
}
