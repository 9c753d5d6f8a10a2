/**
 * The GraphStore over Neo4j 5. Every call is one managed read transaction (retried by the driver on
 * transient errors) in a session closed in `finally`; driver errors become store errors by code
 * (./errors.ts). Queries live in ./queries.ts, record mapping in ./mapper.ts, the model in ./model.ts;
 * the larger answers in ./traversal.ts, ./search.ts, ./timeline.ts and ./aggregate.ts.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
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
import { decodeCursor, toPage } from '../cursor';
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
import { StoreUnavailableError } from '../errors';
import { errorCode, toStoreError } from './errors';
import { CircuitBreaker, type BreakerOptions } from './breaker';
import { ensureSchema } from './load';
import { deleteDocument, ensureWriteLock, putDocument, storedDocument } from './load/document';
import { DerivedCache } from './derived';
import { WarmPlan } from './warm-plan';
import { LIMITS } from '../rules';
import { mapDocument, mapEntityDetail, mapEntitySummary, mapMarkedRelation, mapRelation, toNumber } from './mapper';
import { toWindow } from '../rules';
import { kindsParam, limitParam, modalitiesParam, subtypesParam, typesParam, windowParams } from './params';
import { schemaInfo, stats } from './aggregate';
import { requireEntities } from './lookups';
import * as Q from './queries';
import { search } from './search';
import { timeline } from './timeline';
import { neighbourhood, paths } from './traversal';

export interface Neo4jStoreOptions {
  /** Transaction timeout: Neo4j cancels a longer query (StoreTimeoutError). Default 10 s. */
  queryTimeoutMs?: number;
  /** The time budget of a paths query (a 504 problem past it). */
  pathBudgetMs?: number;
  /**
   * From how many relations the unanchored `GET /relations` page walks the per-type id indexes
   * (Q.LIST_RELATIONS, once its plan is warm) instead of scanning every relation. Default 10,000.
   */
  unionPageMinRelations?: number;
  breaker?: BreakerOptions;
}

/** The parameters of RELATION_FILTER (queries.ts) from a relation query. */
function relationParams(q: RelationStreamQuery) {
  return {
    types: typesParam(q.types),
    ...windowParams(q),
    subject: q.subject ?? null,
    object: q.object ?? null,
    modalities: modalitiesParam(q.modalities),
    assertedBy: q.assertedBy ?? null,
    document: q.document ?? null,
    endpointKinds: kindsParam(q.endpointKinds, 'endpointKinds'),
    entity: q.entity ?? null,
    direction: q.direction ?? 'both',
    counterpartKinds: kindsParam(q.counterpartKinds, 'counterpartKinds'),
  };
}

