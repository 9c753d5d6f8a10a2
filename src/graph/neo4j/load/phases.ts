/**
 * The write phases of one bundle, in order, inside its one write transaction: entities, the document,
 * mention links, relations. Each reads what is stored, compares content hashes and writes only what
 * changed, so a re-run is a no-op; each returns its own counts.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Bundle } from '../../../schemas/bundle';
import type { Evidence } from '../../../schemas/domain';
import { ENTITY_KINDS, RELATION_TYPE_NAMES, type RelationType } from '../../../schemas/vocabulary';
import type { EntityRecord, RelationRecord } from '../../data/bundle';
import { toNumber } from '../mapper';
import * as W from './cypher';
import { documentProps, entityProps, mentionProps, relationProps, toCypherProps, type Props } from './model';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export const zeroCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0 });

/** One bundle, validated and merged with the others, ready to write. */
export interface Prepared {
  source: string;
  bundle: Bundle;
  entities: EntityRecord[];
  mentions: Map<string, Evidence[]>;
  relations: RelationRecord[];
}

type Status = 'created' | 'updated' | 'unchanged';
type Row = { id: string; props: Record<string, unknown> };

function status(oldHash: unknown, exists: boolean, props: Props): Status {
  if (!exists) return 'created';
  return oldHash === props.contentHash ? 'unchanged' : 'updated';
}

/** Entities, grouped by kind label (a label cannot be a parameter). */
export async function writeEntities(tx: ManagedTransaction, p: Prepared): Promise<Counts> {
  const counts = zeroCounts();
  const existing = new Map(
    (await tx.run(W.EXISTING_ENTITIES, { ids: p.entities.map((e) => e.id) })).records.map((r) => [r.get('id') as string, r.get('hash') as unknown]),
  );
  const rows = new Map(ENTITY_KINDS.map((k) => [k, [] as Row[]]));
  for (const e of p.entities) {
    const props = entityProps(e);
    const s = status(existing.get(e.id), existing.has(e.id), props);
    counts[s]++;
    if (s !== 'unchanged') rows.get(e.kind)!.push({ id: e.id, props: toCypherProps(props) });
  }
  for (const kind of ENTITY_KINDS) {
    const batch = rows.get(kind)!;
    if (batch.length) await tx.run(W.WRITE_ENTITIES[kind], { rows: batch });
  }
  return counts;
}

export async function writeDocument(tx: ManagedTransaction, p: Prepared): Promise<Counts> {
  const counts = zeroCounts();
  const props = documentProps(p.bundle.document);
  const rec = (await tx.run(W.EXISTING_DOCUMENT, { id: p.bundle.document.id })).records[0];
  const s = status(rec?.get('hash'), rec !== undefined, props);
  counts[s]++;
  if (s !== 'unchanged') await tx.run(W.WRITE_DOCUMENT, { props: toCypherProps(props) });
  return counts;
}

/**
 * Mention links: one per entity the bundle defines; links to entities it no longer defines go, and
 * so do entities that no bundle mentions any more (counted in `orphansDeleted`).
 */
export async function writeMentions(tx: ManagedTransaction, p: Prepared): Promise<{ mentions: Counts; orphansDeleted: number }> {
  const doc = p.bundle.document.id;
  const mentions = zeroCounts();
  const old = new Map((await tx.run(W.EXISTING_MENTIONS, { doc })).records.map((r) => [r.get('id') as string, r.get('hash') as unknown]));
  const rows: Row[] = [];
  for (const e of p.entities) {
    const props = mentionProps(p.mentions.get(e.id) ?? []);
    const s = status(old.get(e.id), old.has(e.id), props);
    mentions[s]++;
    if (s !== 'unchanged') rows.push({ id: e.id, props: toCypherProps(props) });
  }
  if (rows.length) await tx.run(W.WRITE_MENTIONS, { doc, rows });
  const defined = new Set(p.entities.map((e) => e.id));
  const stale = [...old.keys()].filter((id) => !defined.has(id));
  let orphansDeleted = 0;
  if (stale.length) {
    await tx.run(W.DELETE_MENTIONS, { doc, ids: stale });
    mentions.deleted += stale.length;
    const orphans = await tx.run(W.DELETE_ORPHAN_ENTITIES, { ids: stale });
    orphansDeleted = toNumber(orphans.records[0]?.get('deleted') ?? 0);
  }
  return { mentions, orphansDeleted };
}

type RelationRow = Row & { subject: string; object: string };

/** What writing a bundle's relations changes: counts, relationships to delete, rows to write per type. */
export interface RelationPlan {
  counts: Counts;
  toDelete: string[];
  rows: Array<[RelationType, RelationRow[]]>;
}

/** Relations by id; one whose type or ends changed is replaced; ones the bundle dropped go. */
export async function planRelations(tx: ManagedTransaction, p: Prepared): Promise<RelationPlan> {
  const counts = zeroCounts();
  const ids = p.relations.map((r) => r.id);
  const old = (await tx.run(W.EXISTING_RELATIONS, { ids, doc: p.bundle.document.id })).records.map((r) => ({
    id: r.get('id') as string,
    type: r.get('type') as string,
    subject: r.get('subject') as string,
    object: r.get('object') as string,
    hash: r.get('hash') as unknown,
    elementId: r.get('elementId') as string,
  }));
  const byId = new Map(old.map((r) => [r.id, r]));
  const wanted = new Set(ids);
  const toDelete = old.filter((r) => !wanted.has(r.id)).map((r) => r.elementId);
  counts.deleted += toDelete.length;
  const rows = new Map(RELATION_TYPE_NAMES.map((t) => [t, [] as RelationRow[]]));
  for (const r of p.relations) {
    const props = relationProps(r);
    const prev = byId.get(r.id);
    let s: Status;
    if (!prev) s = 'created';
    else if (prev.type !== r.type || prev.subject !== r.subject || prev.object !== r.object) {
      toDelete.push(prev.elementId);
      s = 'updated';
    } else s = status(prev.hash, true, props);
    counts[s]++;
    if (s !== 'unchanged') rows.get(r.type)!.push({ id: r.id, subject: r.subject, object: r.object, props: toCypherProps(props) });
  }
  return { counts, toDelete, rows: [...rows].filter(([, batch]) => batch.length > 0) };
}

/** Deletes, then writes, (a slice of) a plan. */
export async function applyRelations(tx: ManagedTransaction, source: string, toDelete: string[], rows: Array<[RelationType, RelationRow[]]>): Promise<void> {
  if (toDelete.length) await tx.run(W.DELETE_RELATIONS, { elementIds: toDelete });
  for (const [type, batch] of rows) {
    const written = toNumber((await tx.run(W.WRITE_RELATIONS[type], { rows: batch })).records[0]!.get('written'));
    if (written !== batch.length) throw new Error(`${source}: wrote ${written} of ${batch.length} ${type} relations (an end is missing)`);
  }
}

export async function writeRelations(tx: ManagedTransaction, p: Prepared): Promise<Counts> {
  const plan = await planRelations(tx, p);
  await applyRelations(tx, p.source, plan.toDelete, plan.rows);
  return plan.counts;
}
