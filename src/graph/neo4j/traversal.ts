/**
 * Neighbourhood and paths, each one auto-commit statement (one round trip, one snapshot), without a
 * per-relationship test when the query lets every relation through (queries.TraversalForms).
 *
 * Neighbourhood: breadth-first, one bounded step per level (depth <= 3, a template per depth). A level
 * keeps only as many new nodes as the budget still has room for, plus one (to know it was cut); nodes
 * come out in (distance, id) order, so stopping at maxNodes + 1 gives exactly the first maxNodes of the
 * full order. A level may walk the entity id index rather than expand a hub (DenseWalk). See
 * queries.NEIGHBOURHOOD.
 * Paths: the ends, SHORTEST 2 GROUPS with the literal maxHops <= 6, and the paths' entities and
 * relations; see queries.PATHS.
 */
import type { Path, Subgraph } from '../../schemas/domain';
import type { NeighbourhoodQuery, PathQuery } from '../store';
import { mapEntitySummary, mapMarkedRelation, toNumber } from './mapper';
import { clampInt, LIMITS, toWindow } from '../rules';
import { pick } from './lookups';
import type { RunOne } from './search';
import { limitParam, passesEveryRelation, typesParam, windowParams } from './params';
import { NEIGHBOURHOOD, PATHS, type TraversalForms } from './queries';

/** The traversal's test parameters, and its statement: without the test when every relation passes. */
function traversal(forms: TraversalForms, n: number, q: NeighbourhoodQuery | PathQuery) {
  const params = { types: typesParam(q.types), ...windowParams(q) };
  return { query: (passesEveryRelation(params) ? forms.every : forms.filtered)[n]!, params };
}

/**
 * When a level walks the entity id index instead of expanding a frontier node (queries.NEIGHBOURHOOD, without the
 * test only): from what degree, and how many index entries it may read before expanding after all; and from how
 * many outgoing relations a kept node's edges are found by an Expand(Into) towards each kept node.
 */
export interface DenseWalk {
  denseDegree: number;
  walkBudget: number;
  intoDegree: number;
}
const NO_WALK: DenseWalk = { denseDegree: Number.MAX_SAFE_INTEGER, walkBudget: 0, intoDegree: Number.MAX_SAFE_INTEGER };

export async function neighbourhood(run: RunOne, id: string, q: NeighbourhoodQuery, walk: DenseWalk = NO_WALK): Promise<Subgraph | null> {
  const depth = clampInt(q.depth, 0, LIMITS.maxDepth);
  const maxNodes = Math.max(Math.floor(q.maxNodes), 0);
  const maxEdges = Math.max(Math.floor(q.maxEdges), 0);
  const { query, params } = traversal(NEIGHBOURHOOD, depth, q);
  const [rec, ...records] = await run(query, {
    id,
    ...params,
    maxNodes: limitParam(maxNodes),
    edgeLimit: limitParam(maxEdges + 1),
    denseDegree: limitParam(walk.denseDegree),
    walkBudget: limitParam(walk.walkBudget),
    intoDegree: limitParam(walk.intoDegree),
  });
  if (!rec!.get('found')) return null;
  const window = toWindow(q);
  const rows = records.flatMap((r) => r.get('items') as unknown[]);
  const nodeCount = toNumber(rec!.get('nodeCount'));
  const edges = rows.slice(nodeCount).map((r) => mapMarkedRelation(r, window));
  const nodes = new Map(rows.slice(0, nodeCount).map((n) => mapEntitySummary(n)).map((e) => [e.id, e]));
  return {
    nodes: (rec!.get('kept') as string[]).map((n) => pick(nodes, n)),
    edges: edges.slice(0, maxEdges),
    truncated: (rec!.get('nodesCut') as boolean) || edges.length > maxEdges,
  };
}

export async function paths(run: RunOne, from: string, to: string, q: PathQuery): Promise<Path[] | null> {
  const hops = clampInt(q.maxHops, 1, LIMITS.maxPathHops);
  const k = Math.max(Math.floor(q.k), 0);
  const { query, params } = traversal(PATHS, hops, q);
  const [rec] = await run(query, { from, to, ...params, k: limitParam(k) });
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
