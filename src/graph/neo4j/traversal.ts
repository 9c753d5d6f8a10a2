/**
 * Neighbourhood and paths, each inside one read transaction.
 *
 * Neighbourhood: breadth-first, one bounded query per level (depth <= 3). A level asks only for as many
 * new nodes as the budget still has room for, plus one (to know it was cut); nodes come out in
 * (distance, id) order, so stopping at maxNodes + 1 gives exactly the first maxNodes of the full order.
 * Paths: one SHORTEST 2 GROUPS query whose quantifier is the literal maxHops (<= 6); see queries.PATHS.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Path, Subgraph } from '../../schemas/domain';
import type { NeighbourhoodQuery, PathQuery } from '../store';
import { mapMarkedRelation } from './mapper';
import { clampInt, LIMITS, toWindow } from '../rules';
import { entitiesById, pick, relationsById } from './lookups';
import { limitParam, typesParam, windowParams } from './params';
import { EDGES_AMONG, NEXT_LEVEL, PATHS } from './queries';

export async function neighbourhood(tx: ManagedTransaction, id: string, q: NeighbourhoodQuery): Promise<Subgraph | null> {
  const centre = await entitiesById(tx, [id]);
  if (!centre.has(id)) return null;
  const filter = { types: typesParam(q.types), ...windowParams(q) };
  const depth = clampInt(q.depth, 0, LIMITS.maxDepth);
  const maxNodes = Math.max(Math.floor(q.maxNodes), 0);
  const maxEdges = Math.max(Math.floor(q.maxEdges), 0);

  const ordered = [id];
  let frontier = [id];
  for (let level = 1; level <= depth && frontier.length > 0 && ordered.length <= maxNodes; level++) {
    const res = await tx.run(NEXT_LEVEL, {
      ...filter,
      frontier,
      seen: ordered,
      limit: limitParam(maxNodes + 1 - ordered.length),
    });
    frontier = res.records.map((r) => r.get('id') as string);
    ordered.push(...frontier);
  }
  const kept = ordered.slice(0, maxNodes);
  const nodesCut = ordered.length > kept.length;

  const edgeRes = await tx.run(EDGES_AMONG, { ...filter, ids: kept, limit: limitParam(maxEdges + 1) });
  const window = toWindow(q);
  const edges = edgeRes.records.map((r) => mapMarkedRelation(r.get('relation'), window));
  const edgesCut = edges.length > maxEdges;

  const nodes = await entitiesById(tx, kept);
  return {
    nodes: kept.map((n) => pick(nodes, n)),
    edges: edges.slice(0, maxEdges),
    truncated: nodesCut || edgesCut,
  };
}

export async function paths(tx: ManagedTransaction, from: string, to: string, q: PathQuery): Promise<Path[] | null> {
  const ends = await entitiesById(tx, [from, to]);
  if (!ends.has(from) || !ends.has(to)) return null;
  if (from === to) return []; // a path has at least one relation and never repeats an entity
  const hops = clampInt(q.maxHops, 1, LIMITS.maxPathHops);
  const k = Math.max(Math.floor(q.k), 0);
  if (k === 0) return [];
  const res = await tx.run(PATHS[hops]!, {
    from,
    to,
    types: typesParam(q.types),
    ...windowParams(q),
    k: limitParam(k),
  });
  const found = res.records.map((r) => ({
    nodeIds: r.get('nodeIds') as string[],
    relationIds: r.get('relationIds') as string[],
  }));
  if (found.length === 0) return [];

  const nodes = await entitiesById(tx, [...new Set(found.flatMap((p) => p.nodeIds))]);
  const relations = await relationsById(tx, [...new Set(found.flatMap((p) => p.relationIds))], toWindow(q));
  return found.map(({ nodeIds, relationIds }) => ({
    length: relationIds.length,
    nodes: nodeIds.map((n) => pick(nodes, n)),
    hops: relationIds.map((rid, i) => {
      const relation = pick(relations, rid);
      const hopFrom = nodeIds[i]!;
      return {
        from: hopFrom,
        to: nodeIds[i + 1]!,
        direction: relation.subject.id === hopFrom ? ('forward' as const) : ('backward' as const),
        relation,
      };
    }),
  }));
}
