/**
 * The GraphStore: every question the API asks of the graph, typed in and out.
 * Two implementations answer it identically (tests/contract proves it): Neo4j (graph/neo4j)
 * and the embedded in-memory store (graph/memory). Nothing here knows about HTTP or Cypher.
 *
 * Shared rules (both stores), each written once in src/graph/rules/:
 * - Lists are ordered by a unique key and paged with opaque cursors (graph/cursor.ts): entities
 *   and relations by id; the timeline by timelineKey (rules/order.ts). `total` counts every match
 *   of the filters (not just the page) without loading them. Evidence and mentions come in
 *   sortEvidence order; search ranks exact name/alias matches (exactKey) first.
 * - Time (rules/time.ts): every relation, and every event, has a time status (timeless, dated,
 *   observed) and four day keys minStart/maxStart/minEnd/maxEnd. `asOf`, `since`, `until` make a day
 *   window; by default only what is KNOWN to hold in it matches (maxStart <= until AND minEnd >= since);
 *   with `possible` also what MAY hold (minStart <= until AND maxEnd >= since). An unknown bound never
 *   stretches a fact to forever. With a window, every returned relation, edge, hop and timeline item
 *   carries `timeMatch` ('known' | 'possible'); without one, nothing is filtered or marked.
 * - Symmetric relation types (vocabulary `symmetric: true`) match `subject`, `object` and `direction`
 *   in either stored orientation. Relations listed for an `entity` carry `requestedEnd`: the first
 *   stored end (subject, then object) at which the entity matches the filters; with `subject` / `object`
 *   filters, the stored end of the `subject` entity (else of the `object` one).
 * - Traversals (neighbourhood, paths) ignore relation direction, follow only relation types of the
 *   vocabulary (optionally narrowed by `types`), and only relations that pass the time filter.
 *   Limits (depth 3, hops 6, page caps) are in rules/limits.ts.
 * - An unknown entity id in a path/neighbourhood/detail call returns null (the route answers 404).
 * - A store that cannot reach its database throws StoreUnavailableError; a bad cursor throws InvalidQueryError.
 * - `assertedBy` and `modalities` match any of a relation's assertions (one per supporting document).
 * - `document` on a list keeps what that document supports: entities it defines, relations it states
 *   (with evidence in it), timeline items of either kind. An unknown document id gives an empty list.
 * - Writes (putDocument, deleteDocument) replace one document's contribution atomically: the stored
 *   bundles are merged again by graph/data/bundle.ts toGraphData (many documents, one graph) and the
 *   store applies the difference (graph/data/documents.ts planWrite), in one transaction. Preconditions
 *   (If-Match / If-None-Match against the document's version) are checked inside that transaction.
 */
import type { Readable } from 'node:stream';
import type { EntityKind, EntitySubtype, Modality, RelationType } from '../schemas/vocabulary';
import type { DocumentPut, DocumentWriteResult, Preconditions, StoredDocument } from './data/documents';
import type { TimeFilter } from './rules/time';
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
} from '../schemas/domain';

export interface Page<T> {
  items: T[];
  total: number;
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export type { TimeFilter };

export interface EntityQuery {
  kinds?: EntityKind[];
  subtypes?: EntitySubtype[];
  /** Case-insensitive prefix of the name or of any alias. */
  prefix?: string;
  /** Entities this document defines. */
  document?: string;
  limit: number;
  cursor?: string;
}

export interface RelationQuery extends TimeFilter {
  types?: RelationType[];
  /** Relations touching this entity; `direction` says on which end (default both). */
  entity?: string;
  direction?: 'out' | 'in' | 'both';
  /** With `entity`: the kinds allowed at the other end. */
  counterpartKinds?: EntityKind[];
  /** Both ends must be of these kinds (used by scoped exports). */
  endpointKinds?: EntityKind[];
  subject?: string;
  object?: string;
  modalities?: Modality[];
  assertedBy?: string;
  /** Relations this document states. */
  document?: string;
  limit: number;
  cursor?: string;
}

export interface NeighbourhoodQuery extends TimeFilter {
  /** 1..LIMITS.maxDepth (3) */
  depth: number;
  types?: RelationType[];
  /**
   * Budget. Nodes are taken in order (distance from the centre, then id), the centre first, up to
   * maxNodes; edges are all matching relations among the kept nodes, ordered by id, up to maxEdges.
   * `truncated` is true when either budget left something out.
   */
  maxNodes: number;
  maxEdges: number;
  /** Aborted when the client has gone: work not started yet may be dropped (ClientGoneError). */
  signal?: AbortSignal;
}

export interface PathQuery extends TimeFilter {
  /** 1..LIMITS.maxPathHops (6) */
  maxHops: number;
  /** 1..LIMITS.maxPaths (10) */
  k: number;
  types?: RelationType[];
  /** As NeighbourhoodQuery.signal. */
  signal?: AbortSignal;
}

export interface SearchQuery {
  q: string;
  kinds?: EntityKind[];
  /** Only entities this document defines. */
  document?: string;
  limit: number;
}

export interface TimelineQuery extends TimeFilter {
  /** Items about this entity: the entity itself if it is an event, relations touching it, events related to it. */
  entity?: string;
  itemTypes?: Array<'event' | 'relation'>;
  types?: RelationType[];
  /** Events this document defines and relations it states. */
  document?: string;
  limit: number;
  cursor?: string;
}

/** Filters of a streamed relation list (exports): a RelationQuery without paging. */
export type RelationStreamQuery = Omit<RelationQuery, 'limit' | 'cursor'>;

export interface StoreDescription {
  store: 'neo4j' | 'memory';
  entities: number;
  relations: number;
  documents: number;
}

export interface GraphStore {
  readonly kind: 'neo4j' | 'memory';
  /** Resolves when the backing database answers a trivial query; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  describe(): Promise<StoreDescription>;
  close(): Promise<void>;
  /**
   * An object that stays the same (===) as long as every answer of the store stays the same, when the
   * store can tell without a query (the memory store: its immutable state, swapped by each write).
   * Absent when it cannot (Neo4j: another process may load data). Keys the HTTP response cache.
   */
  snapshot?(): object;
  /** Starts watching the backing database in the background (Neo4j: the circuit breaker's ping). */
  watch?(onChange?: (unavailable: boolean, reason?: string) => void): void;

