/**
 * The GraphStore over Neo4j 5. A call whose answer is one statement (entity, relation, search, list pages,
 * the timeline page, neighbourhood, paths, cached figures on a hit) runs it as ONE auto-commit query: a
 * single round trip, no BEGIN/COMMIT. The others (a cache miss, stored documents) are one managed read
 * transaction (retried by the driver on transient errors). Each runs in a session closed in `finally`;
 * driver errors become store errors by code (./errors.ts). Queries live in ./queries.ts, record mapping
 * in ./mapper.ts, the model in ./model.ts; the larger answers in ./traversal.ts, ./search.ts,
 * ./timeline.ts and ./aggregate.ts.
 */
import type { Readable } from 'node:stream';
import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
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
import { toPage } from '../cursor';
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
import { StoreBusyError, StoreTimeoutError, StoreUnavailableError } from '../errors';
import { errorCode, toStoreError, worthRetrying } from './errors';
import { CircuitBreaker, type BreakerOptions } from './breaker';
import { ensureSchema } from './load';
import { deleteDocument, ensureWriteLock, putDocument, storedBundleForm, storedDocument } from './load/document';
import { bundleTextStream } from './load/stored-bundle';
import { DerivedCache } from './derived';
import { WarmPlan } from './warm-plan';
import { mergedPage, type BranchLimits, type MergedRound } from './merged-page';
import { LIMITS, OPEN_END, OPEN_START } from '../rules';
import { RELATION_TYPE_NAMES } from '../../schemas/vocabulary';
import { mapDocument, mapEntityDetail, mapEntitySummary, mapMarkedRelation, mapRelation, toNumber } from './mapper';
import { toWindow } from '../rules';
import { afterParam, allTypes, perTypeParam, documentParam, kindsParam, limitParam, passesEveryRelation, relationParams, subtypesParam, typesParam, windowParams } from './params';
import { schemaInfo, stats } from './aggregate';
import { filterIds, rejectMissing } from './lookups';
import * as Q from './queries';
import * as X from './export-rows';
import { search } from './search';
import { bandRanges, passesEveryItem, timeline, timelineParams, type TimelinePlan } from './timeline';
import { ALL_BANDS } from './overlap';
import { neighbourhood, paths, type DenseWalk } from './traversal';
import { DEFAULT_EXPORT_TURNS, DEFAULT_TRAVERSALS, TurnGate, type TurnGateOptions } from './turn-gate';

/**
 * Records per PULL of an export stream (the driver's default is 1,000): fewer round trips, and the
 * database fills the next batch while the client writes the last.
 */
const STREAM_FETCH_SIZE = 5_000;

export interface Neo4jStoreOptions {
  /** Transaction timeout: Neo4j cancels a longer query (StoreTimeoutError). Default 10 s. */
  queryTimeoutMs?: number;
  /** Paths and large neighbourhoods running at once, and how long one waits for its turn (./turn-gate.ts). Default: LIMITS.traversals and LIMITS.traversalWaitMs. */
  traversals?: TurnGateOptions;
  /** Whole-graph exports streaming at once, and how long one waits for its turn (exportTurn()). Default: LIMITS.exports and LIMITS.exportWaitMs. */
  exportTurns?: TurnGateOptions;
  /** Transaction timeout of the export streams, which last as long as their client reads. Default LIMITS.exportTimeoutMs. */
  exportTimeoutMs?: number;
  /** The time budget of a paths query (a 504 problem past it). */
  pathBudgetMs?: number;
  /**
   * From how many relations the unanchored `GET /relations` page and the whole graph's timeline walk the
   * per-type indexes (Q.LIST_RELATIONS_ONE, Q.LIST_TIMELINE_BY_TYPE_ONE, once their plans are warm) instead
   * of scanning every relation. Default 10,000.
   */
  perTypePagesMinRelations?: number;
  /**
   * From what degree an entity's relations page (no filter) walks the per-type id indexes too, keeping the
   * entity's relations, rather than reading all of them. Default: from the graph's size (anchorMinDegree()).
   * When set, it is also the degree past which a neighbourhood level walks the id index, and the outgoing count
   * from which its edges are read by Expand(Into) (denseWalk(); tests set 0 to take those paths everywhere).
   */
  perTypeAnchorMinDegree?: number;
  /**
   * How many entries of the entity id index a neighbourhood level may read in place of expanding a frontier node
   * of at least that degree, before expanding it after all (traversal.DenseWalk). Default: from the graph's size.
   */
  neighbourhoodWalkBudget?: number;
  breaker?: BreakerOptions;
}

