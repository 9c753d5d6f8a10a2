/** Lookups by id shared by the store's queries, and the check that the ids a filter names exist. */
import { InvalidQueryError } from '../errors';

/** The value for `id`, which the same statement just read. */
export function pick<T>(map: Map<string, T>, id: string): T {
  const value = map.get(id);
  if (value === undefined) throw new Error(`graph changed during the query (missing ${id})`);
  return value;
}

/** The ids the filters name (MISSING_ENTITIES' $ids), in the order given. */
export function filterIds(filters: Record<string, string | undefined>): string[] {
  return Object.values(filters).filter((id): id is string => id !== undefined);
}

/** InvalidQueryError naming the first filter (in the order given) whose id is among `missing`. */
export function rejectMissing(filters: Record<string, string | undefined>, missing: readonly string[]): void {
  const gone = new Set(missing);
  const first = Object.entries(filters).find(([, id]) => id !== undefined && gone.has(id));
  if (first) throw new InvalidQueryError(`No entity has the id "${first[1]}".`, first[0]);
}
