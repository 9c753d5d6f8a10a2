/**
 * The neighbourhood, walked level by level over `touching` and stopped at its budgets. Rules (the Neo4j
 * store follows the same): nodes within `depth` hops ordered by (distance, id), the centre first, cut at
 * maxNodes; edges are every passing relation with both ends among the kept nodes (self-loops included),
 * ordered by id, cut at maxEdges; truncated when either cut dropped something.
 * A level is only expanded while the node budget has room: once it is full, the walk only asks whether
 * one more node exists (for `truncated`), so a hub's depth-2 ball is never visited whole.
 */
import type { Subgraph } from '../../schemas/domain';
import type { RelationRecord } from '../data/bundle';
import type { NeighbourhoodQuery } from '../store';
import { clampInt, LIMITS } from '../rules';
import { byKey, relationFilter, toSummary, type MemoryIndexes } from './indexes';
import { firstK } from './first-k';
import { traversed } from './traversed';

export function neighbourhood(ix: MemoryIndexes, id: string, q: NeighbourhoodQuery): Subgraph | null {
  if (!ix.entities.has(id)) return null;
  const passes = relationFilter(q);
  const maxDepth = clampInt(q.depth, 0, LIMITS.maxDepth);
  const maxNodes = Math.max(Math.floor(q.maxNodes), 0);
  if (maxNodes === 0) return { nodes: [], edges: [], truncated: true }; // the centre alone is more than the budget
  const kept = [id];
  const seen = new Set(kept);
  let frontier = kept;
  let truncated = false;
  for (let d = 0; d < maxDepth && frontier.length > 0; d++) {
    const room = maxNodes - kept.length;
    const next = nextLevel(ix, frontier, seen, passes, room === 0);
    if (next.size > room) {
      truncated = true;
      kept.push(...firstK(next, room, byKey));
      break;
    }
    frontier = [...next].sort(byKey);
    for (const n of frontier) seen.add(n);
    kept.push(...frontier);
  }
  const keep = new Set(kept);
  const edges: RelationRecord[] = [];
  for (const n of kept) {
    // each relation once: from its subject's list (a self-loop is listed once)
    for (const r of ix.touching.get(n) ?? []) if (r.subject === n && keep.has(r.object) && passes(r)) edges.push(r);
  }
  edges.sort((a, b) => byKey(a.id, b.id));
  return {
    nodes: kept.map((n) => toSummary(ix.entities.get(n)!)),
    edges: edges.slice(0, q.maxEdges).map((r) => traversed(ix, r, q)),
    truncated: truncated || edges.length > q.maxEdges,
  };
}

/** Unseen ends of passing relations of `frontier`; with `any`, stops at the first one found. */
function nextLevel(ix: MemoryIndexes, frontier: string[], seen: Set<string>, passes: (r: RelationRecord) => boolean, any: boolean): Set<string> {
  const next = new Set<string>();
  for (const v of frontier) {
    for (const r of ix.touching.get(v) ?? []) {
      const other = r.subject === v ? r.object : r.subject;
      if (seen.has(other) || next.has(other) || !passes(r)) continue;
      next.add(other);
      if (any) return next;
    }
  }
  return next;
}
