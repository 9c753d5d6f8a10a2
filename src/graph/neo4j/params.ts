/**
 * Query parameters from store inputs: closed-enum checks, the time window as day keys, SKIP/LIMIT
 * values as Neo4j Integers. Nothing from a caller reaches a query other than as a parameter.
 */
import neo4j, { type Integer } from 'neo4j-driver';
import { ALL_SUBTYPES, ENTITY_KINDS, MODALITY_NAMES, RELATION_TYPE_NAMES, type RelationType } from '../../schemas/vocabulary';
import { exactKey, OPEN_END, OPEN_START, toWindow, type TimeFilter } from '../rules';
import { InvalidQueryError } from '../errors';
import { decodeCursor } from '../cursor';
import type { RelationStreamQuery } from '../store';

export function limitParam(n: number): Integer {
  return neo4j.int(Math.max(0, Math.floor(n)));
}

/**
 * The window as $since/$until (day keys) and $possible; without a filter, the open window with
 * possible = true, which every fact passes (queries.IN_WINDOW).
 */
export function windowParams(q: TimeFilter): { since: string; until: string; possible: boolean } {
  const w = toWindow(q);
  return w ? { since: w.since, until: w.until, possible: w.possible } : { since: OPEN_START, until: OPEN_END, possible: true };
}

/**
 * The length every $after is padded to: more than any cursor key the API accepts (a cursor of at most 512
 * base64url characters holds 382 after its prefix), so every page, first or later, sends one length.
 */
export const AFTER_PARAM_LENGTH = 400;

/**
 * $after for a page: the cursor's key ('' for a first page), padded with NULs to AFTER_PARAM_LENGTH. Neo4j
 * caches a plan per statement, parameter types and, for a string, its length class (on 5.26: 0–2, 3–10,
 * 11–100, 101–1,000 characters each planned apart), and the 27-branch pages take 5–20 s to plan: unpadded,
 * a later page was planned afresh, inside its request's timeout, although the first page's plan was warm. NUL sorts
 * before every character, so for a key without one (ids and timeline keys have none) `key > after + NULs`
 * exactly when `key > after`.
 */
export function afterParam(cursor: string | undefined): string {
  return padAfter(decodeCursor(cursor) ?? '');
}

/** A per-type limit of the merged relation page ($scan, $hits: queries.LIST_RELATIONS) from limits in RELATION_TYPE_NAMES' order. */
export function perTypeParam(limits: readonly number[]): Record<string, Integer> {
  return Object.fromEntries(RELATION_TYPE_NAMES.map((t, i) => [t, limitParam(limits[i]!)]));
}

/** A decoded cursor key (or '') padded as afterParam does. */
export function padAfter(key: string): string {
  return key.padEnd(AFTER_PARAM_LENGTH, '\u0000');
}

/**
 * $document: the document filter, '' for none ('' is no Slug, so no document has that id). Always a string:
 * a null would key a plan of its own (see afterParam). A document id keys one per length class too, so the
 * store sends a document filter to the scans, not to the 27-branch pages it plans ahead (store.ts).
 */
export function documentParam(document: string | undefined): string {
  return document ?? '';
}

/** A filter list: absent or empty means "no filter" (null); every value must be in the closed enum. */
function checked<T extends string>(values: readonly string[] | undefined, allowed: readonly T[], parameter: string): T[] | null {
  if (values === undefined || values.length === 0) return null;
  for (const v of values) {
    if (!(allowed as readonly string[]).includes(v)) throw new InvalidQueryError(`Unknown value "${v}".`, parameter);
  }
  return [...values] as T[];
}

/** Relation types to follow: the caller's (checked against the vocabulary) or every vocabulary type. */
export function typesParam(types: readonly string[] | undefined): RelationType[] {
  return checked(types, RELATION_TYPE_NAMES, 'types') ?? [...RELATION_TYPE_NAMES];
}

/** Whether `types` (typesParam: vocabulary names only) names every vocabulary type. */
export function allTypes(types: readonly string[]): boolean {
  return new Set(types).size === RELATION_TYPE_NAMES.length;
}

/**
 * Whether types and window (typesParam, windowParams) let every relation through: every type, the open
 * window, possible facts. Every relation's keys lie inside the open window (dates.ts), so a statement
 * may then leave its per-relation test out: it reads four properties of every relation it walks.
 */
export function passesEveryRelation(p: { types: readonly string[]; since: string; until: string; possible: boolean }): boolean {
  return allTypes(p.types) && p.since === OPEN_START && p.until === OPEN_END && p.possible;
}

/** The parameters of RELATION_FILTER (queries.ts) from a relation query. */
export function relationParams(q: RelationStreamQuery) {
  return {
    types: typesParam(q.types),
    ...windowParams(q),
    subject: q.subject ?? null,
    object: q.object ?? null,
    modalities: modalitiesParam(q.modalities),
    assertedBy: q.assertedBy ?? null,
    document: documentParam(q.document),
    endpointKinds: kindsParam(q.endpointKinds, 'endpointKinds'),
    entity: q.entity ?? null,
    direction: q.direction ?? 'both',
    counterpartKinds: kindsParam(q.counterpartKinds, 'counterpartKinds'),
  };
}

export function kindsParam(kinds: readonly string[] | undefined, parameter = 'kinds'): string[] | null {
  return checked(kinds, ENTITY_KINDS, parameter);
}

export function modalitiesParam(modalities: readonly string[] | undefined): string[] | null {
  return checked(modalities, MODALITY_NAMES, 'modalities');
}

export function subtypesParam(subtypes: readonly string[] | undefined): string[] | null {
  return checked(subtypes, ALL_SUBTYPES, 'subtypes');
}

/** Name/alias match key shared with the memory store (rules/order.ts). */
export { exactKey };
