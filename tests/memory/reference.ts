/**
 * The memory store's earlier traversals, kept as a reference: whole-graph graphology searches that are
 * slow on big graphs but simple to check by eye. tests/memory/traversal.test.ts compares the bounded
 * walks of src/graph/memory with them on random multigraphs.
 */
import { MultiUndirectedGraph } from 'graphology';
import { bidirectional, singleSourceLength } from 'graphology-shortest-path/unweighted';
import { allSimpleEdgeGroupPaths } from 'graphology-simple-path';
import { bfsFromNode } from 'graphology-traversal';
import type { Path, Subgraph } from '../../src/schemas/domain';
import type { NeighbourhoodQuery, PathQuery } from '../../src/graph/store';
import { byKey, clampInt, LIMITS } from '../../src/graph/rules';
import { relationFilter, toSummary, type MemoryIndexes } from '../../src/graph/memory/indexes';
import { traversed } from '../../src/graph/memory/traversed';
// The answer's shape is shared; what this file checks independently is which paths and nodes are found.
import { toPath } from '../../src/graph/memory/paths';

type G = MultiUndirectedGraph;

function graphOf(ix: MemoryIndexes, q: PathQuery | NeighbourhoodQuery): G {
  const passes = relationFilter(q);
  const g: G = new MultiUndirectedGraph({ allowSelfLoops: true });
  for (const e of ix.entityList) g.addNode(e.id);
  for (const r of ix.relationList) if (passes(r)) g.addEdgeWithKey(r.id, r.subject, r.object);
  return g;
}

export function referencePaths(ix: MemoryIndexes, from: string, to: string, q: PathQuery): Path[] | null {
  if (!ix.entities.has(from) || !ix.entities.has(to)) return null;
  if (from === to) return [];
  const maxHops = clampInt(q.maxHops, 1, LIMITS.maxPathHops);
  const k = Math.max(Math.floor(q.k), 0);
  const g = graphOf(ix, q);
  const shortest = bidirectional(g, from, to);
  if (!shortest || shortest.length - 1 > maxHops) return [];
  const L = shortest.length - 1;
  const dFrom = singleSourceLength(g, from);
  const dTo = singleSourceLength(g, to);
  let candidates = candidatesUpTo(corridor(g, dFrom, dTo, L), from, to, L);
  if (candidates.length < k && L + 1 <= maxHops) candidates = candidatesUpTo(corridor(g, dFrom, dTo, L + 1), from, to, L + 1);
  return candidates.slice(0, k).map((c) => toPath(ix, from, c.edges, q));
}

function candidatesUpTo(g: G, from: string, to: string, maxDepth: number) {
  return allSimpleEdgeGroupPaths(g, from, to, { maxDepth })
    .flatMap((groups: string[][]) => groups.reduce<string[][]>((paths, group) => paths.flatMap((p) => group.map((edge) => [...p, edge])), [[]]))
    .map((edges) => ({ edges, key: edges.join('|') }))
    .sort((a, b) => a.edges.length - b.edges.length || byKey(a.key, b.key));
}

function corridor(g: G, dFrom: Record<string, number>, dTo: Record<string, number>, depth: number): G {
  const c = g.nullCopy();
  g.forEachNode((node) => {
    if ((dFrom[node] ?? Infinity) + (dTo[node] ?? Infinity) <= depth) c.addNode(node);
  });
  g.forEachEdge((key, _attr, source, target) => {
    if (c.hasNode(source) && c.hasNode(target)) c.addEdgeWithKey(key, source, target);
  });
  return c;
}

export function referenceNeighbourhood(ix: MemoryIndexes, id: string, q: NeighbourhoodQuery): Subgraph | null {
  if (!ix.entities.has(id)) return null;
  const g = graphOf(ix, q);
  const maxDepth = clampInt(q.depth, 0, LIMITS.maxDepth);
  const reached: Array<{ id: string; depth: number }> = [];
  bfsFromNode(g, id, (node, _attr, depth) => {
    reached.push({ id: node, depth });
    return depth >= maxDepth;
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