export class Neo4jGraphStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  readonly breaker: CircuitBreaker;
  private readonly queryTimeoutMs: number;
  /** Totals, stats and counts per graph version (./derived.ts). */
  private readonly derived = new DerivedCache();

  private readonly pathBudgetMs: number;
  private readonly unionPageMinRelations: number;
  /** The relations in the graph when last described (chooses the unanchored page's plan; see ./warm-plan.ts). */
  private relationCount: number | undefined;
  private sizing = false;
  readonly unionPage = new WarmPlan(() => this.explain(Q.LIST_RELATIONS, [relationParams({}), { ...relationParams({}), document: '' }]));

  constructor(
    private readonly driver: Driver,
    private readonly database?: string,
    opts: Neo4jStoreOptions = {},
  ) {
    this.queryTimeoutMs = opts.queryTimeoutMs ?? 10_000;
    this.pathBudgetMs = opts.pathBudgetMs ?? LIMITS.pathBudgetMs;
    this.unionPageMinRelations = opts.unionPageMinRelations ?? 10_000;
    this.breaker = new CircuitBreaker(() => this.pingOnce(), opts.breaker);
  }

  /**
   * One managed read transaction in its own session, behind the circuit breaker (./breaker.ts); the
   * database cancels it past `timeoutMs` (default NEO4J_QUERY_TIMEOUT_MS).
   */
  private read<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.queryTimeoutMs): Promise<T> {
    return this.breaker.run(async () => {
      const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
      try {
        return await session.executeRead(work, { timeout: timeoutMs });
      } catch (err) {
        const storeError = toStoreError(err);
        if (storeError instanceof StoreUnavailableError) this.breaker.trip(`query failed: ${errorCode(err) ?? 'unavailable'}`);
        throw storeError;
      } finally {
        await session.close().catch(() => undefined);
      }
    });
  }

  /** `RETURN 1` in an auto-commit transaction: no driver retries, so a dead database fails at once. */
  private async pingOnce(): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run(Q.PING, {}, { timeout: this.breaker.pingTimeoutMs });
    } finally {
      session.close().catch(() => undefined);
    }
  }

  /** Plans `query` for each parameter set (their types key Neo4j's plan cache), without a time limit. */
  private async explain(query: string, paramSets: Array<Record<string, unknown>>): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      for (const params of paramSets) await session.run(`EXPLAIN ${query}`, { ...params, after: '', limit: limitParam(1) }, { timeout: 0 });
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** Learns the graph's size and, on a large graph, waits until the unanchored page's plan is warm (tests). */
  async warmUp(): Promise<void> {
    if ((await this.describe()).relations >= this.unionPageMinRelations) await this.unionPage.whenReady();
  }

  /** Whether the unanchored page may walk the per-type indexes: a large graph, and the plan is cached. */
  private unionPageReady(): boolean {
    if (this.relationCount === undefined) {
      if (!this.sizing) {
        this.sizing = true;
        this.describe()
          .catch(() => undefined)
          .finally(() => {
            this.sizing = false;
          });
      }
      return false;
    }
    if (this.relationCount < this.unionPageMinRelations) return false;
    this.unionPage.ensure();
    return this.unionPage.ready;
  }

  /** Starts the breaker's background ping (the store plugin calls it; tests may not), reporting changes. */
  watch(onChange?: (open: boolean, reason?: string) => void): void {
    if (onChange) this.breaker.onChange = onChange;
    this.breaker.watch();
  }

  async ping(): Promise<void> {
    if (this.breaker.isOpen || !(await this.breaker.check())) throw new StoreUnavailableError('The graph store is unreachable.', 1);
  }

  async describe(): Promise<StoreDescription> {
    return this.read(async (tx) =>
      this.derived.through(await DerivedCache.versionIn(tx), 'describe', async () => {
        const rec = (await tx.run(Q.DESCRIBE)).records[0]!;
        this.relationCount = toNumber(rec.get('relations'));
        if (this.relationCount >= this.unionPageMinRelations) this.unionPage.ensure();
        return {
          store: 'neo4j' as const,
          entities: toNumber(rec.get('entities')),
          relations: toNumber(rec.get('relations')),
          documents: toNumber(rec.get('documents')),
        };
      }),
    );
  }

  async close(): Promise<void> {
    this.breaker.stop();
    await this.driver.close();
  }

  async listEntities(q: EntityQuery): Promise<Page<EntitySummary>> {
    const after = decodeCursor(q.cursor) ?? '';
    const params = {
      kinds: kindsParam(q.kinds),
      subtypes: subtypesParam(q.subtypes),
      prefix: q.prefix === undefined || q.prefix === '' ? null : q.prefix.toLowerCase(),
      document: q.document ?? null,
    };
    return this.read(async (tx) => {
      // The page and the graph version, pipelined; the total from the cache for this version and filter.
      const [version, res] = await Promise.all([DerivedCache.versionIn(tx), tx.run(Q.LIST_ENTITIES, { ...params, after, limit: limitParam(q.limit + 1) })]);
      const total = await this.derived.through(version, `entities ${JSON.stringify(params)}`, async () =>
        toNumber((await tx.run(Q.COUNT_ENTITIES, params)).records[0]!.get('total')),
      );
      const fetched = res.records.map((r) => mapEntitySummary(r.get('entity')));
      return toPage(fetched, q.limit, (e) => e.id, total);
    });
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    return this.read(async (tx) => {
      const rec = (await tx.run(Q.GET_ENTITY, { id })).records[0];
      if (!rec) return null;
      return mapEntityDetail(rec.get('entity'), rec.get('mentions'), rec.get('outTypes'), rec.get('inTypes'), rec.get('documents'));
    });
  }

  /** One auto-commit read query whose records are pulled as the consumer iterates (driver backpressure). */
  private async *stream<T>(query: string, params: Record<string, unknown>, map: (record: { get(key: string): unknown }) => T): AsyncGenerator<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      for await (const record of session.run(query, params)) yield map(record);
    } catch (err) {
      throw toStoreError(err);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  streamEntities(q: Pick<EntityQuery, 'kinds'>): AsyncGenerator<EntitySummary> {
    return this.stream(Q.STREAM_ENTITIES, { kinds: kindsParam(q.kinds) }, (r) => mapEntitySummary(r.get('entity')));
  }

  async *streamRelations(q: RelationStreamQuery): AsyncGenerator<Relation> {
    const params = relationParams(q);
    // The ids named by filters must exist (as for listRelations), checked before the stream starts.
    await this.read((tx) => requireEntities(tx, { entity: q.entity, subject: q.subject, object: q.object, assertedBy: q.assertedBy }));
    yield* this.stream(Q.STREAM_RELATIONS, params, (r) => mapRelation(r.get('relation')));
  }

  async listRelations(q: RelationQuery): Promise<Page<Relation>> {
    const params = relationParams(q);
    const after = decodeCursor(q.cursor) ?? '';
    return this.read(async (tx) => {
      const unanchoredPage =
        params.subject === null &&
        params.object === null &&
        params.modalities === null &&
        params.assertedBy === null &&
        params.endpointKinds === null &&
        this.unionPageReady()
          ? Q.LIST_RELATIONS
          : Q.LIST_RELATIONS_FILTERED;
      const [count, list] = q.entity === undefined ? [Q.COUNT_RELATIONS, unanchoredPage] : [Q.COUNT_RELATIONS_OF_ENTITY, Q.LIST_RELATIONS_OF_ENTITY];
      // The id check, the graph version and the page, pipelined in one transaction; the total from the
      // cache for this version and filter (counted once per graph version).
      const [version, , res] = await Promise.all([
        DerivedCache.versionIn(tx),
        requireEntities(tx, { entity: q.entity, subject: q.subject, object: q.object, assertedBy: q.assertedBy }),
        tx.run(list, { ...params, after, limit: limitParam(q.limit + 1) }),
      ]);
      const total = await this.derived.through(version, `relations ${JSON.stringify(params)}`, async () =>
        toNumber((await tx.run(count, params)).records[0]!.get('total')),
      );
      const window = toWindow(q);
      const fetched = res.records.map((r) => mapMarkedRelation(r.get('relation'), window, r.get('requestedEnd')));
      return toPage(fetched, q.limit, (r) => r.id, total);
    });
  }

  async getRelation(id: string): Promise<Relation | null> {
    return this.read(async (tx) => {
      const rec = (await tx.run(Q.GET_RELATION, { id })).records[0];
      return rec ? mapRelation(rec.get('relation')) : null;
    });
  }

  async neighbourhood(id: string, q: NeighbourhoodQuery): Promise<Subgraph | null> {
    return this.read((tx) => neighbourhood(tx, id, q));
  }

  async paths(from: string, to: string, q: PathQuery): Promise<Path[] | null> {
    return this.read((tx) => paths(tx, from, to, q), this.pathBudgetMs);
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    return this.read((tx) => search(tx, q));
  }

  async timeline(q: TimelineQuery): Promise<Page<TimelineItem>> {
    return this.read((tx) => timeline(tx, q, this.derived));
  }

  async schema(): Promise<SchemaInfo> {
    return this.read(async (tx) => this.derived.through(await DerivedCache.versionIn(tx), 'schema', () => schemaInfo(tx)));
  }

  async listDocuments(): Promise<DocumentInfo[]> {
    return this.read(async (tx) =>
      this.derived.through(await DerivedCache.versionIn(tx), 'documents', async () => {
        const res = await tx.run(Q.DOCUMENTS, { id: null });
        return res.records.map((r) => mapDocument(r.get('document'), r.get('publisher'), r.get('entityCount'), r.get('relationCount')));
      }),
    );
  }

  async getDocument(id: string): Promise<DocumentInfo | null> {
    return this.read(async (tx) =>
      this.derived.through(await DerivedCache.versionIn(tx), `document ${id}`, async () => {
        const rec = (await tx.run(Q.DOCUMENTS, { id })).records[0];
        return rec ? mapDocument(rec.get('document'), rec.get('publisher'), rec.get('entityCount'), rec.get('relationCount')) : null;
      }),
    );
  }

  async stats(top: number): Promise<Stats> {
    return this.read(async (tx) => this.derived.through(await DerivedCache.versionIn(tx), `stats ${top}`, () => stats(tx, top)));
  }

  async getStoredDocument(id: string): Promise<StoredDocument | null> {
    return this.read((tx) => storedDocument(tx, id));
  }

  async putDocument(put: DocumentPut): Promise<DocumentWriteResult> {
    return this.write(() => putDocument(this.driver, put, this.database));
  }

  async deleteDocument(id: string, preconditions: Preconditions): Promise<DocumentWriteResult | null> {
    return this.write(() => deleteDocument(this.driver, id, preconditions, this.database));
  }

  /** Constraints and indexes exist before the first write (IF NOT EXISTS: once per store is enough). */
  private schemaReady: Promise<void> | undefined;

  private async write<T>(work: () => Promise<T>): Promise<T> {
    try {
      this.schemaReady ??= ensureSchema(this.driver, { database: this.database })
        .then(() => ensureWriteLock(this.driver, this.database))
        .catch((err: unknown) => {
        this.schemaReady = undefined;
        throw err;
      });
      await this.schemaReady;
      return await work();
    } catch (err) {
      throw toStoreError(err);
    }
  }
}
