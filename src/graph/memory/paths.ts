/**
 * Paths over the undirected relation multigraph (`touching`), bounded by maxHops and stopped at k.
 * Rules (the Neo4j store follows the same):
 * - paths are simple (no entity twice); from === to gives [] (a path has at least one relation);
 * - candidates: every path of the shortest length L and of L+1 when L+1 <= maxHops, ordered by
 *   (length, relation ids joined by '|' compared as plain strings), the first k; parallel relations
 *   between the same two entities are separate paths;
 * - a hop is 'forward' when it walks from the relation's subject to its object.
 * How, without whole-graph searches:
 * 1. a bidirectional BFS grows a ball around each end (the smaller frontier first) until they meet: L;
 *    one more level when L+1 paths may be needed, so the radii add up to D (L or L+1);
 * 2. dTo, the distance to `to`, for every node a path of at most D relations can use (the corridor):
 *    the `to` ball gives it up to its radius b; beyond, such a node lies within the `from` ball, so a
 *    BFS restricted to that ball finishes it (see corridorDistances);
 * 3. a depth-first walk from `from`, pruned by dTo, visits relations in the order of the joined key, so
 *    paths come out sorted and the walk stops after k.
 * `budgetMs` is checked every few thousand steps: past it, StoreTimeoutError (HTTP 504).
 */
import type { Path } from '../../schemas/domain';
import type { PathQuery } from '../store';
import type { RelationRecord } from '../data/bundle';
import { clampInt, LIMITS, type TimeFilter } from '../rules';
import { StoreTimeoutError } from '../errors';
import { byKey, relationFilter, toSummary, type MemoryIndexes } from './indexes';
import { traversed } from './traversed';

type Passes = (r: RelationRecord) => boolean;
const other = (r: RelationRecord, v: string) => (r.subject === v ? r.object : r.subject);

export function findPaths(ix: MemoryIndexes, from: string, to: string, q: PathQuery, budgetMs: number = LIMITS.pathBudgetMs): Path[] | null {
  if (!ix.entities.has(from) || !ix.entities.has(to)) return null;
  if (from === to) return [];
  const deadline = performance.now() + budgetMs;
  let steps = 0;
  const check = () => {
    if ((steps++ & 4095) === 0 && performance.now() > deadline) throw new StoreTimeoutError('The query ran past its time budget and was stopped.');
  };
  const maxHops = clampInt(q.maxHops, 1, LIMITS.maxPathHops);
  const k = Math.max(Math.floor(q.k), 0);
  if (k === 0) return [];
  const passes = relationFilter(q);
  const adj = (v: string) => ix.touching.get(v) ?? [];
  check();

  // 1. balls around both ends until they meet (L), then one level more when L+1 may be needed
  const fwd = new Ball(from);
  const back = new Ball(to);
  const smaller = () => (fwd.frontier.length <= back.frontier.length ? fwd : back);
  for (;;) {
    if (fwd.radius + back.radius >= maxHops) return [];
    const side = smaller();
    if (!side.grow(adj, passes, check)) return []; // that end's component is exhausted
    const across = side === fwd ? back : fwd;
    if (side.frontier.some((v) => across.dist.has(v))) break; // they did not meet before: only new nodes can
  }
  const L = fwd.radius + back.radius;
  const D = L + 1 <= maxHops ? L + 1 : L;
  if (D > L) smaller().grow(adj, passes, check);

  // 2. and 3.
  const dTo = corridorDistances(fwd, back, D, adj, passes, check);
  const found = walk(from, to, L, k, dTo, adj, passes, check);
  if (found.length < k && D > L) found.push(...walk(from, to, L + 1, k - found.length, dTo, adj, passes, check));
  return found.map((edges) => toPath(ix, from, edges, q));
}

/** A BFS ball: exact distances from its centre up to `radius`, and the last level. */
class Ball {
  readonly dist = new Map<string, number>();
  radius = 0;
  frontier: string[];
  constructor(centre: string) {
    this.dist.set(centre, 0);
    this.frontier = [centre];
  }

