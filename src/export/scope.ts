/**
 * Which part of the graph an export holds, and the node and edge streams of it.
 * - Whole graph: every entity (of the chosen kinds) and every relation (of the chosen types, valid in the
 *   time window, with both ends of the chosen kinds), each read with ONE streamed store query
 *   (streamEntities / streamRelations) pulled as the writer goes, so the export never holds the graph in
 *   memory and costs no count or page query. Relations come ordered by (subject id, relation id).
 * - Neighbourhood of an entity: store.neighbourhood within its budgets (at most 500 nodes), then the
 *   kind filter; relations are those among the kept nodes.
 * Time filters apply to relations (statements) with the store's rule: only what is known to hold in the
 * window, or with `possible` also what may hold (src/graph/rules/time.ts); entities are kept whatever
 * their own dates, so that no exported relation points at a missing node.
 */
import type { GraphStore, TimeFilter } from '../graph/store';
import type { EntitySummary, Relation } from '../schemas/domain';
import type { EntityKind, RelationType } from '../schemas/vocabulary';
import { timeFilter } from '../graph/rules';
import { LIMITS } from '../graph/rules';

/** Budgets of a neighbourhood export. */
export const NEIGHBOURHOOD_BUDGET = { maxNodes: LIMITS.maxNodes, maxEdges: LIMITS.maxEdges } as const;

export interface ScopeParams {
  entity?: string;
  depth?: number;
  type?: RelationType[];
  kind?: EntityKind[];
  asOf?: string;
  since?: string;
  until?: string;
  possible?: boolean;
}

interface GraphScope {
  kind: 'graph';
  name: string;
  kinds?: EntityKind[];
  types?: RelationType[];
  time: TimeFilter;
  /**
   * The entity stream, started while resolving and its first item read, so a store outage is answered
   * (503) before the response starts; `release` (when the response closes) ends it if the writer never read it,
   * and gives back the store's export turn.
   */
  nodes: AsyncGenerator<EntitySummary>;
  first: IteratorResult<EntitySummary>;
  release: () => void;
  consumed?: boolean;
  truncated: false;
}

interface NeighbourhoodScope {
  kind: 'neighbourhood';
  name: string;
  nodes: EntitySummary[];
  edges: Relation[];
  /** A budget of store.neighbourhood cut the result. */
  truncated: boolean;
}

export type ExportScope = GraphScope | NeighbourhoodScope;

const nonEmpty = <T>(xs: T[] | undefined) => (xs && xs.length > 0 ? xs : undefined);

/** Resolves the scope the query asks for; null when `entity` names no entity. */
export async function resolveScope(store: GraphStore, params: ScopeParams, signal?: AbortSignal): Promise<ExportScope | null> {
  const kinds = nonEmpty(params.kind);
  const types = nonEmpty(params.type);
  const time = timeFilter(params);
  if (params.entity !== undefined) {
    const depth = params.depth ?? 1;
    const sub = await store.neighbourhood(params.entity, { depth, types, ...time, ...NEIGHBOURHOOD_BUDGET, signal });
    if (!sub) return null;
    const nodes = kinds ? sub.nodes.filter((n) => kinds.includes(n.kind)) : sub.nodes;
    const kept = new Set(nodes.map((n) => n.id));
    const edges = sub.edges.filter((e) => kept.has(e.subject.id) && kept.has(e.object.id));
    return { kind: 'neighbourhood', name: `${params.entity}-depth${depth}`, nodes, edges, truncated: sub.truncated };
  }
  // The store's turn first (Neo4j: a few exports stream at once), held until the response closes.
  const endTurn = (await store.exportTurn?.(signal)) ?? (() => undefined);
  const nodes = store.streamEntities({ kinds });
  let first: IteratorResult<EntitySummary>;
  try {
    first = await nodes.next();
  } catch (err) {
    endTurn();
    throw err;
  }
  const release = () => {
    endTurn();
    void nodes.return(undefined).catch(() => undefined);
  };
  return { kind: 'graph', name: 'graph', kinds, types, time, nodes, first, release, truncated: false };
}

/** The scope's entities, in id order for the whole graph, nearest first for a neighbourhood. */
export async function* scopeNodes(store: GraphStore, scope: ExportScope): AsyncGenerator<EntitySummary> {
  if (scope.kind === 'neighbourhood') {
    yield* scope.nodes;
    return;
  }
  // The first pass continues the stream opened by resolveScope; a later pass (a writer reading twice) opens a new one.
  const { first, nodes } = scope;
  if (!scope.consumed) {
    scope.consumed = true;
    if (first.done) return;
    yield first.value;
    yield* nodes;
    return;
  }
  yield* store.streamEntities({ kinds: scope.kinds });
}

/** The scope's relations (whole graph: by subject id, then id); both ends are always among scopeNodes. */
export async function* scopeEdges(store: GraphStore, scope: ExportScope): AsyncGenerator<Relation> {
  if (scope.kind === 'neighbourhood') {
    yield* scope.edges;
    return;
  }
  yield* store.streamRelations({ types: scope.types, endpointKinds: scope.kinds, ...scope.time });
}
