/**
 * Query parameters from store inputs: closed-enum checks, the time window as day keys, SKIP/LIMIT
 * values as Neo4j Integers. Nothing from a caller reaches a query other than as a parameter.
 */
import neo4j, { type Integer } from 'neo4j-driver';
import { ALL_SUBTYPES, ENTITY_KINDS, MODALITY_NAMES, RELATION_TYPE_NAMES, type RelationType } from '../../schemas/vocabulary';
import { OPEN_END, OPEN_START, toWindow } from '../dates';
import type { TimeFilter } from '../store';
import { InvalidQueryError } from '../errors';

export function limitParam(n: number): Integer {
  return neo4j.int(Math.max(0, Math.floor(n)));
}

/** The window as $wStart/$wEnd; without a filter, the open window that every relation overlaps. */
export function windowParams(q: TimeFilter): { wStart: string; wEnd: string } {
  const w = toWindow(q);
  return { wStart: w?.start ?? OPEN_START, wEnd: w?.end ?? OPEN_END };
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

/** Name/alias match key shared with the memory store (src/graph/search-key.ts). */
export { searchKey as exactKey } from '../search-key';