/**
 * Whether relationParams' filter passes every relation it reads: every type, the open window, no other filter;
 * with `anchored`, no other filter than the entity, in either direction (a page that reads only its relations).
 */
function passesAll(p: ReturnType<typeof relationParams>, anchored = false): boolean {
  return (
    passesEveryRelation(p) &&
    p.document === '' &&
    [p.subject, p.object, p.modalities, p.assertedBy, p.endpointKinds, p.counterpartKinds].every((x) => x === null) &&
    (anchored ? p.entity !== null && p.direction === 'both' : p.entity === null)
  );
}

/** $scan and $hits of the merged relation page (Q.LIST_RELATIONS). */
function branchParams(limits: BranchLimits) {
  return { scan: perTypeParam(limits.scan), hits: perTypeParam(limits.hits) };
}

/**
 * The merged page's parameters: the entity is its $anchor ('' for none) and $entity is null, so that anchored
 * and unanchored pages have parameters of the same types, and share one plan.
 */
function perTypeParams(p: ReturnType<typeof relationParams>) {
  return { ...p, entity: null, anchor: p.entity ?? '' };
}

/**
 * From what degree an entity's page of `need` relations reads the per-type id orders rather than all of its
 * relations: there it reads about `need` x relations / degree, each costing a few times more (the branches, the
 * rounds). At 10^6 a hub of 30,258 relations took 106 ms the old way and 37-48 ms this way (p50, 50 a page),
 * an entity of 19 took 1.6-2.3 s this way (docs/performance.md, "A hub's relations").
 */
function anchorMinDegree(need: number, relations: number): number {
  return Math.ceil(Math.sqrt(PER_TYPE_READ_COST * need * relations));
}
const PER_TYPE_READ_COST = 4;

/** One relation or match per type: the limits the merged page's plan is made with (prime()). */
const ONE_EACH = RELATION_TYPE_NAMES.map(() => 1);

/** One item or match per owner (queries.BAND_OWNERS): the limits the hub timeline's plan is made with. */
function ownerLimits() {
  const one = Object.fromEntries(Q.BAND_OWNERS.map((owner) => [owner, limitParam(1)]));
  return { scan: one, hits: one };
}

/** A timeline plan by band, and the graph version its bands were found at. */
type BandPlan = Extract<TimelinePlan, { bands: unknown }> & { version: number };
type StoreTimelinePlan = Exclude<TimelinePlan, { bands: unknown }> | BandPlan;

/** A statement as a request ran it. */
interface Statement {
  query: string;
  params: Record<string, unknown>;
}

