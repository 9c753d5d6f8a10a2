import type { RelationRecord } from '../data/bundle';
import { timeMatch, toWindow, type TimeFilter } from '../rules';
import { toRelation, type MemoryIndexes } from './indexes';

/** The relation as returned by a traversal: marked with how it matched the time window, if one is given. */
export function traversed(ix: MemoryIndexes, r: RelationRecord, q: TimeFilter) {
  const window = toWindow(q);
  return toRelation(ix, r, window ? { timeMatch: timeMatch(r.keys, window) } : {});
}
