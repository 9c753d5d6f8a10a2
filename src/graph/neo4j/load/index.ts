/**
 * Loads validated bundles into Neo4j (graph model: ./model.ts; Cypher: ./cypher.ts; the per-bundle
 * phases: ./phases.ts). Parsing and validation stay in graph/data/bundle.ts; this side only writes.
 *
 * - Every bundle is validated (and all of them merged) before anything is written: one bad bundle
 *   writes nothing at all. The schema (constraints, indexes) comes first.
 * - With `reset` (a reload), the new graph is written beside the live one and switched in atomically
 *   (./staged.ts): the previous graph keeps serving until the new one is committed, whatever its size,
 *   and a loader killed at any point leaves a whole graph behind (old or new). Batches of `batchSize`
 *   rows per transaction (UNWIND), with `batch` progress after each.
 * - Without `reset`, each bundle is written in ONE write transaction, with MERGE by id and SET of every
 *   property, so a re-run changes nothing and duplicates nothing. What the bundle defined before and no
 *   longer does (relations, mention links, entities no bundle defines any more) is removed; the
 *   document's previous relations are found through the rel_document_* indexes, not a scan. A bundle
 *   of more than `batchSize` relations to write is written in several transactions instead (entities,
 *   document and mentions in one, then the relations in batches), so it cannot exhaust the transaction
 *   memory pool; such a bundle is visible half-written while it loads: reload big graphs with `reset`.
 * - Every write bumps the graph version (one :GraphVersion node) in its own transaction.
 * - An entity defined by several bundles takes its fields from the first bundle by document id, like
 *   toGraphData; each bundle contributes its own mentions (one MENTIONED_IN link per bundle).
 * - The summary says what was created, updated, unchanged or deleted, by comparing content hashes.
 */
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { Bundle } from '../../../schemas/bundle';
import { toNumber } from '../mapper';
import { errorCode } from '../errors';
import * as W from './cypher';
import { BundleError, toGraphData, validateBundle } from '../../data/bundle';
import {
  applyRelations,
  planRelations,
  writeDocument,
  writeEntities,
  writeMentions,
  writeRelations,
  zeroCounts,
  type Counts,
  type Prepared,
} from './phases';
import { DEFAULT_BATCH_SIZE, STAGED_BATCH_SIZE, StagedWriter, cleanUpReload, deleteInRounds, deleteRetired, switchGraph } from './staged';

export { DEFAULT_BATCH_SIZE, STAGED_BATCH_SIZE } from './staged';
import { writeStoredBundle } from './document';

export type { Counts } from './phases';


export interface BundleWriteSummary {
  /** The file (or document id) the bundle came from. */
  bundle: string;
  document: string;
  entities: Counts;
  documents: Counts;
  relations: Counts;
  /** Entity -> document mention links. */
  mentions: Counts;
  ms: number;
}

export interface WriteSummary {
  /** Entities and documents. */
  nodes: Counts;
  /** Relations and mention links. */
  relationships: Counts;
  bundles: BundleWriteSummary[];
  /** Nodes of the previous graph deleted by `reset` after the switch (0 without it). */
  resetDeleted: number;
  /** With `reset`: how long the switch transaction took. */
  switchMs?: number;
  ms: number;
}

export type Progress =
  | { stage: 'validated'; bundle: string; entities: number; relations: number }
  | { stage: 'schema'; ms: number }
  /** Leftovers of an interrupted reload, deleted before a new one (only when there were any). */
  | { stage: 'cleanup'; deleted: number }
  | { stage: 'writing'; bundle: string }
  /** After each batch transaction: rows of one kind written so far for this bundle, and the rate. */
  | { stage: 'batch'; bundle: string; what: 'entities' | 'mentions' | 'relations'; written: number; total: number; rate: number }
  | { stage: 'written'; summary: BundleWriteSummary }
  /** reset only: the staged graph went live (one transaction of `ms`). */
  | { stage: 'switched'; ms: number }
  /** reset only: the previous graph, retired by the switch, was deleted. */
  | { stage: 'reset'; deleted: number };

export interface WriteOptions {
  /** Replace the whole graph: write the new one beside it and switch atomically (see ./staged.ts). */
  reset?: boolean;
  /** Rows per write transaction for large writes (default: staged.ts STAGED_BATCH_SIZE with `reset`, else DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /** reset only: relationships, then nodes, per transaction when deleting a graph (default: staged.ts DELETE_BATCH_SIZE). */
  deleteBatchSize?: number;
  onProgress?: (progress: Progress) => void;
  database?: string;
  /** Create constraints and indexes first (default true; they are IF NOT EXISTS). */
  ensureSchema?: boolean;
}

/** A bundle as read from somewhere, not yet validated; `source` names it in messages. */
export interface BundleInput {
  source: string;
  bundle: unknown;
}