export class Neo4jGraphStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  readonly breaker: CircuitBreaker;
  private readonly queryTimeoutMs: number;
  /** Lets a few traversals run at once (paths, and neighbourhoods past the default budgets); the rest wait, then get 503 store-busy. */
  private readonly traversals: TurnGate;
  /** Lets a few whole-graph exports stream at once (each holds a connection while its client reads); the rest wait, then get 503. */
  private readonly exportTurns: TurnGate;
  private readonly exportTimeoutMs: number;
  /** Totals, stats and counts per graph version (./derived.ts). */
  private readonly derived = new DerivedCache();

  private readonly pathBudgetMs: number;
  private readonly perTypePagesMinRelations: number;
  private readonly perTypeAnchorMinDegree: number | undefined;
  private readonly neighbourhoodWalkBudget: number | undefined;
  /** Relations per vocabulary type (RELATION_TYPE_NAMES' order) when last described: the merged page's shares (a guess: stale after a load, it costs time, never rows). */
  private typeCounts: number[] | undefined;
  /** The relations in the graph when last described (chooses the unanchored page's plan; see ./warm-plan.ts). */
  private relationCount: number | undefined;
  /** The entities in the graph when last described (the hub timeline's guess at the events' share). */
  private entityCount: number | undefined;
  /** Entities whose degree may make their pages cheaper from the per-type orders (isHub()), when last described: id -> degree. */
  private hubs: ReadonlyMap<string, number> = new Map();
  private sizing = false;
  /** Whether the store plugin started watching the database (watch()). */
  private watching = false;
  /** The unanchored relations page walking the per-type id indexes (Q.LIST_RELATIONS_ONE), once its plan is made. */
  readonly perTypeRelations = new WarmPlan(() => this.prime(Q.LIST_RELATIONS_ONE, { ...perTypeParams(relationParams({})), ...branchParams({ scan: ONE_EACH, hits: ONE_EACH }) }));
  /** The whole graph's timeline walking the per-type key indexes (Q.LIST_TIMELINE_BY_TYPE_ONE), likewise. */
  readonly perTypeTimeline = new WarmPlan(() => this.prime(Q.LIST_TIMELINE_BY_TYPE_ONE, timelineParams({})));
  /** The whole graph's timeline in a window, by band and type (Q.LIST_TIMELINE_BY_BAND_ONE, ./overlap.ts), likewise. */
  readonly perBandTimeline = new WarmPlan(() => {
    const windowed = { ...timelineParams({ asOf: '2000' }), bands: bandRanges({}, OPEN_START, OPEN_END) };
    return this.prime(Q.LIST_TIMELINE_BY_BAND_ONE, windowed);
  });
  /** An entity's timeline walking the owners' key indexes (Q.LIST_TIMELINE_OF_HUB_ONE), likewise. */
  readonly perTypeHubTimeline = new WarmPlan(() =>
    this.prime(Q.LIST_TIMELINE_OF_HUB_ONE, { ...timelineParams({ entity: '' }), ...ownerLimits() }),
  );
  /** Whether every dated item of the graph has its overlapKey (Q.DESCRIBE), when last described. */
  private overlapKeys = false;

  /** The per-type pages' plans being made, one after the other (prime()). */
  private planning: Promise<void> = Promise.resolve();
  /** Statements being planned in the background after a request running them timed out. */
  private readonly replanning = new Set<string>();
  /** The statements used only once warm: a timeout may mean their plan is gone. */
  private readonly gated: ReadonlyMap<string, WarmPlan>;

  constructor(
    private readonly driver: Driver,
    private readonly database?: string,
    opts: Neo4jStoreOptions = {},
  ) {
    this.queryTimeoutMs = opts.queryTimeoutMs ?? 10_000;
    this.traversals = new TurnGate(opts.traversals ?? DEFAULT_TRAVERSALS);
    this.exportTurns = new TurnGate(opts.exportTurns ?? DEFAULT_EXPORT_TURNS, 'Too many exports are streaming; retry shortly.');
    this.exportTimeoutMs = opts.exportTimeoutMs ?? LIMITS.exportTimeoutMs;
    this.pathBudgetMs = opts.pathBudgetMs ?? LIMITS.pathBudgetMs;
    this.perTypePagesMinRelations = opts.perTypePagesMinRelations ?? 10_000;
    this.perTypeAnchorMinDegree = opts.perTypeAnchorMinDegree;
    this.neighbourhoodWalkBudget = opts.neighbourhoodWalkBudget;
    this.gated = new Map([
      [Q.LIST_RELATIONS_ONE, this.perTypeRelations],
      [Q.LIST_TIMELINE_BY_TYPE_ONE, this.perTypeTimeline],
      [Q.LIST_TIMELINE_BY_BAND_ONE, this.perBandTimeline],
      [Q.LIST_TIMELINE_OF_HUB_ONE, this.perTypeHubTimeline],
    ]);
    this.breaker = new CircuitBreaker(() => this.pingOnce(), opts.breaker);
    // Back after an outage: Neo4j may have restarted with an empty plan cache (or been replaced).
    this.breaker.subscribe((open) => {
      if (open) return;
      for (const plan of this.gated.values()) plan.forget();
      if (this.watching) this.ensureReadSchema();
    });
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
        throw this.failed(err);
      } finally {
        await session.close().catch(() => undefined);
      }
    });
  }

  /**
   * ONE auto-commit statement in its own session (a single round trip: no BEGIN and COMMIT), behind the
   * breaker, with read()'s timeout and error mapping. A managed transaction would retry a transient
   * error; this retries it once (errors.worthRetrying: not a query over its own memory limit).
   */
  private one(query: string, params: Record<string, unknown>, timeoutMs = this.queryTimeoutMs): Promise<Neo4jRecord[]> {
    return this.breaker.run(async () => {
      const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
      const run = async () => (await session.run(query, params, { timeout: timeoutMs })).records;
      try {
        return await run().catch((err: unknown) => {
          if (worthRetrying(errorCode(err))) return run();
          throw err;
        });
      } catch (err) {
        throw this.failed(err, { query, params });
      } finally {
        await session.close().catch(() => undefined);
      }
    });
  }

  /**
   * A driver error as a store error; an unreachable database also opens the breaker. A timeout may have cut
   * the statement's planning off (then nothing was cached and every request would time out the same way):
   * it is planned in the background, or, if it runs only once warm, set aside until warmed again.
   */
  private failed(err: unknown, statement?: Statement): Error {
    const storeError = toStoreError(err);
    if (storeError instanceof StoreUnavailableError) this.breaker.trip(`query failed: ${errorCode(err) ?? 'unavailable'}`);
    if (storeError instanceof StoreTimeoutError && statement) {
      const gated = this.gated.get(statement.query);
      if (gated) gated.forget();
      else this.planLater(statement);
    }
    return storeError;
  }

  /** EXPLAIN one statement in the background, with the request's parameters (their types key the plan cache). */
  private planLater(statement: Statement): void {
    if (this.replanning.has(statement.query)) return;
    this.replanning.add(statement.query);
    this.runUnlimited(`EXPLAIN ${statement.query}`, statement.params)
      .catch(() => undefined)
      .finally(() => this.replanning.delete(statement.query));
  }

  /** One statement in its own session without a time limit, outside the breaker: background planning. */
  private async runUnlimited(query: string, params: Record<string, unknown>): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run(query, params, { timeout: 0 });
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /**
   * A list page from one statement (queries.pageInOne). The total is counted in that statement when
   * nothing is cached for `key` and no other request is counting it; otherwise it comes from the cache
   * (or the other request's count) when the statement saw that graph version. A version that moved on
   * meanwhile (a load) costs a second statement, which counts unless another request already does (then a
   * third counts only if that count failed or was for yet another version: `attempt`).
   */
  private async pageInOne(
    key: string,
    query: string,
    params: Record<string, unknown>,
    filters: Record<string, string | undefined>,
    attempt = 0,
  ): Promise<{ rows: unknown[]; total: number; version: number }> {
    const known = attempt > 0 ? undefined : this.derived.latest<number>(key);
    // Undefined too when another request is counting it: this one then waits for that count (below).
    const claim = known === undefined ? this.derived.claim<number>(key) : undefined;
    try {
      const [rec, ...rest] = await this.one(query, { ...params, ids: filterIds(filters), countTotal: claim !== undefined || attempt > 1 });
      rejectMissing(filters, rec!.get('missing') as string[]);
      const version = DerivedCache.versionOf(rec!.get('version'));
      const rows = rest.flatMap((r) => r.get('items') as unknown[]);
      const counted = rec!.get('total');
      if (counted !== null) {
        const total = toNumber(counted);
        return { rows, total: claim ? claim.done(version, total) : this.derived.set(version, key, total), version };
      }
      if (known?.version === version) return { rows, total: known.value, version };
      const theirs = await this.derived.waitFor<number>(version, key);
      if (theirs !== undefined) return { rows, total: theirs, version };
      return await this.pageInOne(key, query, params, filters, attempt + 1);
    } finally {
      claim?.release();
    }
  }

  /**
   * A figure cached per graph version: one statement reads the version; a miss computes it in one transaction,
   * while other requests for it wait (outside any transaction: an open one would count against its timeout).
   */
  private async cached<T>(key: string, compute: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const [rec] = await this.one(Q.GRAPH_VERSION, {});
    const version = DerivedCache.versionOf(rec?.get('version'));
    let hit = await this.derived.waitFor<T>(version, key);
    if (hit !== undefined) return hit;
    const claim = this.derived.claim<T>(key);
    // Claimed meanwhile by a request that read the version after this one did: its figure may be this version's.
    if (!claim && (hit = await this.derived.waitFor<T>(version, key)) !== undefined) return hit;
    try {
      return await this.read(async (tx) => {
        const at = await DerivedCache.versionIn(tx);
        const value = this.derived.get<T>(at, key) ?? (await compute(tx));
        return claim ? claim.done(at, value) : this.derived.set(at, key, value);
      });
    } finally {
      claim?.release();
    }
  }

  /**
   * `RETURN 1` in an auto-commit transaction: no driver retries, so a dead database fails at once. A database
   * that refuses it for lack of room (its memory pool in use by heavy queries) answered: it is up, and the
   * breaker stays closed (under such load the ping failed and opened it, turning every request away).
   */
  private async pingOnce(): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run(Q.PING, {}, { timeout: this.breaker.pingTimeoutMs });
    } catch (err) {
      if (!(toStoreError(err) instanceof StoreBusyError)) throw err;
    } finally {
      session.close().catch(() => undefined);
    }
  }

  /**
   * Plans a list-page statement for the shape of `params` (their types key Neo4j's plan cache), without a time
   * limit, one statement at a time across the store: each takes seconds of a core, and warming them all at
   * once after a load left requests none (bench:scale at 10^5: the first timeline request timed out).
   * It runs the statement for one row and no total rather than EXPLAIN it: EXPLAIN caches the logical plan
   * only, and building the executable one still cost the first page after a restart 1.5–3.8 s at 10^5.
   */
  private prime(query: string, params: Record<string, unknown>): Promise<void> {
    const run = this.planning.then(() =>
      this.runUnlimited(query, { ...params, after: afterParam(undefined), limit: limitParam(1), ids: [], countTotal: false }),
    );
    this.planning = run.catch(() => undefined);
    return run;
  }

  /** Learns the graph's size and, on a large graph, waits until the per-type pages' plans are warm (tests). */
  async warmUp(): Promise<void> {
    if ((await this.describe()).relations >= this.perTypePagesMinRelations) await Promise.all([...this.gated.values()].map((plan) => plan.whenReady()));
  }

  /** Whether a whole-graph page may walk the per-type indexes: a large graph, and `plan` is cached. */
  private perTypeReady(plan: WarmPlan): boolean {
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
    if (this.relationCount < this.perTypePagesMinRelations) return false;
    plan.ensure();
    return plan.ready;
  }

  /** Starts the breaker's background ping (the store plugin calls it; tests may not), reporting changes. */
  watch(onChange?: (open: boolean, reason?: string) => void): void {
    if (onChange) this.breaker.subscribe(onChange);
    this.breaker.watch();
    this.watching = true;
    this.ensureReadSchema();
  }

  /**
   * A database seeded by an earlier version may lack an index a read now uses (entity_exact came late):
   * create what is missing in the background, as the first write would (one SHOW INDEXES when complete).
   */
  private ensureReadSchema(): void {
    ensureSchema(this.driver, { database: this.database }).catch(() => undefined);
  }

  async ping(): Promise<void> {
    if (this.breaker.isOpen || !(await this.breaker.check())) throw new StoreUnavailableError('The graph store is unreachable.', 1);
  }

  async describe(): Promise<StoreDescription> {
    const { described, overlapKeys, typeCounts, hubs } = await this.cached('describe', async (tx) => {
      const rec = (await tx.run(Q.DESCRIBE)).records[0]!;
      const description: StoreDescription = {
        store: 'neo4j',
        entities: toNumber(rec.get('entities')),
        relations: toNumber(rec.get('relations')),
        documents: toNumber(rec.get('documents')),
      };
      const typeCounts = (rec.get('typeCounts') as unknown[]).map(toNumber);
      // The smallest degree any page may read by type (pages of one, need 2); only where those pages serve.
      const hubs =
        description.relations >= this.perTypePagesMinRelations
          ? (await tx.run(Q.HUBS, { min: limitParam(this.perTypeAnchorMinDegree ?? anchorMinDegree(2, description.relations)) })).records.map(
              (r) => [r.get('id') as string, toNumber(r.get('degree'))] as const,
            )
          : [];
      return { described: description, overlapKeys: rec.get('overlapKeys') === true, typeCounts, hubs };
    });
    this.relationCount = described.relations;
    this.entityCount = described.entities;
    this.typeCounts = typeCounts;
    this.hubs = new Map(hubs);
    this.overlapKeys = overlapKeys;
    if (this.relationCount >= this.perTypePagesMinRelations) for (const plan of this.gated.values()) plan.ensure();
    return described;
  }

  async close(): Promise<void> {
    this.breaker.stop();
    await this.driver.close();
  }

  async listEntities(q: EntityQuery): Promise<Page<EntitySummary>> {
    const after = afterParam(q.cursor);
    const params = {
      kinds: kindsParam(q.kinds),
      subtypes: subtypesParam(q.subtypes),
      prefix: q.prefix === undefined || q.prefix === '' ? null : q.prefix.toLowerCase(),
      document: documentParam(q.document),
    };
    const { rows, total } = await this.pageInOne(`entities ${JSON.stringify(params)}`, Q.LIST_ENTITIES_ONE, { ...params, after, limit: limitParam(q.limit + 1) }, {});
    return toPage(rows.map(mapEntitySummary), q.limit, (e) => e.id, total);
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    const [rec] = await this.one(Q.GET_ENTITY, { id });
    return rec ? mapEntityDetail(rec.get('entity'), rec.get('mentions'), rec.get('degrees'), rec.get('documents')) : null;
  }

  /**
   * One auto-commit read query whose records are pulled as the consumer iterates (driver backpressure):
   * the driver asks for STREAM_FETCH_SIZE records at a time and pauses while it holds more than 70% of
   * that, so at most a few thousand rows wait in memory. Its transaction may last as long as an export
   * (exportTimeoutMs): the server's default (120 s in scripts/neo4j.sh) cut downloads to slow clients short.
   */
  private async *records(query: string, params: Record<string, unknown>): AsyncGenerator<Neo4jRecord> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ, fetchSize: STREAM_FETCH_SIZE });
    try {
      yield* session.run(query, params, { timeout: this.exportTimeoutMs });
    } catch (err) {
      throw toStoreError(err);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  exportTurn(signal?: AbortSignal): Promise<() => void> {
    return this.exportTurns.hold(signal);
  }

  async *streamEntities(q: Pick<EntityQuery, 'kinds'>): AsyncGenerator<EntitySummary> {
    for await (const r of this.records(X.STREAM_ENTITIES, { kinds: kindsParam(q.kinds) })) yield mapEntitySummary(r.get('entity'));
  }

  async *streamRelations(q: RelationStreamQuery): AsyncGenerator<Relation> {
    const params = relationParams(q);
    // The ids named by filters must exist (as for listRelations), checked in one statement before the stream starts.
    const filters = { entity: q.entity, subject: q.subject, object: q.object, assertedBy: q.assertedBy };
    const ids = filterIds(filters);
    if (ids.length) rejectMissing(filters, (await this.one(Q.MISSING_ENTITIES, { ids }))[0]!.get('missing') as string[]);
    const rows = this.records(passesAll(params) ? X.STREAM_ALL_RELATIONS : X.STREAM_RELATIONS, params);
    yield* X.relationsFromRows(rows, (r) => ({ asserter: r.get('asserter'), relation: r.get('relation') }));
  }

  async listRelations(q: RelationQuery): Promise<Page<Relation>> {
    const params = relationParams(q);
    const key = `relations ${JSON.stringify(params)}`;
    const filters = { entity: q.entity, subject: q.subject, object: q.object, assertedBy: q.assertedBy };
    const window = toWindow(q);
    let total = 0;
    // The id check, the graph version, the page and (once per graph version and filter) the total: one statement.
    // `limits` only for the merged page (Q.LIST_RELATIONS_ONE); the other pages are one statement, one round.
    const need = q.limit + 1;
    const query = this.relationPageQuery(params, need);
    const merged = query === Q.LIST_RELATIONS_ONE ? perTypeParams(params) : params;
    const round = async (after: string, limit: number, limits?: BranchLimits): Promise<MergedRound<Relation>> => {
      const extra = limits ? branchParams(limits) : {};
      const page = await this.pageInOne(key, query, { ...merged, after, limit: limitParam(limit), ...extra }, filters);
      total = page.total;
      const rows = page.rows as Array<{ relation: unknown; requestedEnd: unknown; resume?: string | null; scanned?: unknown }>;
      return {
        rows: rows.filter((r) => r.relation !== null).map((r) => mapMarkedRelation(r.relation, window, r.requestedEnd)),
        resume: rows[0]?.resume ?? null,
        scanned: rows[0]?.scanned === undefined ? 0 : toNumber(rows[0].scanned),
        version: page.version,
      };
    };
    const after = afterParam(q.cursor);
    const fetched =
      query === Q.LIST_RELATIONS_ONE
        ? await mergedPage(round, { after, need, shares: this.typeCounts ?? ONE_EACH, rate: this.anchorRate(params.entity) })
        : (await round(after, need)).rows;
    return toPage(fetched, q.limit, (r) => r.id, total);
  }

  /**
   * From an entity, subject or object: the anchor's relations (its degree), unless the entity is a hub and
   * nothing else filters (below). Otherwise, every type, filtered by time and document only, on a large graph:
   * the per-type id indexes in order; else a scan of every relation.
   */
  private relationPageQuery(p: ReturnType<typeof relationParams>, need: number): string {
    if (p.entity !== null || p.subject !== null || p.object !== null) {
      // A hub's page without a filter: the per-type id orders, keeping its relations. With a time window the share
      // of its relations that pass is unknown, and may be tiny: a hub's asOf page at 10^6 took 1.5 s this way.
      const hub = passesAll(p, true) && this.isHub(p.entity!, need) && this.perTypeReady(this.perTypeRelations);
      return hub ? Q.LIST_RELATIONS_ONE : Q.LIST_ANCHORED_RELATIONS_ONE[passesAll(p, true) ? 'every' : 'filtered'];
    }
    // A document id keys a plan per length class of its own (documentParam): the per-type page serves time filters only.
    // Every type only, too: Neo4j caches a plan per size class of a list parameter, so a narrower $types would be
    // planned afresh within the request's timeout (the 27-branch page took about 10 s to plan, and timed out).
    const onlyTime = allTypes(p.types) && p.document === '' && p.modalities === null && p.assertedBy === null && p.endpointKinds === null;
    return onlyTime && this.perTypeReady(this.perTypeRelations) ? Q.LIST_RELATIONS_ONE : Q.LIST_RELATIONS_FILTERED_ONE;
  }

  /** Whether `id`'s degree, when last described, makes a page of `need` cheaper from the per-type orders. */
  private isHub(id: string, need: number): boolean {
    const degree = this.hubs.get(id);
    return degree !== undefined && degree >= (this.perTypeAnchorMinDegree ?? anchorMinDegree(need, this.relationCount ?? 0));
  }

  /** The share of the graph's relations that touch `entity` (a hub), when last described: the merged page's first guess. */
  private anchorRate(entity: string | null): number | undefined {
    const degree = entity === null ? undefined : this.hubs.get(entity);
    return degree === undefined || !this.relationCount ? undefined : Math.min(1, degree / this.relationCount);
  }

  async getRelation(id: string): Promise<Relation | null> {
    const [rec] = await this.one(Q.GET_RELATION, { id });
    return rec ? mapRelation(rec.get('relation')) : null;
  }

  async neighbourhood(id: string, q: NeighbourhoodQuery): Promise<Subgraph | null> {
    const walk = () => neighbourhood((query, params) => this.one(query, params), id, q, this.denseWalk(q.maxNodes + 1));
    const light = LIMITS.neighbourhoodDefaults;
    return q.maxNodes * q.maxEdges <= light.maxNodes * light.maxEdges ? walk() : this.traversals.run(walk, q.signal);
  }

  /**
   * A level of `need` nodes walks the entity id index past a frontier node of degree sqrt(need x relations) or more:
   * walking reads about need x entities / degree entries, each expanding a node of ordinary degree (2 x relations /
   * entities), against reading the degree's relations and ends. Measured at 10^6 (100 nodes, depth 2, the same
   * edges both ways): the walk took 58 / 67 / 95 ms against 131 / 105 / 88 ms expanding at degrees 19,595 / 15,014 /
   * 8,965, and 253 against 164 ms at 2,520; the threshold there is 10,050. The budget allows four times the reads at the threshold. Not
   * before the graph's size is known.
   */
  private denseWalk(need: number): DenseWalk | undefined {
    if (this.relationCount === undefined || this.entityCount === undefined) {
      this.perTypeReady(this.perTypeRelations); // learns the size in the background
      return undefined;
    }
    const denseDegree = this.perTypeAnchorMinDegree ?? Math.ceil(Math.sqrt(need * this.relationCount));
    const walkBudget = this.neighbourhoodWalkBudget ?? Math.min(Number.MAX_SAFE_INTEGER, Math.ceil((4 * need * this.entityCount) / Math.max(denseDegree, 1)));
    // Expand(Into) towards each kept node reads about an ordinary degree each (need x 2 x relations / entities in
    // all): taken from twice that many outgoing relations.
    const intoDegree = this.perTypeAnchorMinDegree ?? Math.ceil((4 * need * this.relationCount) / Math.max(this.entityCount, 1));
    return { denseDegree, walkBudget, intoDegree };
  }

  async paths(from: string, to: string, q: PathQuery): Promise<Path[] | null> {
    return this.traversals.run(() => paths((query, params) => this.one(query, params, this.pathBudgetMs), from, to, q), q.signal);
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    return search((query, params) => this.one(query, params), q);
  }

  /**
   * The whole graph's timeline: with a window that starts somewhere, by band once every dated item has its
   * overlapKey; otherwise by type (walking each type's keys from the start reads nothing placed before an
   * open start: bench:window measured it ahead of the bands for `until` alone); on a small graph, before
   * those plans are warm, or with a document filter (params.documentParam), a scan (the same page).
   */
  private async timelinePlan(q: TimelineQuery): Promise<StoreTimelinePlan> {
    if (q.entity !== undefined) return this.hubTimelinePlan(q, q.entity) ?? 'scan';
    if (documentParam(q.document) !== '' || !allTypes(typesParam(q.types))) return 'scan';
    if (windowParams(q).since === OPEN_START) return this.perTypeReady(this.perTypeTimeline) ? 'byType' : 'scan';
    return this.overlapKeys && this.perTypeReady(this.perBandTimeline) ? this.presentBands() : 'scan';
  }

  /**
   * A hub's timeline without a filter walks each owner's key index, keeping what touches it (queries.TIMELINE_OF_HUB):
   * shares from the description (every entity counted for the events: a guess), and the hub's share of the
   * relations as the rate (what it reads follows relations / degree). Undefined otherwise: read what touches it.
   */
  private hubTimelinePlan(q: TimelineQuery, entity: string): StoreTimelinePlan | undefined {
    const rate = this.anchorRate(entity);
    const p = timelineParams(q);
    // Events alone: the hub's share of the relations says nothing of how few events touch it (0.71 s against 85 ms at 10^6).
    if (rate === undefined || !p.wantEvents || !p.wantRelations || !passesEveryItem(p) || !this.isHub(entity, q.limit + 1)) return undefined;
    if (!this.perTypeReady(this.perTypeHubTimeline)) return undefined;
    return { hub: { shares: [this.entityCount ?? 1, ...(this.typeCounts ?? ONE_EACH)], rate } };
  }

  /**
   * Which overlap bands each owner's items occupy (queries.BANDS_PRESENT), with the graph version they were
   * found at: those last found, without a round trip (the page's statement reads the version, and
   * timeline() looks again when it moved on), or, with `fresh` or none yet, looked up now.
   */
  private async presentBands(fresh = false): Promise<BandPlan> {
    const known = fresh ? undefined : this.derived.latest<BandPlan['bands']>('bands');
    if (known) return { bands: known.value, version: known.version };
    const claim = this.derived.claim<BandPlan['bands']>('bands');
    // Being looked up by another request: take its (timeline() checks the version as for any plan).
    const theirs = claim ? undefined : await this.derived.computed<BandPlan['bands']>('bands');
    if (theirs) return { bands: theirs.value, version: theirs.version };
    try {
      return await this.read(async (tx) => {
        const version = await DerivedCache.versionIn(tx);
        const present: Record<string, string[]> = {};
        for (const owner of Q.BAND_OWNERS) {
          present[owner] = (await tx.run(Q.BANDS_PRESENT[owner]!, { bands: ALL_BANDS })).records[0]!.get('present') as string[];
        }
        return { bands: claim ? claim.done(version, present) : this.derived.set(version, 'bands', present), version };
      });
    } finally {
      claim?.release();
    }
  }

  /**
   * A band plan holds for the graph version its bands were found at: a page that read another (a write
   * came between) is read again with the bands of the version now, and after two misses by scanning.
   */
  async timeline(q: TimelineQuery): Promise<Page<TimelineItem>> {
    let plan: StoreTimelinePlan = await this.timelinePlan(q);
    for (let attempt = 1; ; attempt++) {
      let seen: number | undefined;
      const page = await timeline(
        async (key, query, params, filters) => {
          // a total counted with bands of another version must not be taken for this version's
          const answer = await this.pageInOne(typeof plan === 'object' && 'bands' in plan ? `${key} bands@${plan.version}` : key, query, params, filters);
          seen = answer.version;
          return answer;
        },
        q,
        plan,
      );
      if (typeof plan !== 'object' || !('bands' in plan) || plan.version === seen) return page;
      plan = attempt < 3 ? await this.presentBands(true) : 'scan';
    }
  }

  async schema(): Promise<SchemaInfo> {
    return this.cached('schema', schemaInfo);
  }

  async listDocuments(): Promise<DocumentInfo[]> {
    return this.cached('documents', async (tx) => {
      const res = await tx.run(Q.DOCUMENTS, { id: null });
      return res.records.map((r) => mapDocument(r.get('document'), r.get('publisher'), r.get('entityCount'), r.get('relationCount')));
    });
  }

  async getDocument(id: string): Promise<DocumentInfo | null> {
    return this.cached(`document ${id}`, async (tx) => {
      const rec = (await tx.run(Q.DOCUMENTS, { id })).records[0];
      return rec ? mapDocument(rec.get('document'), rec.get('publisher'), rec.get('entityCount'), rec.get('relationCount')) : null;
    });
  }

  async stats(top: number): Promise<Stats> {
    return this.cached(`stats ${top}`, (tx) => stats(tx, top));
  }

  async getStoredDocument(id: string): Promise<StoredDocument | null> {
    return this.read((tx) => storedDocument(tx, id));
  }

  async getBundleText(id: string): Promise<{ text: Readable; version: string } | null> {
    const found = await this.read((tx) => storedBundleForm(tx, id));
    return found && { text: bundleTextStream(found.stored), version: found.version };
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
