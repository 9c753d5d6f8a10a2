/**
 * Neighbourhood (one read transaction) and paths (one statement).
 *
 * Neighbourhood: breadth-first, one bounded query per level (depth <= 3). A level asks only for as many
 * new nodes as the budget still has room for, plus one (to know it was cut); nodes come out in
 * (distance, id) order, so stopping at maxNodes + 1 gives exactly the first maxNodes of the full order.
 * Paths: one auto-commit statement (the ends, SHORTEST 2 GROUPS with the literal maxHops <= 6, and the
 * paths' entities and relations); see queries.PATHS.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Path, Subgraph } from '../../schemas/domain';
import type { NeighbourhoodQuery, PathQuery } from '../store';
import { mapEntitySummary, mapMarkedRelation } from './mapper';
import { clampInt, LIMITS, toWindow } from '../rules';
import { entitiesById, pick } from './lookups';
import type { RunOne } from './search';
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

export async function paths(run: RunOne, from: string, to: string, q: PathQuery): Promise<Path[] | null> {
  const hops = clampInt(q.maxHops, 1, LIMITS.maxPathHops);
  const k = Math.max(Math.floor(q.k), 0);
  const [rec] = await run(PATHS[hops]!, { from, to, types: typesParam(q.types), ...windowParams(q), k: limitParam(k) });
  if (!rec!.get('ends')) return null;
  if (from === to || k === 0) return []; // a path has at least one relation and never repeats an entity
  const window = toWindow(q);
  return (rec!.get('found') as Array<{ nodes: unknown[]; relations: unknown[] }>).map((p) => {
    const nodes = p.nodes.map((n) => mapEntitySummary(n));
    const relations = p.relations.map((r) => mapMarkedRelation(r, window));
    return {
      length: relations.length,
      nodes,
      hops: relations.map((relation, i) => {
        const hopFrom = nodes[i]!.id;
        return {
          from: hopFrom,
          to: nodes[i + 1]!.id,
          direction: relation.subject.id === hopFrom ? ('forward' as const) : ('backward' as const),
          relation,
        };
      }),
    };
  });
}
