/**
 * The embedded GraphStore: the whole graph in memory (indexed maps and lists + MiniSearch), loaded from GraphData.
 * It answers exactly like the Neo4j store (tests/contract runs the same suite on both); each rule it
 * follows is written down next to its code: filters.ts, paths.ts, search.ts, timeline.ts, aggregate.ts.
 */
import { Readable } from 'node:stream';
import { toGraphData, type GraphData } from '../data/bundle';
import { bundleVersion, checkPreconditions, planWrite } from '../data/documents';
import { ReadOnlyStoreError } from '../errors';
import { LIMITS } from '../rules';
import type { Bundle } from '../../schemas/bundle';
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
  DocumentPut,
  DocumentWriteResult,
  Preconditions,
  StoredDocument,
} from '../store';
import { documentInfo, relationCounts, schemaInfo, statsOf } from './aggregate';
import { entityMatcher, pageOf, relationMatcher } from './filters';
import { buildIndexes, sortEvidence, toRelation, toSummary, type MemoryIndexes } from './indexes';
import { findPaths } from './paths';
import { neighbourhood } from './neighbourhood';
import { EntitySearch } from './search';
import { Timeline } from './timeline';
import { FilterMemo, filterKey } from './memo';

/** The immutable indexes of one version of the graph; a write builds new ones and swaps them in. */
interface State {
  ix: MemoryIndexes;
  searchIndex: EntitySearch;
  timelineIndex: Timeline;
  /** The matches of recent list filters: a next page pages through the kept list. */
  memo: FilterMemo;
  statsByTop: Map<number, Stats>;
}

function stateOf(data: GraphData): State {
  const ix = buildIndexes(data);
  return { ix, searchIndex: new EntitySearch(ix), timelineIndex: new Timeline(ix), memo: new FilterMemo(), statsByTop: new Map() };
}

export class MemoryGraphStore implements GraphStore {
  readonly kind = 'memory' as const;
  private state: State;

  /** `docs` null: built from merged data without its bundles, so it cannot take writes. */
  private constructor(
    data: GraphData,
    private docs: ReadonlyMap<string, StoredDocument> | null,
    private readonly pathBudgetMs: number = LIMITS.pathBudgetMs,
  ) {
    this.state = stateOf(data);
  }

  private get ix(): MemoryIndexes {
    return this.state.ix;
  }

  /** Read-only store over validated, merged bundles (graph/data/bundle.ts loadGraphData / toGraphData). */
  static fromGraphData(data: GraphData, options: { pathBudgetMs?: number } = {}): MemoryGraphStore {
    return new MemoryGraphStore(data, null, options.pathBudgetMs);
  }

  /** A store over validated bundles that takes writes for the life of the process. */
  static fromBundles(bundles: Bundle[]): MemoryGraphStore {
    const docs = new Map(bundles.map((b) => [b.document.id, { bundle: b, version: bundleVersion(b) } satisfies StoredDocument]));
    return new MemoryGraphStore(toGraphData(bundles), docs);
  }

  async getStoredDocument(id: string): Promise<StoredDocument | null> {
    const d = this.docs?.get(id);
    return d ? structuredClone(d) : null;
  }

  async getBundleText(id: string): Promise<{ text: Readable; version: string } | null> {
    const d = this.docs?.get(id);
    // Kept bundles are never changed in place (each write keeps its own copy): no clone needed to write one out.
    return d ? { text: Readable.from([JSON.stringify(d.bundle)], { objectMode: false }), version: d.version } : null;
  }

  async putDocument(put: DocumentPut): Promise<DocumentWriteResult> {
    const id = put.bundle.document.id;
    const bundle = structuredClone(put.bundle);
    return this.write(id, put, { bundle, version: bundleVersion(bundle), author: put.author, spansVerified: put.spansVerified });
  }

  async deleteDocument(id: string, preconditions: Preconditions): Promise<DocumentWriteResult | null> {
    if (!this.docs?.has(id)) return null;
    return this.write(id, preconditions, null);
  }

