/**
 * A reload (`writeBundles(..., { reset: true })`, `npm run seed -- --reset`) that leaves the previous
 * graph serving until the new one is committed, at any size:
 *
 *   1. clean up what an interrupted reload left (staged or retired nodes), in small transactions;
 *   2. write the new graph BESIDE the live one, under the labels :StagedEntity / :StagedDocument, in
 *      UNWIND batches of `batchSize` rows per transaction (so no bundle is too big for the transaction
 *      memory pool). Every read query matches :Entity / :Document, so staged nodes, and the
 *      relationships between them, are invisible while they are written;
 *   3. SWITCH in one transaction: live nodes are relabelled :Retired, staged nodes :Entity / :Document,
 *      and the graph version is bumped. This relabels nodes only (no relationship is touched), so it is
 *      small next to the load (measured in the README); a reader sees the old graph or the new one;
 *   4. delete the retired graph in small transactions (it is invisible already).
 *
 * A loader killed during 1, 2 or 4 leaves the old (or, after 3, the new) graph serving; the next load
 * starts with step 1. Killed during 3, the switch transaction rolls back. Loads must not run
 * concurrently (one operator, one `npm run seed` at a time).
 */
import type { Driver, Session } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { toNumber } from '../mapper';
import * as W from './cypher';
import { documentProps, entityProps, mentionProps, relationProps, toCypherProps } from './model';
import { bundleVersion } from '../../data/documents';
import { zeroCounts, type Counts, type Prepared } from './phases';

export interface StagedBundleCounts {
  entities: Counts;
  documents: Counts;
  relations: Counts;
  mentions: Counts;
  ms: number;
}

export type BatchProgress = (what: 'entities' | 'mentions' | 'relations', written: number, total: number, rate: number) => void;

export const DEFAULT_BATCH_SIZE = 10_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Deletes the staged and retired nodes an interrupted reload left; returns how many went. */
export async function cleanUpReload(driver: Driver, database?: string, batch = 1000): Promise<number> {
  const session = driver.session({ database });
  let deleted = 0;
  try {
    for (const label of [W.STAGED_ENTITY, W.STAGED_DOCUMENT, W.RETIRED] as const) {
      const res = await session.run(W.DELETE_LABELLED(label), { batch: neo4j.int(batch) });
      deleted += toNumber(res.records[0]?.get('deleted') ?? 0);
    }
  } finally {
    await session.close();
  }
  return deleted;
}

/** Writes the staged graph, bundle by bundle; entities shared by bundles are written once (the first). */
export class StagedWriter {
  private readonly entityIds = new Map<string, string>();

  constructor(
    private readonly session: Session,
    private readonly batchSize: number,
  ) {}

  private async run(query: string, params: Record<string, unknown>) {
    return this.session.executeWrite((tx) => tx.run(query, params));
  }

  async writeBundle(p: Prepared, onBatch?: BatchProgress): Promise<StagedBundleCounts> {
    const t0 = Date.now();
    // The rate of each phase since that phase started (rows of that kind per second).
    const phaseStart = new Map<string, number>();
    const start = (what: 'entities' | 'mentions' | 'relations') => phaseStart.set(what, Date.now());
    const progress = (what: 'entities' | 'mentions' | 'relations', written: number, total: number) =>
      onBatch?.(what, written, total, written / Math.max(0.001, (Date.now() - (phaseStart.get(what) ?? t0)) / 1000));

    const entities = zeroCounts();
    const fresh = p.entities.filter((e) => !this.entityIds.has(e.id));
    entities.created = fresh.length;
    entities.unchanged = p.entities.length - fresh.length;
    let written = 0;
    start('entities');
    for (const batch of chunks(fresh, this.batchSize)) {
      const byKind = new Map<string, Array<{ props: Record<string, unknown> }>>();
      for (const e of batch) {
        const rows = byKind.get(e.kind) ?? [];
        rows.push({ props: toCypherProps(entityProps(e)) });
        byKind.set(e.kind, rows);
      }
      await this.session.executeWrite(async (tx) => {
        for (const [kind, rows] of byKind) {
          const res = await tx.run(W.STAGE_ENTITIES[kind as keyof typeof W.STAGE_ENTITIES], { rows });
          for (const r of res.records) this.entityIds.set(r.get('id') as string, r.get('eid') as string);
        }
      });
      written += batch.length;
      progress('entities', written, fresh.length);
    }

    // The bundle as written and its version ride along, as writeStoredBundle keeps them on a live document.
    const props = { ...toCypherProps(documentProps(p.bundle.document)), bundle: JSON.stringify(p.bundle), version: bundleVersion(p.bundle) };
    const doc = (await this.run(W.STAGE_DOCUMENT, { props })).records[0]!.get('eid') as string;
    const documents = { ...zeroCounts(), created: 1 };

    const mentionRows = p.entities.map((e) => ({ e: this.entityIds.get(e.id)!, props: toCypherProps(mentionProps(p.mentions.get(e.id) ?? [])) }));
    written = 0;
    start('mentions');
    for (const rows of chunks(mentionRows, this.batchSize)) {
      await this.run(W.STAGE_MENTIONS, { doc, rows });
      written += rows.length;
      progress('mentions', written, mentionRows.length);
    }
    const mentions = { ...zeroCounts(), created: mentionRows.length };

    // Batches of batchSize relations of any types, one statement each (cypher.ts stageRelations).
    written = 0;
    start('relations');
    for (const batch of chunks(p.relations, this.batchSize)) {
      const keys = new Set<string>();
      const rows = batch.map((r) => {
        const s = this.entityIds.get(r.subject);
        const o = this.entityIds.get(r.object);
        if (s === undefined || o === undefined) throw new Error(`${p.source}: relation ${r.id} has an end no bundle defines`);
        const props = toCypherProps(relationProps(r));
        for (const [k, v] of Object.entries(props)) if (v !== null && v !== undefined) keys.add(k);
        return { type: r.type, s, o, p: props };
      });
      const n = await this.session.executeWrite(async (tx) =>
        toNumber((await tx.run(W.stageRelations([...keys].sort()), { rows })).records[0]!.get('written')),
      );
      if (n !== rows.length) throw new Error(`${p.source}: wrote ${n} of ${rows.length} relations (an end is missing)`);
      written += rows.length;
      progress('relations', written, p.relations.length);
    }
    const relations = { ...zeroCounts(), created: p.relations.length };
    return { entities, documents, relations, mentions, ms: Date.now() - t0 };
  }
}

/** The switch: one transaction; returns its duration. */
export async function switchGraph(driver: Driver, database?: string): Promise<number> {
  const t0 = Date.now();
  const session = driver.session({ database });
  try {
    await session.executeWrite(async (tx) => {
      for (const statement of W.SWITCH) await tx.run(statement);
      await tx.run(W.BUMP_VERSION);
    });
  } finally {
    await session.close();
  }
  return Date.now() - t0;
}

/** Deletes the retired graph after a switch, in small transactions; returns the nodes deleted. */
export async function deleteRetired(driver: Driver, database?: string, batch = 1000): Promise<number> {
  const session = driver.session({ database });
  try {
    const res = await session.run(W.DELETE_LABELLED(W.RETIRED), { batch: neo4j.int(batch) });
    return toNumber(res.records[0]?.get('deleted') ?? 0);
  } finally {
    await session.close();
  }
}