  listEntities(q: EntityQuery): Promise<Page<EntitySummary>>;
  getEntity(id: string): Promise<EntityDetail | null>;
  listRelations(q: RelationQuery): Promise<Page<Relation>>;
  /**
   * Every matching entity in id order, produced as the consumer pulls (one query, no pages): exports.
   * Stop early with `return()` (a for-await `break`) to release what the store holds.
   */
  streamEntities(q: Pick<EntityQuery, 'kinds'>): AsyncGenerator<EntitySummary>;
  /**
   * A turn for a whole-graph export, held until the returned release is called; StoreBusyError when none
   * frees in time, ClientGoneError when `signal` aborts first. Absent: exports need no turn (the memory store).
   */
  exportTurn?(signal?: AbortSignal): Promise<() => void>;
  /**
   * Every matching relation, ordered by (subject id, relation id): the order both stores read without
   * sorting the whole graph (entities by id from the id index, each one's outgoing relations sorted).
   * One query, produced as the consumer pulls: exports.
   */
  streamRelations(q: RelationStreamQuery): AsyncGenerator<Relation>;
  getRelation(id: string): Promise<Relation | null>;
  neighbourhood(id: string, q: NeighbourhoodQuery): Promise<Subgraph | null>;
  /**
   * Up to k simple paths of at most maxHops relations, shortest first. Candidates are every path of the
   * shortest length and of the shortest length + 1 (when within maxHops), ordered by (length, the
   * sequence of relation ids joined by '|'); the first k are returned. [] when none; null if an end is unknown.
   */
  paths(from: string, to: string, q: PathQuery): Promise<Path[] | null>;
  /** Full text over names, aliases and summaries, typo-tolerant; exact name/alias matches rank first. */
  search(q: SearchQuery): Promise<SearchHit[]>;
  timeline(q: TimelineQuery): Promise<Page<TimelineItem>>;
  schema(): Promise<SchemaInfo>;
  listDocuments(): Promise<DocumentInfo[]>;
  getDocument(id: string): Promise<DocumentInfo | null>;
  /** Counts and the `top` most connected entities (degree over all relations, ties by id). */
  stats(top: number): Promise<Stats>;

  /** The bundle as written, with its version and author; null when no such document. */
  getStoredDocument(id: string): Promise<StoredDocument | null>;
  /**
   * The bundle as written, as its JSON text streamed without parsing it, and its version; null when no such
   * document (GET /documents/{id}/bundle: a bundle of 10^5 relations is 41 MB of text).
   */
  getBundleText(id: string): Promise<{ text: Readable; version: string } | null>;
  /**
   * Create or replace document `put.bundle.document.id` and its facts, atomically.
   * Throws PreconditionFailedError (stale If-Match, If-None-Match: * on an existing document) or
   * DocumentConflictError (the merge with the other documents refuses it); nothing is written then.
   */
  putDocument(put: DocumentPut): Promise<DocumentWriteResult>;
  /** Remove a document and what only it supports; null when there is no such document. */
  deleteDocument(id: string, preconditions: Preconditions): Promise<DocumentWriteResult | null>;
}

export type { ChangeCounts, DocumentPut, DocumentWriteResult, Preconditions, StoredDocument } from './data/documents';
