/**
 * Query parameters from store inputs: closed-enum checks, the time window as day keys, SKIP/LIMIT
 * values as Neo4j Integers. Nothing from a caller reaches a query other than as a parameter.
 */
import neo4j, { type Integer } from 'neo4j-driver';
import { ALL_SUBTYPES, ENTITY_KINDS, MODALITY_NAMES, RELATION_TYPE_NAMES, type RelationType } from '../../schemas/vocabulary';
import { exactKey, OPEN_END, OPEN_START, toWindow, type TimeFilter } from '../rules';
import { InvalidQueryError } from '../errors';

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
