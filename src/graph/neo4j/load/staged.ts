/**
 * A reload (`writeBundles(..., { reset: true })`, `npm run seed -- --reset`) that leaves the previous
 * graph serving until the new one is committed, at any size:
 *
 *   1. clean up what an interrupted reload left (staged or retired nodes), in small transactions;
 *   2. write the new graph BESIDE the live one, under the labels :StagedEntity / :StagedDocument, in
 *      UNWIND batches of `batchSize` rows per transaction (so no bundle is too big for the transaction
 *      memory pool). Every read query matches :Entity / :Document, so staged nodes, and the
 *      relationships between them, are invisible while they are written. The writes go one at a time;
 *      the client builds the next batch's rows while the database writes the current one;
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
import { zeroCounts, type Counts, type Prepared } from './phases';
import { storedBundleProps } from './stored-bundle';
import type { EntityKind } from '../../../schemas/vocabulary';

export interface StagedBundleCounts {
  entities: Counts;
  documents: Counts;
  relations: Counts;
  mentions: Counts;
  ms: number;
}

export type BatchProgress = (what: 'entities' | 'mentions' | 'relations', written: number, total: number, rate: number) => void;

/** Rows per transaction of a plain (not reset) write's batches, and the size above which a bundle is batched. */
export const DEFAULT_BATCH_SIZE = 10_000;

/**
 * Rows per transaction of a staged reload. bench:load at 10^5, 2 shared cores, heap 1g, batch sizes
 * interleaved (load 2.8-4.2): relations phase 2,000: 34.5 s, 5,000: 37.3 s, 10,000: 38.5 s (means of 4, 2, 4
 * rounds; the spread is wider than the gap), end to end 95 s for all three. Same speed, smaller transactions
 * (at 10,000 rows one timed out under GC pressure in a 1 GB heap).
 */
export const STAGED_BATCH_SIZE = 2_000;

/** The property names with a value in some row, sorted: one statement template per key set. */
function keysOf(rows: ReadonlyArray<{ p: Record<string, unknown> }>): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const [k, v] of Object.entries(row.p)) if (v !== null && v !== undefined) keys.add(k);
  return [...keys].sort();
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows (relationships, then nodes) per inner transaction when a reload deletes a graph. */
export const DELETE_BATCH_SIZE = 1000;

/** Inner transactions per deleting statement: it deletes at most this many batches, then runs again (cypher.ts). */
export const DELETE_BATCHES_PER_STATEMENT = 100;

/**
 * A deleting statement of cypher.ts (`$batch` rows per inner transaction, at most `$rows` in all), run until
 * it deletes fewer than `$rows`; returns how many it deleted.
 */
export async function deleteInRounds(session: Session, query: string, batch: number): Promise<number> {
  const rows = batch * DELETE_BATCHES_PER_STATEMENT;
  let total = 0;
  for (;;) {
    const res = await session.run(query, { batch: neo4j.int(batch), rows: neo4j.int(rows) });
    const deleted = toNumber(res.records[0]?.get('deleted') ?? 0);
    total += deleted;
    if (deleted < rows) return total;
  }
}

/**
 * The nodes of one label: their relationships first, then the nodes, `batch` of either per inner
 * transaction (cypher.ts DELETE_LABELLED_RELATIONSHIPS), however many relationships a node has; a node
 * holding a stored bundle alone in its transaction (cypher.ts DELETE_BUNDLE_HOLDERS).
 * Returns the nodes deleted.
 */
async function deleteLabelled(session: Session, label: Parameters<typeof W.DELETE_LABELLED>[0], batch: number): Promise<number> {
  // The usual case of the clean-up before a reload: nothing left, and no relationship scan for it.
  if (toNumber((await session.run(W.COUNT_LABELLED(label))).records[0]!.get('n')) === 0) return 0;
  for (const query of W.DELETE_LABELLED_RELATIONSHIPS(label)) await deleteInRounds(session, query, batch);
  const documents = await deleteInRounds(session, W.DELETE_BUNDLE_HOLDERS(label), 1);
  return documents + (await deleteInRounds(session, W.DELETE_LABELLED(label), batch));
}

