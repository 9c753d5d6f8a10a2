/**
 * List filters and paging for the in-memory store. The rules (the Neo4j store follows the same):
 * - every filter given narrows the result (AND); an absent or empty list means "no filter";
 * - prefix: case-insensitive prefix of the name or of any alias (String#toLowerCase);
 * - entity + direction: 'out' = the entity is the subject, 'in' = the object, 'both' (default) = either;
 *   a self-loop matches every direction; for a symmetric type direction is ignored (either end);
 *   requestedEnd = the first stored end (subject, then object) where the entity matches; with subject /
 *   object filters instead, the stored end of the `subject` entity (else of the `object` one), which for
 *   a symmetric type found in the swapped orientation is the other end;
 * - counterpartKinds (only with entity): the kind at the other end, judged per matching end
 *   (subject side -> the object's kind, object side -> the subject's kind);
 * - endpointKinds: both ends are of these kinds;
 * - subject / object: for a symmetric type the relation also matches with its ends swapped (both
 *   filters judged on the same orientation);
 * - an id in entity/subject/object/assertedBy that names no entity -> InvalidQueryError;
 * - document: entities it defines, relations it states (graph/store.ts);
 * - modalities / assertedBy match any of a relation's assertions (one per supporting document);
 * - the time window keeps what is known (or, with possible, may be) valid in it (rules/time.ts), marked with timeMatch.
 */
import type { EntityRecord, RelationRecord } from '../data/bundle';
import type { EntityQuery, Page, RelationQuery } from '../store';
import { decodeCursor, toPage } from '../cursor';
import { timeMatch, toWindow } from '../rules';
import { RELATION_TYPES } from '../../schemas/vocabulary';
import { InvalidQueryError } from '../errors';
import { searchNames } from '../rules';
import { dropUndefined, nonEmpty, type MemoryIndexes, type RelationMarks } from './indexes';

export function entityMatcher(q: EntityQuery): (e: EntityRecord) => boolean {
  const kinds = nonEmpty(q.kinds);
  const subtypes = nonEmpty(q.subtypes);
  const prefix = q.prefix ? q.prefix.toLowerCase() : undefined;
  return (e) =>
    (!kinds || kinds.includes(e.kind)) &&
    (!subtypes || subtypes.includes(e.subtype)) &&
    (q.document === undefined || e.documents.includes(q.document)) &&
    (prefix === undefined || searchNames(e).some((n) => n.toLowerCase().startsWith(prefix)));
}

/** The marks of a matching relation (see RelationMarks), or undefined when it does not match. */
export function relationMatcher(ix: MemoryIndexes, q: RelationQuery): (r: RelationRecord) => RelationMarks | undefined {
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
  /** Which end the entity is, or undefined when the relation does not touch it as asked. */
  const requestedEnd = (r: RelationRecord): RelationMarks['requestedEnd'] | null => {
    // subject/object filters (no entity): the stored end of the entity asked for (the subject's first)
    if (q.entity === undefined && q.subject !== undefined) return r.subject === q.subject && (q.object === undefined || r.object === q.object) ? 'subject' : 'object';
    if (q.entity === undefined && q.object !== undefined) return r.object === q.object ? 'object' : 'subject';
    if (q.entity === undefined) return undefined;
    const symmetric = RELATION_TYPES[r.type].symmetric;
    const asSubject = r.subject === q.entity && (dir !== 'in' || symmetric) && (!counterpart || counterpart.includes(kindOf(r.object)));
    if (asSubject) return 'subject';
    const asObject = r.object === q.entity && (dir !== 'out' || symmetric) && (!counterpart || counterpart.includes(kindOf(r.subject)));
    return asObject ? 'object' : null;
  };
  const ends = (s: string, o: string) => (q.subject === undefined || s === q.subject) && (q.object === undefined || o === q.object);
  return (r) => {
    if (types && !types.includes(r.type)) return undefined;
    if (endpoints && !(endpoints.includes(kindOf(r.subject)) && endpoints.includes(kindOf(r.object)))) return undefined;
    if (!ends(r.subject, r.object) && !(RELATION_TYPES[r.type].symmetric && ends(r.object, r.subject))) return undefined;
    if (modalities && !r.assertions.some((a) => modalities.includes(a.modality))) return undefined;
    if (q.assertedBy !== undefined && !r.assertions.some((a) => a.assertedBy === q.assertedBy)) return undefined;
    if (q.document !== undefined && !r.documents.includes(q.document)) return undefined;
    const end = requestedEnd(r);
    if (end === null) return undefined;
    const match = window ? timeMatch(r.keys, window) : undefined;
    if (window && !match) return undefined;
    return dropUndefined({ timeMatch: match, requestedEnd: end });
  };
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
  // binary search for the first key after the cursor (matches are ordered by a unique key)
  let start = 0;
  if (after !== undefined) {
    let hi = matches.length;
    while (start < hi) {
      const mid = (start + hi) >>> 1;
      if (keyOf(matches[mid]!) > after) hi = mid;
      else start = mid + 1;
    }
  }
  const rest = matches.slice(start, start + q.limit + 1);
  const fetched = rest.map((r) => ({ r, item: map(r) }));
  const page = toPage(fetched, q.limit, (x) => keyOf(x.r), matches.length);
  return { items: page.items.map((x) => x.item), total: page.total, nextCursor: page.nextCursor };
}