  /** One more level; false when there is none (the walk cannot reach further). */
  grow(adj: (v: string) => RelationRecord[], passes: Passes, check: () => void): boolean {
    const next: string[] = [];
    for (const v of this.frontier) {
      for (const r of adj(v)) {
        check();
        const w = other(r, v);
        if (!this.dist.has(w) && passes(r)) {
          this.dist.set(w, this.radius + 1);
          next.push(w);
        }
      }
    }
    this.radius++;
    this.frontier = next;
    return next.length > 0;
  }
}

/**
 * dTo for every node of the corridor {v : dFrom(v) + dTo(v) <= D}, with fwd of radius a and back of
 * radius b, a + b = D. A corridor node outside `back` (dTo > b) has dFrom <= a - 1, and so does every
 * node after it on its shortest way to `to` until that way enters `back`; so a BFS from `back` that
 * steps only into `fwd` nodes of distance <= a - 1 gives its exact dTo. Other nodes may get a larger
 * figure or none: they are on no path of at most D relations, and the walk skips them either way.
 */
function corridorDistances(fwd: Ball, back: Ball, D: number, adj: (v: string) => RelationRecord[], passes: Passes, check: () => void): Map<string, number> {
  const dTo = new Map(back.dist);
  let rest = [...fwd.dist].filter(([v, d]) => d <= fwd.radius - 1 && !dTo.has(v)).map(([v]) => v);
  for (let t = back.radius + 1; t <= D && rest.length > 0; t++) {
    const reached = rest.filter((v) =>
      adj(v).some((r) => {
        check();
        return dTo.get(other(r, v)) === t - 1 && passes(r);
      }),
    );
    for (const v of reached) dTo.set(v, t);
    rest = rest.filter((v) => !dTo.has(v));
  }
  return dTo;
}

/**
 * The first `need` simple paths of exactly `length` relations, in key order. The key is the relation ids
 * joined by '|': at every step but the last a relation id is followed by '|', so relations are tried in
 * the order of `id + '|'` there and of `id` at the last step.
 */
function walk(from: string, to: string, length: number, need: number, dTo: Map<string, number>, adj: (v: string) => RelationRecord[], passes: Passes, check: () => void): string[][] {
  const out: string[][] = [];
  const onPath = new Set([from]);
  const edges: string[] = [];
  const visit = (v: string) => {
    const step = edges.length;
    const last = step === length - 1;
    const options: Array<{ r: RelationRecord; w: string; key: string }> = [];
    for (const r of adj(v)) {
      check();
      const w = other(r, v);
      const d = dTo.get(w);
      if (d === undefined || onPath.has(w) || step + 1 + d > length || (w === to) !== last || !passes(r)) continue;
      options.push({ r, w, key: last ? r.id : `${r.id}|` });
    }
    options.sort((x, y) => byKey(x.key, y.key));
    for (const { r, w } of options) {
      edges.push(r.id);
      if (last) out.push([...edges]);
      else {
        onPath.add(w);
        visit(w);
        onPath.delete(w);
      }
      edges.pop();
      if (out.length >= need) return;
    }
  };
  visit(from);
  return out;
}

/** A path as the API answers it: its entities and hops, from `from` along `edges` (relation ids). */
export function toPath(ix: MemoryIndexes, from: string, edges: string[], q: TimeFilter): Path {
  let at = from;
  const nodes = [toSummary(ix.entities.get(from)!)];
  const hops = edges.map((id) => {
    const r = ix.relations.get(id)!;
    const forward = r.subject === at;
    const next = forward ? r.object : r.subject;
    const hop = { from: at, to: next, direction: forward ? ('forward' as const) : ('backward' as const), relation: traversed(ix, r, q) };
    nodes.push(toSummary(ix.entities.get(next)!));
    at = next;
    return hop;
  });
  return { length: edges.length, nodes, hops };
}
