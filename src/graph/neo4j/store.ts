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
  breaker?: BreakerOptions;
}

export class Neo4jGraphStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  readonly breaker: CircuitBreaker;
  private readonly queryTimeoutMs: number;

  constructor(
    private readonly driver: Driver,
    private readonly database?: string,
    opts: Neo4jStoreOptions = {},
  ) {
    this.queryTimeoutMs = opts.queryTimeoutMs ?? 10_000;
    this.breaker = new CircuitBreaker(() => this.pingOnce(), opts.breaker);
  }

  /** One managed read transaction in its own session, behind the circuit breaker (./breaker.ts). */
  private read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.breaker.run(async () => {
      const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
      try {
        return await session.executeRead(work, { timeout: this.queryTimeoutMs });
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

  /** Starts the breaker's background ping (the store plugin calls it; tests may not), reporting changes. */
  watch(onChange?: (open: boolean, reason?: string) => void): void {
    if (onChange) this.breaker.onChange = onChange;
    this.breaker.watch();
  }

  async ping(): Promise<void> {
    if (this.breaker.isOpen || !(await this.breaker.check())) throw new StoreUnavailableError('The graph store is unreachable.', 1);
  }

  async describe(): Promise<StoreDescription> {
    return this.read(async (tx) => {
      const rec = (await tx.run(Q.DESCRIBE)).records[0]!;
      return {
        store: 'neo4j' as const,
        entities: toNumber(rec.get('entities')),
        relations: toNumber(rec.get('relations')),
        documents: toNumber(rec.get('documents')),
      };
    });
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
      const total = toNumber((await tx.run(Q.COUNT_ENTITIES, params)).records[0]!.get('total'));
      const res = await tx.run(Q.LIST_ENTITIES, { ...params, after, limit: limitParam(q.limit + 1) });
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

  async listRelations(q: RelationQuery): Promise<Page<Relation>> {
    const params = {
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
    return this.read(async (tx) => {
      await requireEntities(tx, { entity: q.entity, subject: q.subject, object: q.object, assertedBy: q.assertedBy });
      const after = decodeCursor(q.cursor) ?? '';
      const [count, list] = q.entity === undefined ? [Q.COUNT_RELATIONS, Q.LIST_RELATIONS] : [Q.COUNT_RELATIONS_OF_ENTITY, Q.LIST_RELATIONS_OF_ENTITY];
      const total = toNumber((await tx.run(count, params)).records[0]!.get('total'));
      const res = await tx.run(list, { ...params, after, limit: limitParam(q.limit + 1) });
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
    return this.read((tx) => paths(tx, from, to, q));
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    return this.read((tx) => search(tx, q));
  }

  async timeline(q: TimelineQuery): Promise<Page<TimelineItem>> {
    return this.read((tx) => timeline(tx, q));
  }

  async schema(): Promise<SchemaInfo> {
    return this.read(schemaInfo);
  }

  async listDocuments(): Promise<DocumentInfo[]> {
    return this.read(async (tx) => {
      const res = await tx.run(Q.DOCUMENTS, { id: null });
      return res.records.map((r) => mapDocument(r.get('document'), r.get('publisher'), r.get('entityCount'), r.get('relationCount')));
    });
  }

  async getDocument(id: string): Promise<DocumentInfo | null> {
    return this.read(async (tx) => {
      const rec = (await tx.run(Q.DOCUMENTS, { id })).records[0];
      return rec ? mapDocument(rec.get('document'), rec.get('publisher'), rec.get('entityCount'), rec.get('relationCount')) : null;
    });
  }

  async stats(top: number): Promise<Stats> {
    return this.read((tx) => stats(tx, top));
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