function add(into: Counts, more: Counts): Counts {
  into.created += more.created;
  into.updated += more.updated;
  into.unchanged += more.unchanged;
  into.deleted += more.deleted;
  return into;
}

function isInput(value: unknown): value is BundleInput {
  return typeof value === 'object' && value !== null && 'source' in value && 'bundle' in value && !('bundleVersion' in value);
}

/** Constraints, indexes and the full-text index, then wait until every index is online. */
export async function ensureSchema(driver: Driver, options: { database?: string; timeoutSeconds?: number } = {}): Promise<void> {
  const session = driver.session({ database: options.database });
  try {
    // One read instead of ~60 schema transactions on a database that has them all already.
    const present = new Set((await session.executeRead((tx) => tx.run(W.SCHEMA_NAMES))).records[0]!.get('names') as string[]);
    for (const statement of W.SCHEMA_STATEMENTS) {
      if (present.has(W.schemaName(statement))) continue;
      await session.executeWrite((tx) => tx.run(statement)).catch((err: unknown) => {
        // Created meanwhile by another process (an API reconnecting after an import makes what is missing, too):
        // IF NOT EXISTS holds only against committed schema, so the later of two creators fails with this code.
        if (errorCode(err) !== 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists') throw err;
      });
    }
    // the transaction outlives the wait: the server's default timeout (120 s) would end a longer one
    const seconds = options.timeoutSeconds ?? 120;
    await session.executeRead((tx) => tx.run(W.AWAIT_INDEXES, { seconds: neo4j.int(seconds) }), { timeout: (seconds + 30) * 1000 });
  } finally {
    await session.close();
  }
}

/**
 * Deletes every relationship, then every node, `batch` of either per transaction (cypher.ts
 * DELETE_ALL_RELATIONSHIPS: a hub's relationships are spread over several), a document with its stored
 * bundle alone in its transaction (DELETE_BUNDLE_HOLDERS); returns the nodes deleted.
 * Not atomic (the graph is visibly emptied): a reload uses writeBundles with `reset` instead.
 */
export async function resetGraph(driver: Driver, options: { database?: string; batch?: number } = {}): Promise<number> {
  const session = driver.session({ database: options.database });
  const batch = options.batch ?? 5000;
  try {
    await deleteInRounds(session, W.DELETE_ALL_RELATIONSHIPS, batch);
    const documents = await deleteInRounds(session, W.DELETE_BUNDLE_HOLDERS(), 1);
    return documents + (await deleteInRounds(session, W.DELETE_ALL_NODES, batch));
  } finally {
    await session.close();
  }
}

/** Node and relationship counts of the live graph (not what a reload in progress has staged). */
export async function graphCounts(driver: Driver, database?: string): Promise<{ nodes: number; relationships: number }> {
  const { records } = await driver.executeQuery(W.GRAPH_COUNTS, {}, { database });
  return { nodes: toNumber(records[0]!.get('nodes')), relationships: toNumber(records[0]!.get('relationships')) };
}

/** Validate every bundle and merge them; throws one BundleError listing every problem. */
export function prepareBundles(bundles: ReadonlyArray<Bundle | BundleInput>): Prepared[] {
  const problems: string[] = [];
  const valid: Array<{ source: string; bundle: Bundle }> = [];
  bundles.forEach((item, i) => {
    const source = isInput(item)
      ? item.source
      : `bundle ${typeof (item as Bundle)?.document?.id === 'string' ? `"${(item as Bundle).document.id}"` : `#${i + 1}`}`;
    try {
      valid.push({ source, bundle: validateBundle(isInput(item) ? item.bundle : item, source) });
    } catch (err) {
      if (err instanceof BundleError) problems.push(...err.problems);
      else throw err;
    }
  });
  if (problems.length) throw new BundleError(problems);
  const data = toGraphData(valid.map((v) => v.bundle));
  const entities = new Map(data.entities.map((e) => [e.id, e]));
  return valid.map(({ source, bundle }) => {
    const doc = bundle.document.id;
    return {
      source,
      bundle,
      entities: bundle.entities.map((e) => entities.get(e.id)!),
      mentions: new Map(bundle.entities.map((e) => [e.id, e.mentions.map((s) => ({ document: doc, ...s }))])),
      relations: data.relations.filter((r) => r.document === doc),
    };
  });
}

/**
 * Validate all bundles, then (optionally reset and) write each in one transaction.
 * Throws BundleError, with nothing written, when any bundle is invalid.
 */
export async function writeBundles(
  driver: Driver,
  bundles: ReadonlyArray<Bundle | BundleInput>,
  options: WriteOptions = {},
): Promise<WriteSummary> {
  const t0 = Date.now();
  const prepared = prepareBundles(bundles);
  for (const p of prepared) {
    options.onProgress?.({ stage: 'validated', bundle: p.source, entities: p.bundle.entities.length, relations: p.bundle.relations.length });
  }
  if (options.ensureSchema !== false) {
    const ts = Date.now();
    await ensureSchema(driver, { database: options.database });
    options.onProgress?.({ stage: 'schema', ms: Date.now() - ts });
  }
  const summary: WriteSummary = { nodes: zeroCounts(), relationships: zeroCounts(), bundles: [], resetDeleted: 0, ms: 0 };
  const record = (bundleSummary: BundleWriteSummary) => {
    summary.bundles.push(bundleSummary);
    add(add(summary.nodes, bundleSummary.entities), bundleSummary.documents);
    add(add(summary.relationships, bundleSummary.relations), bundleSummary.mentions);
    options.onProgress?.({ stage: 'written', summary: bundleSummary });
  };
  const batchSize = options.batchSize ?? (options.reset ? STAGED_BATCH_SIZE : DEFAULT_BATCH_SIZE);
  const onBatch = (bundle: string) => (what: 'entities' | 'mentions' | 'relations', written: number, total: number, rate: number) =>
    options.onProgress?.({ stage: 'batch', bundle, what, written, total, rate });

  if (options.reset) {
    const leftovers = await cleanUpReload(driver, options.database, options.deleteBatchSize);
    if (leftovers) options.onProgress?.({ stage: 'cleanup', deleted: leftovers });
    const session = driver.session({ database: options.database });
    try {
      const writer = new StagedWriter(session, batchSize);
      for (const p of prepared) {
        options.onProgress?.({ stage: 'writing', bundle: p.source });
        const { ms, ...counts } = await writer.writeBundle(p, onBatch(p.source));
        record({ bundle: p.source, document: p.bundle.document.id, ...counts, ms });
      }
    } finally {
      await session.close();
    }
    summary.switchMs = await switchGraph(driver, options.database);
    options.onProgress?.({ stage: 'switched', ms: summary.switchMs });
    summary.resetDeleted = await deleteRetired(driver, options.database, options.deleteBatchSize);
    options.onProgress?.({ stage: 'reset', deleted: summary.resetDeleted });
    summary.ms = Date.now() - t0;
    return summary;
  }

  const session = driver.session({ database: options.database });
  try {
    for (const p of prepared) {
      options.onProgress?.({ stage: 'writing', bundle: p.source });
      const tb = Date.now();
      const counts = p.relations.length > batchSize ? await writeInBatches(session, p, batchSize, onBatch(p.source)) : await session.executeWrite((tx) => writeOne(tx, p));
      record({ bundle: p.source, document: p.bundle.document.id, ...counts, ms: Date.now() - tb });
    }
  } finally {
    await session.close();
  }
  summary.ms = Date.now() - t0;
  return summary;
}

type BundleCounts = Omit<BundleWriteSummary, 'bundle' | 'document' | 'ms'>;

/** A bundle too big for one transaction: entities, document and mentions in one, then relations in batches. */
async function writeInBatches(
  session: Session,
  p: Prepared,
  batchSize: number,
  onBatch: (what: 'relations', written: number, total: number, rate: number) => void,
): Promise<BundleCounts> {
  const t0 = Date.now();
  const head = await session.executeWrite(async (tx) => {
    const entities = await writeEntities(tx, p);
    const documents = await writeDocument(tx, p);
    const { mentions, orphansDeleted } = await writeMentions(tx, p);
    entities.deleted += orphansDeleted;
    await writeStoredBundle(tx, p);
    await tx.run(W.BUMP_VERSION);
    return { entities, documents, mentions };
  });
  const plan = await session.executeRead((tx) => planRelations(tx, p));
  for (let i = 0; i < plan.toDelete.length; i += batchSize) {
    const slice = plan.toDelete.slice(i, i + batchSize);
    await session.executeWrite((tx) => applyRelations(tx, p.source, slice, []));
  }
  let written = 0;
  const total = plan.rows.reduce((n, [, rows]) => n + rows.length, 0);
  for (const [type, rows] of plan.rows) {
    for (let i = 0; i < rows.length; i += batchSize) {
      const slice = rows.slice(i, i + batchSize);
      await session.executeWrite(async (tx) => {
        await applyRelations(tx, p.source, [], [[type, slice]]);
        await tx.run(W.BUMP_VERSION);
      });
      written += slice.length;
      onBatch('relations', written, total, written / Math.max(0.001, (Date.now() - t0) / 1000));
    }
  }
  return { ...head, relations: plan.counts };
}

/** One bundle, inside one write transaction (may be retried as a whole: every phase reads before it writes). */
async function writeOne(tx: ManagedTransaction, p: Prepared): Promise<BundleCounts> {
  const entities = await writeEntities(tx, p);
  const documents = await writeDocument(tx, p);
  const { mentions, orphansDeleted } = await writeMentions(tx, p);
  entities.deleted += orphansDeleted;
  const relations = await writeRelations(tx, p);
  await writeStoredBundle(tx, p);
  await tx.run(W.BUMP_VERSION);
  return { entities, documents, relations, mentions };
}
