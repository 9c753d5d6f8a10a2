/**
 * The embedded GraphStore: the whole graph in memory (graphology + MiniSearch), loaded from GraphData.
 * It answers exactly like the Neo4j store (tests/contract runs the same suite on both); each rule it
 * follows is written down next to its code: filters.ts, paths.ts, search.ts, timeline.ts, aggregate.ts.
 */
import type { GraphData } from '../data/bundle';
import { LIMITS } from '../rules';
import type {
  DocumentInfo,
  EntityDetail,
  EntitySummary,
  Path,
  Relation,
  SchemaInfo,
  SearchHit,
  Stats,
  Subgraph,
  TimelineItem,
} from '../../schemas/domain';
import type {
  EntityQuery,
  GraphStore,
  NeighbourhoodQuery,
  Page,
  PathQuery,
  RelationQuery,
  RelationStreamQuery,
  SearchQuery,
  StoreDescription,
  TimelineQuery,
} from '../store';
import { documentInfo, relationCounts, schemaInfo, statsOf } from './aggregate';
import { entityMatcher, pageOf, relationMatcher } from './filters';
import { buildIndexes, sortEvidence, toRelation, toSummary, type MemoryIndexes } from './indexes';
import { findPaths, neighbourhood } from './paths';
import { EntitySearch } from './search';
import { Timeline } from './timeline';

/**
 * The matches of recent list filters (the graph never changes after the build): a next page, or another
 * request with the same filter, pages through the kept list instead of filtering the graph again.
 */
class FilterMemo {
  private readonly entries = new Map<string, unknown[]>();
  constructor(private readonly size = 64) {}

  get<T>(key: string, compute: () => T[]): T[] {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as T[];
    }
    const value = compute();
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }
}

/** A query without its page: the key of its matches. */
const filterKey = (kind: string, q: object) => `${kind} ${JSON.stringify({ ...q, limit: undefined, cursor: undefined })}`;

export class MemoryGraphStore implements GraphStore {
  readonly kind = 'memory' as const;
  private readonly memo = new FilterMemo();
  private readonly statsByTop = new Map<number, Stats>();
  private readonly searchIndex: EntitySearch;
  private readonly timelineIndex: Timeline;

  private constructor(
    private readonly ix: MemoryIndexes,
    private readonly pathBudgetMs: number = LIMITS.pathBudgetMs,
  ) {
    this.searchIndex = new EntitySearch(ix);
    this.timelineIndex = new Timeline(ix);
  }

  /** Build the store from validated, merged bundles (graph/data/bundle.ts loadGraphData / toGraphData). */
  static fromGraphData(data: GraphData, options: { pathBudgetMs?: number } = {}): MemoryGraphStore {
    return new MemoryGraphStore(buildIndexes(data), options.pathBudgetMs);
  }

  async ping(): Promise<void> {}

  async describe(): Promise<StoreDescription> {
    return { store: 'memory', entities: this.ix.entityList.length, relations: this.ix.relationList.length, documents: this.ix.documents.length };
  }

  async close(): Promise<void> {}

  async listEntities(q: EntityQuery): Promise<Page<EntitySummary>> {
    const matches = this.memo.get(filterKey('entities', q), () => this.ix.entityList.filter(entityMatcher(q)));
    return pageOf(matches, (e) => e.id, q, toSummary);
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    const e = this.ix.entities.get(id);
    if (!e) return null;
    return { ...toSummary(e), mentions: sortEvidence(e.mentions), relationCounts: relationCounts(this.ix, id) };
  }

  async listRelations(q: RelationQuery): Promise<Page<Relation>> {
    const matcher = relationMatcher(this.ix, q); // checks the ids first
    // An entity's own relations (already ordered by id) rather than every relation of the graph.
    const source = q.entity !== undefined ? (this.ix.touching.get(q.entity) ?? []) : this.ix.relationList;
    const matches = this.memo.get(filterKey('relations', q), () =>
      source.flatMap((r) => {
        const marks = matcher(r);
        return marks ? [{ r, marks }] : [];
      }),
    );
    return pageOf(matches, (m) => m.r.id, q, (m) => toRelation(this.ix, m.r, m.marks));
  }

  async *streamEntities(q: Pick<EntityQuery, 'kinds'>): AsyncGenerator<EntitySummary> {
    const matches = entityMatcher({ ...q, limit: 0 });
    for (const e of this.ix.entityList) if (matches(e)) yield toSummary(e);
  }

  async *streamRelations(q: RelationStreamQuery): AsyncGenerator<Relation> {
    const matches = relationMatcher(this.ix, { ...q, limit: 0 });
    for (const e of this.ix.entityList) {
      for (const r of this.ix.touching.get(e.id) ?? []) if (r.subject === e.id && matches(r)) yield toRelation(this.ix, r);
    }
  }

  async getRelation(id: string): Promise<Relation | null> {
    const r = this.ix.relations.get(id);
    return r ? toRelation(this.ix, r) : null;
  }

  async neighbourhood(id: string, q: NeighbourhoodQuery): Promise<Subgraph | null> {
    return neighbourhood(this.ix, id, q);
  }

  async paths(from: string, to: string, q: PathQuery): Promise<Path[] | null> {
    return findPaths(this.ix, from, to, q, this.pathBudgetMs);
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    return this.searchIndex.search(q);
  }

  async timeline(q: TimelineQuery): Promise<Page<TimelineItem>> {
    return this.timelineIndex.query(q);
  }

  async schema(): Promise<SchemaInfo> {
    return schemaInfo(this.ix);
  }

  async listDocuments(): Promise<DocumentInfo[]> {
    return this.ix.documents.map((d) => documentInfo(this.ix, d));
  }

  async getDocument(id: string): Promise<DocumentInfo | null> {
    const d = this.ix.documents.find((x) => x.id === id);
    return d ? documentInfo(this.ix, d) : null;
  }

  async stats(top: number): Promise<Stats> {
    const hit = this.statsByTop.get(top);
    if (hit) return structuredClone(hit);
    const stats = statsOf(this.ix, top);
    if (this.statsByTop.size < 64) this.statsByTop.set(top, structuredClone(stats));
    return stats;
  }
}
