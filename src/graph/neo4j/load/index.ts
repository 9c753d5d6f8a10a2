/**
 * Loads validated bundles into Neo4j (graph model: ./model.ts; Cypher: ./cypher.ts; the per-bundle
 * phases: ./phases.ts). Parsing and validation stay in graph/data/bundle.ts; this side only writes.
 *
 * - Every bundle is validated (and all of them merged) before anything is written: one bad bundle
 *   writes nothing at all.
 * - Each bundle is written in ONE write transaction, with MERGE by id and SET of every property, so a
 *   re-run changes nothing and duplicates nothing. What the bundle defined before and no longer does
 *   (relations, mention links, entities no bundle defines any more) is removed.
 * - An entity defined by several bundles takes its fields from the first bundle by document id, like
 *   toGraphData; each bundle contributes its own mentions (one MENTIONED_IN link per bundle).
 * - The summary says what was created, updated, unchanged or deleted, by comparing content hashes.
 */
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { Bundle } from '../../../schemas/bundle';
import { toNumber } from '../mapper';
import * as W from './cypher';
import { BundleError, toGraphData, validateBundle } from '../../data/bundle';
import { writeDocument, writeEntities, writeMentions, writeRelations, zeroCounts, type Counts, type Prepared } from './phases';
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
  /** Nodes deleted by `reset` (0 without it). */
  resetDeleted: number;
  ms: number;
}

export type Progress =
  | { stage: 'validated'; bundle: string; entities: number; relations: number }
  | { stage: 'schema'; ms: number }
  | { stage: 'reset'; deleted: number }
  | { stage: 'writing'; bundle: string }
  | { stage: 'written'; summary: BundleWriteSummary };

export interface WriteOptions {
  /** Delete the whole graph first (in batches), after validation passed. */
  reset?: boolean;
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
    for (const statement of W.SCHEMA_STATEMENTS) await session.executeWrite((tx) => tx.run(statement));
    await session.executeRead((tx) => tx.run(W.AWAIT_INDEXES, { seconds: neo4j.int(options.timeoutSeconds ?? 120) }));
  } finally {
    await session.close();
  }
}

/** Deletes every node and relationship, `batch` nodes per transaction; returns the nodes deleted. */
export async function resetGraph(driver: Driver, options: { database?: string; batch?: number } = {}): Promise<number> {
  const session = driver.session({ database: options.database });
  let total = 0;
  try {
    for (;;) {
      const res = await session.executeWrite((tx) => tx.run(W.DELETE_BATCH, { batch: neo4j.int(options.batch ?? 5000) }));
      const deleted = toNumber(res.records[0]!.get('deleted'));
      total += deleted;
      if (deleted === 0) return total;
    }
  } finally {
    await session.close();
  }
}

/** Node and relationship counts of the whole database. */
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
  let resetDeleted = 0;
  if (options.reset) {
    resetDeleted = await resetGraph(driver, { database: options.database });
    options.onProgress?.({ stage: 'reset', deleted: resetDeleted });
  }
  const summary: WriteSummary = { nodes: zeroCounts(), relationships: zeroCounts(), bundles: [], resetDeleted, ms: 0 };
  const session = driver.session({ database: options.database });
  try {
    for (const p of prepared) {
      options.onProgress?.({ stage: 'writing', bundle: p.source });
      const tb = Date.now();
      const counts = await session.executeWrite((tx) => writeOne(tx, p));
      const bundleSummary: BundleWriteSummary = { bundle: p.source, document: p.bundle.document.id, ...counts, ms: Date.now() - tb };
      summary.bundles.push(bundleSummary);
      add(add(summary.nodes, counts.entities), counts.documents);
      add(add(summary.relationships, counts.relations), counts.mentions);
      options.onProgress?.({ stage: 'written', summary: bundleSummary });
    }
  } finally {
    await session.close();
  }
  summary.ms = Date.now() - t0;
  return summary;
}

/** One bundle, inside one write transaction (may be retried as a whole: every phase reads before it writes). */
async function writeOne(tx: ManagedTransaction, p: Prepared): Promise<Omit<BundleWriteSummary, 'bundle' | 'document' | 'ms'>> {
  const entities = await writeEntities(tx, p);
  const documents = await writeDocument(tx, p);
  const { mentions, orphansDeleted } = await writeMentions(tx, p);
  entities.deleted += orphansDeleted;
  const relations = await writeRelations(tx, p);
  await writeStoredBundle(tx, p);
  return { entities, documents, relations, mentions };
}