/** Deletes the staged and retired nodes an interrupted reload left; returns how many went. */
export async function cleanUpReload(driver: Driver, database?: string, batch = DELETE_BATCH_SIZE): Promise<number> {
  const session = driver.session({ database });
  let total = 0;
  try {
    for (const label of [W.STAGED_ENTITY, W.STAGED_DOCUMENT, W.RETIRED] as const) total += await deleteLabelled(session, label, batch);
  } finally {
    await session.close();
  }
  return total;
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
    const progress = (what: 'entities' | 'mentions' | 'relations', written: number, total: number) =>
      onBatch?.(what, written, total, written / Math.max(0.001, (Date.now() - (phaseStart.get(what) ?? t0)) / 1000));
    const steps: Step[] = [];

    const entities = zeroCounts();
    const fresh = p.entities.filter((e) => !this.entityIds.has(e.id));
    entities.created = fresh.length;
    entities.unchanged = p.entities.length - fresh.length;
    let entitiesWritten = 0;
    for (const batch of chunks(fresh, this.batchSize)) {
      steps.push({
        build: async () => {
          const byKind = new Map<EntityKind, Array<{ p: Record<string, unknown> }>>();
          for (const [e, row] of await mapSliced(batch, (e) => [e, { p: toCypherProps(entityProps(e)) }] as const)) {
            const rows = byKind.get(e.kind) ?? [];
            rows.push(row);
            byKind.set(e.kind, rows);
          }
          return byKind;
        },
        write: async (built) => {
          if (!phaseStart.has('entities')) phaseStart.set('entities', Date.now());
          await this.session.executeWrite(async (tx) => {
            for (const [kind, rows] of built as Map<EntityKind, Array<{ p: Record<string, unknown> }>>) {
              const res = await tx.run(W.stageEntities(kind, keysOf(rows)), { rows });
              for (const r of res.records) this.entityIds.set(r.get('id') as string, r.get('eid') as string);
            }
          });
          entitiesWritten += batch.length;
          progress('entities', entitiesWritten, fresh.length);
        },
      });
    }

    // The bundle as written and its version ride along, as writeStoredBundle keeps them on a live document.
    let doc = '';
    steps.push({
      build: async () => ({ ...toCypherProps(documentProps(p.bundle.document)), ...(await storedBundleProps(p.bundle)) }),
      write: async (props) => {
        doc = (await this.run(W.STAGE_DOCUMENT, { props })).records[0]!.get('eid') as string;
      },
    });
    const documents = { ...zeroCounts(), created: 1 };

    // Built after the entities are written (a step builds while the one before it writes): their element ids.
    let mentionsWritten = 0;
    for (const batch of chunks(p.entities, this.batchSize)) {
      steps.push({
        build: () => mapSliced(batch, (e) => ({ e: this.entityIds.get(e.id)!, p: toCypherProps(mentionProps(p.mentions.get(e.id) ?? [])) })),
        write: async (built) => {
          if (!phaseStart.has('mentions')) phaseStart.set('mentions', Date.now());
          const rows = built as Array<{ p: Record<string, unknown> }>;
          await this.run(W.stageMentions(keysOf(rows)), { doc, rows });
          mentionsWritten += rows.length;
          progress('mentions', mentionsWritten, p.entities.length);
        },
      });
    }
    const mentions = { ...zeroCounts(), created: p.entities.length };

    // Batches of batchSize relations of any types, one statement each (cypher.ts stageRelations).
    let relationsWritten = 0;
    for (const batch of chunks(p.relations, this.batchSize)) {
      steps.push({
        build: () =>
          mapSliced(batch, (r) => {
            const s = this.entityIds.get(r.subject);
            const o = this.entityIds.get(r.object);
            if (s === undefined || o === undefined) throw new Error(`${p.source}: relation ${r.id} has an end no bundle defines`);
            return { type: r.type, s, o, p: toCypherProps(relationProps(r)) };
          }),
        write: async (built) => {
          if (!phaseStart.has('relations')) phaseStart.set('relations', Date.now());
          const rows = built as Array<{ p: Record<string, unknown> }>;
          const n = await this.session.executeWrite(async (tx) =>
            toNumber((await tx.run(W.stageRelations(keysOf(rows)), { rows })).records[0]!.get('written')),
          );
          if (n !== rows.length) throw new Error(`${p.source}: wrote ${n} of ${rows.length} relations (an end is missing)`);
          relationsWritten += rows.length;
          progress('relations', relationsWritten, p.relations.length);
        },
      });
    }
    await overlapped(steps);
    const relations = { ...zeroCounts(), created: p.relations.length };
    return { entities, documents, relations, mentions, ms: Date.now() - t0 };
  }
}

/** One write of a load: `build` makes its rows on the client, `write` sends them (one transaction). */
interface Step {
  build: () => unknown;
  write: (built: unknown) => Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** items.map(f), yielding to the event loop every 500 items (so a write in flight is sent meanwhile). */
async function mapSliced<T, R>(items: readonly T[], f: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 500) {
    await nextTurn();
    for (let j = i; j < Math.min(items.length, i + 500); j++) out.push(f(items[j]!));
  }
  return out;
}

/**
 * The steps' writes, strictly one after the other; each step's rows are built while the database works
 * on the previous write, so client-side preparation (properties, content hashes) overlaps database time.
 */
async function overlapped(steps: readonly Step[]): Promise<void> {
  const build = async (step: Step | undefined) => {
    await nextTurn();
    return step?.build();
  };
  let next = build(steps[0]);
  for (let i = 0; i < steps.length; i++) {
    const pending = steps[i]!.write(await next);
    next = build(steps[i + 1]);
    // Both are awaited below or on the next turn; a failure of the one not awaited yet is not unhandled.
    next.catch(() => undefined);
    pending.catch(() => undefined);
    await pending;
  }
  await next;
}

/** The switch: one transaction; returns its duration. */
export async function switchGraph(driver: Driver, database?: string): Promise<number> {
  const t0 = Date.now();
  const session = driver.session({ database });
  try {
    await session.executeWrite(async (tx) => {
      for (const statement of W.SWITCH) await tx.run(statement);
      await tx.run(W.BUMP_VERSION);
      await tx.run(W.MARK_OVERLAP_KEYS);
    });
  } finally {
    await session.close();
  }
  return Date.now() - t0;
}

/** Deletes the retired graph after a switch, in small transactions; returns the nodes deleted. */
export async function deleteRetired(driver: Driver, database?: string, batch = DELETE_BATCH_SIZE): Promise<number> {
  const session = driver.session({ database });
  try {
    return await deleteLabelled(session, W.RETIRED, batch);
  } finally {
    await session.close();
  }
}