  /**
   * Check, merge, build and swap with no await in between: a write is atomic and writes are serialised
   * (one event loop), and a reader sees the old graph or the new one, never a mix.
   */
  private write(id: string, pre: Preconditions, next: StoredDocument | null): DocumentWriteResult {
    if (!this.docs) throw new ReadOnlyStoreError('This memory store was built from merged data without its bundles; it cannot take writes.');
    const current = this.docs.get(id) ?? null;
    checkPreconditions(id, current?.version ?? null, pre);
    const plan = planWrite([...this.docs.values()].map((d) => d.bundle), id, next?.bundle ?? null);
    const docs = new Map(this.docs);
    if (next) docs.set(id, next);
    else docs.delete(id);
    this.state = stateOf(plan.after);
    this.docs = docs;
    return { document: id, version: next?.version ?? null, created: current === null, entities: plan.entities, relations: plan.relations };
  }

  /** The state: a write builds a new one, so answers (and cached responses) keyed by it never go stale. */
  snapshot(): object {
    return this.state;
  }

  async ping(): Promise<void> {}

  async describe(): Promise<StoreDescription> {
    return { store: 'memory', entities: this.ix.entityList.length, relations: this.ix.relationList.length, documents: this.ix.documents.length };
  }

  async close(): Promise<void> {}

  async listEntities(q: EntityQuery): Promise<Page<EntitySummary>> {
    const matches = this.state.memo.get(filterKey('entities', q), () => this.ix.entityList.filter(entityMatcher(q)));
    return pageOf(matches, (e) => e.id, q, toSummary);
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    const e = this.ix.entities.get(id);
    if (!e) return null;
    // A hub's counts walk thousands of relations: kept per graph version, like a list filter's matches.
    const degree = this.ix.touching.get(id)?.length ?? 0;
    const counts = degree < 256 ? relationCounts(this.ix, id) : this.state.memo.get(`relationCounts ${id}`, () => relationCounts(this.ix, id));
    return { ...toSummary(e), mentions: sortEvidence(e.mentions), documents: [...e.documents], relationCounts: counts };
  }

  async listRelations(q: RelationQuery): Promise<Page<Relation>> {
    const matcher = relationMatcher(this.ix, q); // checks the ids first
    // The anchor's own relations (already ordered by id) rather than every relation of the graph: every
    // match touches the entity, the subject and the object asked for (the matcher keeps only those).
    const anchor = q.entity ?? q.subject ?? q.object;
    const source = anchor !== undefined ? (this.ix.touching.get(anchor) ?? []) : this.ix.relationList;
    const matches = this.state.memo.get(filterKey('relations', q), () =>
      source.flatMap((r) => {
        const marks = matcher(r);
        return marks ? [{ r, marks }] : [];
      }),
    );
    return pageOf(matches, (m) => m.r.id, q, (m) => toRelation(this.ix, m.r, m.marks));
  }

  async *streamEntities(q: Pick<EntityQuery, 'kinds'>): AsyncGenerator<EntitySummary> {
    const ix = this.ix; // one version for the whole stream, even if a write swaps the state
    const matches = entityMatcher({ ...q, limit: 0 });
    for (const e of ix.entityList) if (matches(e)) yield toSummary(e);
  }

  async *streamRelations(q: RelationStreamQuery): AsyncGenerator<Relation> {
    const ix = this.ix;
    const matches = relationMatcher(ix, { ...q, limit: 0 });
    for (const e of ix.entityList) {
      for (const r of ix.touching.get(e.id) ?? []) if (r.subject === e.id && matches(r)) yield toRelation(ix, r);
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
    return this.state.searchIndex.search(q);
  }

  async timeline(q: TimelineQuery): Promise<Page<TimelineItem>> {
    return this.state.timelineIndex.query(q);
  }

  async schema(): Promise<SchemaInfo> {
    return schemaInfo(this.ix);
  }

  async listDocuments(): Promise<DocumentInfo[]> {
    return this.ix.documents.map((d) => documentInfo(this.ix, d, this.docs?.get(d.id)));
  }

  async getDocument(id: string): Promise<DocumentInfo | null> {
    const d = this.ix.documents.find((x) => x.id === id);
    return d ? documentInfo(this.ix, d, this.docs?.get(d.id)) : null;
  }

  async stats(top: number): Promise<Stats> {
    const cache = this.state.statsByTop;
    const hit = cache.get(top);
    if (hit) return structuredClone(hit);
    const stats = statsOf(this.ix, top);
    if (cache.size < 64) cache.set(top, structuredClone(stats));
    return stats;
  }
}
