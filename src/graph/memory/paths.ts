/**
 * Paths and neighbourhoods over the undirected relation multigraph, with graphology's own algorithms:
 * the shortest length from graphology-shortest-path, the candidates from graphology-simple-path
 * (edge-group paths, so parallel relations between the same two entities are separate paths), the
 * neighbourhood from graphology-traversal's BFS. Rules (the Neo4j store follows the same):
 * - paths are simple (no entity twice); from === to gives [] (a path has at least one relation);
 * - candidates: every path of the shortest length L and of L+1 when L+1 <= maxHops, ordered by
 *   (length, relation ids joined by '|' compared as plain strings), the first k;
 * - a hop is 'forward' when it walks from the relation's subject to its object;
 * - neighbourhood: nodes within `depth` hops ordered by (distance, id), the centre first, cut at
 *   maxNodes; edges are every passing relation with both ends among the kept nodes (self-loops
 *   included), ordered by id, cut at maxEdges; truncated when either cut dropped something.
 */
import { bidirectional, singleSourceLength } from 'graphology-shortest-path/unweighted';
import { allSimpleEdgeGroupPaths } from 'graphology-simple-path';
import { bfsFromNode } from 'graphology-traversal';
import type { Path, Subgraph } from '../../schemas/domain';
import type { NeighbourhoodQuery, PathQuery } from '../store';
import type { RelationRecord } from '../data/bundle';
import { clampInt, LIMITS, timeMatch, toWindow, type TimeFilter } from '../rules';
import { StoreTimeoutError } from '../errors';
import { byKey, toRelation, toSummary, traversalGraph, type MemoryIndexes, type RelationGraph } from './indexes';

/** The relation as returned by a traversal: marked with how it matched the time window, if one is given. */
function traversed(ix: MemoryIndexes, r: RelationRecord, q: TimeFilter) {
  const window = toWindow(q);
  return toRelation(ix, r, window ? { timeMatch: timeMatch(r.keys, window) } : {});
}

/**
 * `budgetMs`: checked between the steps (each graphology call runs to its end), so a request stops
 * soon after its budget with StoreTimeoutError instead of running the next, larger step.
 */
export function findPaths(ix: MemoryIndexes, from: string, to: string, q: PathQuery, budgetMs: number = LIMITS.pathBudgetMs): Path[] | null {
  if (!ix.entities.has(from) || !ix.entities.has(to)) return null;
  if (from === to) return [];
  const deadline = performance.now() + budgetMs;
  const check = () => {
    if (performance.now() > deadline) throw new StoreTimeoutError('The query ran past its time budget and was stopped.');
  };
  const maxHops = clampInt(q.maxHops, 1, LIMITS.maxPathHops);
  const k = Math.max(Math.floor(q.k), 0);
  const g = traversalGraph(ix, q);
  check();
  const shortest = bidirectional(g, from, to);
  if (!shortest || shortest.length - 1 > maxHops) return [];
  const L = shortest.length - 1;
  check();
  const dFrom = singleSourceLength(g, from);
  const dTo = singleSourceLength(g, to);
  check();
  // Every length-L path sorts before every longer one, so L+1 is only needed when L gives fewer than k.
  let candidates = candidatesUpTo(corridor(g, dFrom, dTo, L), from, to, L);
  check();
  if (candidates.length < k && L + 1 <= maxHops) candidates = candidatesUpTo(corridor(g, dFrom, dTo, L + 1), from, to, L + 1);
  check();
  return candidates.slice(0, k).map((c) => toPath(ix, from, c.edges, q));
}

function candidatesUpTo(g: RelationGraph, from: string, to: string, maxDepth: number) {
  return allSimpleEdgeGroupPaths(g, from, to, { maxDepth })
    .flatMap(expandGroups)
    .map((edges) => ({ edges, key: edges.join('|') }))
    .sort((a, b) => a.edges.length - b.edges.length || byKey(a.key, b.key));
}

/**
 * The part of the graph a path of at most `depth` relations can use: a node v at step i of such a
 * path has dist(from, v) <= i and dist(v, to) <= depth - i. Enumerating simple paths only there keeps
 * hubs far from both ends out of the search.
 */
function corridor(g: RelationGraph, dFrom: Record<string, number>, dTo: Record<string, number>, depth: number): RelationGraph {
  const c = g.nullCopy();
  g.forEachNode((node, attr) => {
    if ((dFrom[node] ?? Infinity) + (dTo[node] ?? Infinity) <= depth) c.addNode(node, attr);
  });
  g.forEachEdge((key, attr, source, target) => {
    if (c.hasNode(source) && c.hasNode(target)) c.addEdgeWithKey(key, source, target, attr);
  });
  return c;
}

/** [[r1, r2], [r3]] (parallel relations per step) -> [[r1, r3], [r2, r3]]. */
function expandGroups(groups: string[][]): string[][] {
  return groups.reduce<string[][]>((paths, group) => paths.flatMap((p) => group.map((edge) => [...p, edge])), [[]]);
}

function toPath(ix: MemoryIndexes, from: string, edges: string[], q: TimeFilter): Path {
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

export function neighbourhood(ix: MemoryIndexes, id: string, q: NeighbourhoodQuery): Subgraph | null {
  if (!ix.entities.has(id)) return null;
  const g = traversalGraph(ix, q);
  const maxDepth = clampInt(q.depth, 0, LIMITS.maxDepth);
  const reached: Array<{ id: string; depth: number }> = [];
  bfsFromNode(g, id, (node, _attr, depth) => {
    reached.push({ id: node, depth });
    return depth >= maxDepth; // true = do not expand beyond the requested depth
  });
  reached.sort((a, b) => a.depth - b.depth || byKey(a.id, b.id));
  const kept = reached.slice(0, q.maxNodes);
  const keep = new Set(kept.map((n) => n.id));
  const edges = ix.relationList.filter((r) => g.hasEdge(r.id) && keep.has(r.subject) && keep.has(r.object));
  return {
    nodes: kept.map((n) => toSummary(ix.entities.get(n.id)!)),
    edges: edges.slice(0, q.maxEdges).map((r) => traversed(ix, r, q)),
    truncated: reached.length > kept.length || edges.length > q.maxEdges,
  };
}
