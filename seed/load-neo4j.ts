/**
 * Loads validated seed bundles into Neo4j (graph model: src/graph/neo4j/model.ts; Cypher:
 * src/graph/neo4j/writes.ts). Parsing and validation stay in ./bundle.ts; this file only writes.
 *
 * - Every bundle is validated (and all of them merged) before anything is written: one bad bundle
 *   writes nothing at all.
 * - Each bundle is written in ONE write transaction, with MERGE by id and SET of every property, so a
 *   re-run changes nothing and duplicates nothing. What the bundle defined before and no longer does
 *   (relations, mention links, entities no bundle defines any more) is removed.
 * - An entity defined by several bundles takes its fields from the first bundle (file order), like
 *   toGraphData; each bundle contributes its own mentions (one MENTIONED_IN link per bundle).
 * - The summary says what was created, updated, unchanged or deleted, by comparing content hashes.
 */
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { Bundle } from '../src/schemas/bundle';
import type { Evidence } from '../src/schemas/domain';
import { ENTITY_KINDS, RELATION_TYPE_NAMES } from '../src/schemas/vocabulary';
import {
  documentProps,
  entityProps,
  mentionProps,
  relationProps,
  toCypherProps,
  type Props,
} from '../src/graph/neo4j/model';
import { toNumber } from '../src/graph/neo4j/mapper';
import * as W from '../src/graph/neo4j/writes';
import { BundleError, toGraphData, validateBundle, type EntityRecord, type RelationRecord } from './bundle';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

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

const zero = (): Counts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0 });

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

interface Prepared {
  source: string;
  bundle: Bundle;
  entities: EntityRecord[];
  mentions: Map<string, Evidence[]>;
  relations: RelationRecord[];
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
  const summary: WriteSummary = { nodes: zero(), relationships: zero(), bundles: [], resetDeleted, ms: 0 };
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

type Status = 'created' | 'updated' | 'unchanged';

function status(oldHash: unknown, exists: boolean, props: Props): Status {
  if (!exists) return 'created';
  return oldHash === props.contentHash ? 'unchanged' : 'updated';
}

/** One bundle, inside one write transaction (may be retried as a whole: it reads before it writes). */
async function writeOne(tx: ManagedTransaction, p: Prepared): Promise<Omit<BundleWriteSummary, 'bundle' | 'document' | 'ms'>> {
  const doc = p.bundle.document.id;
  const result = { entities: zero(), documents: zero(), relations: zero(), mentions: zero() };

  // Entities, grouped by kind label.
  const ids = p.entities.map((e) => e.id);
  const existing = new Map(
    (await tx.run(W.EXISTING_ENTITIES, { ids })).records.map((r) => [r.get('id') as string, r.get('hash') as unknown]),
  );
  const entityRows = new Map(ENTITY_KINDS.map((k) => [k, [] as Array<{ id: string; props: Record<string, unknown> }>]));
  for (const e of p.entities) {
    const props = entityProps(e);
    const s = status(existing.get(e.id), existing.has(e.id), props);
    result.entities[s]++;
    if (s !== 'unchanged') entityRows.get(e.kind)!.push({ id: e.id, props: toCypherProps(props) });
  }
  for (const kind of ENTITY_KINDS) {
    const rows = entityRows.get(kind)!;
    if (rows.length) await tx.run(W.WRITE_ENTITIES[kind], { rows });
  }

  // The document.
  const docProps = documentProps(p.bundle.document);
  const docRec = (await tx.run(W.EXISTING_DOCUMENT, { id: doc })).records[0];
  const docStatus = status(docRec?.get('hash'), docRec !== undefined, docProps);
  result.documents[docStatus]++;
  if (docStatus !== 'unchanged') await tx.run(W.WRITE_DOCUMENT, { props: toCypherProps(docProps) });

  // Mention links: one per entity the bundle defines; links to entities it no longer defines go.
  const oldMentions = new Map(
    (await tx.run(W.EXISTING_MENTIONS, { doc })).records.map((r) => [r.get('id') as string, r.get('hash') as unknown]),
  );
  const mentionRows: Array<{ id: string; props: Record<string, unknown> }> = [];
  for (const e of p.entities) {
    const props = mentionProps(p.mentions.get(e.id) ?? []);
    const s = status(oldMentions.get(e.id), oldMentions.has(e.id), props);
    result.mentions[s]++;
    if (s !== 'unchanged') mentionRows.push({ id: e.id, props: toCypherProps(props) });
  }
  if (mentionRows.length) await tx.run(W.WRITE_MENTIONS, { doc, rows: mentionRows });
  const defined = new Set(ids);
  const staleMentions = [...oldMentions.keys()].filter((id) => !defined.has(id));
  if (staleMentions.length) {
    await tx.run(W.DELETE_MENTIONS, { doc, ids: staleMentions });
    result.mentions.deleted += staleMentions.length;
    const orphans = await tx.run(W.DELETE_ORPHAN_ENTITIES, { ids: staleMentions });
    result.entities.deleted += toNumber(orphans.records[0]?.get('deleted') ?? 0);
  }

  // Relations: by id; one whose type or ends changed is replaced; ones the bundle dropped go.
  const relIds = p.relations.map((r) => r.id);
  const oldRelations = (await tx.run(W.EXISTING_RELATIONS, { ids: relIds, doc })).records.map((r) => ({
    id: r.get('id') as string,
    type: r.get('type') as string,
    subject: r.get('subject') as string,
    object: r.get('object') as string,
    hash: r.get('hash') as unknown,
    elementId: r.get('elementId') as string,
  }));
  const byId = new Map(oldRelations.map((r) => [r.id, r]));
  const wanted = new Set(relIds);
  const toDelete = oldRelations.filter((r) => !wanted.has(r.id)).map((r) => r.elementId);
  result.relations.deleted += toDelete.length;
  const relRows = new Map(RELATION_TYPE_NAMES.map((t) => [t, [] as Array<{ id: string; subject: string; object: string; props: Record<string, unknown> }>]));
  for (const r of p.relations) {
    const props = relationProps(r);
    const old = byId.get(r.id);
    let s: Status;
    if (!old) s = 'created';
    else if (old.type !== r.type || old.subject !== r.subject || old.object !== r.object) {
      toDelete.push(old.elementId);
      s = 'updated';
    } else s = status(old.hash, true, props);
    result.relations[s]++;
    if (s !== 'unchanged') relRows.get(r.type)!.push({ id: r.id, subject: r.subject, object: r.object, props: toCypherProps(props) });
  }
  if (toDelete.length) await tx.run(W.DELETE_RELATIONS, { elementIds: toDelete });
  for (const type of RELATION_TYPE_NAMES) {
    const rows = relRows.get(type)!;
    if (!rows.length) continue;
    const written = toNumber((await tx.run(W.WRITE_RELATIONS[type], { rows })).records[0]!.get('written'));
    if (written !== rows.length) throw new Error(`${p.source}: wrote ${written} of ${rows.length} ${type} relations (an end is missing)`);
  }
  return result;
}

