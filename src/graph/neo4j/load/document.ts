/**
 * Document writes over the API, on Neo4j: one write transaction per request that
 *   1. takes the write lock (document-cypher.ts TAKE_WRITE_LOCK), reads the document's stored bundle,
 *   2. checks If-Match / If-None-Match against its stored version,
 *   3. plans the write with the shared rules (graph/data/documents.ts planWrite: the merge of
 *      graph/data/bundle.ts toGraphData, before vs after) over the stored bundles the write can reach
 *      (writeReach: the documents sharing an id with it; the far ends of its timeless relations as keys),
 *   4. applies exactly that plan with the loader's templates (./cypher.ts) and graph model (./model.ts).
 * A thrown precondition or conflict error rolls the transaction back: nothing is written.
 */
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { ENTITY_KINDS, RELATION_TYPE_NAMES } from '../../../schemas/vocabulary';
import { toGraphData, type EntityRecord, type RelationRecord } from '../../data/bundle';
import type { Bundle } from '../../../schemas/bundle';
import type { TimeKeys } from '../../rules';
import {
  checkPreconditions,
  planWrite,
  type ChangeCounts,
  type DocumentPut,
  type DocumentWriteResult,
  type Preconditions,
  type StoredDocument,
  type WriteReach,
  narrowToReach,
  writeReach,
} from '../../data/documents';
import * as W from './cypher';
import * as D from './document-cypher';
import { documentProps, entityProps, mentionProps, relationProps, toCypherProps } from './model';
import type { Prepared } from './phases';
import { storedBundleProps, unpackBundle } from './stored-bundle';

interface Row {
  id: string;
  props: Record<string, unknown>;
}

async function toStored(rec: { get(key: string): unknown }): Promise<StoredDocument & { id: string }> {
  const id = rec.get('id') as string;
  const stored = rec.get('bundle');
  if (typeof stored !== 'string') {
    throw new Error(`document "${id}" was loaded without its bundle; load it again with the seed CLI (npm run seed)`);
  }
  const author = rec.get('author');
  const verified = rec.get('spansVerified');
  return {
    id,
    bundle: await unpackBundle(stored),
    version: rec.get('version') as string,
    ...(typeof author === 'string' ? { author } : {}),
    ...(typeof verified === 'boolean' ? { spansVerified: verified } : {}),
  };
}

/** The stored form of document `id`'s bundle (packed: ./stored-bundle.ts) and its version; null when none. */
export async function storedBundleForm(tx: ManagedTransaction, id: string): Promise<{ stored: string; version: string } | null> {
  const rec = (await tx.run(D.STORED_BUNDLE, { id })).records[0];
  const stored = rec?.get('bundle');
  return typeof stored === 'string' ? { stored, version: rec!.get('version') as string } : null;
}

export async function storedDocument(tx: ManagedTransaction, id: string): Promise<StoredDocument | null> {
  const rec = (await tx.run(D.STORED_DOCUMENT, { id })).records[0];
  if (!rec || rec.get('bundle') === null) return null;
  const { id: _id, ...doc } = await toStored(rec);
  return doc;
}

/**
 * The other stored bundles a write of document `id` plans over, only those its reach touches and cut to
 * what touches it (narrowToReach), and the keys of the far ends of its entities' timeless relations (a
 * write at 10^6 relations unpacked and merged every document's bundle, about 106 MB of JSON each).
 */
export async function storedBundlesReached(tx: ManagedTransaction, id: string, reach: WriteReach): Promise<{ bundles: Bundle[]; endKeys: Map<string, TimeKeys> }> {
  const docs = (await tx.run(D.DOCUMENTS_REACHED, reach)).records[0]!.get('docs') as string[];
  const endKeys = new Map(
    (await tx.run(D.FAR_END_KEYS, reach)).records.map((r) => [
      r.get('id') as string,
      { minStart: r.get('minStart'), maxStart: r.get('maxStart'), minEnd: r.get('minEnd'), maxEnd: r.get('maxEnd') } as TimeKeys,
    ]),
  );
  const ids = [...new Set(docs)].filter((d) => d !== id);
  if (!ids.length) return { bundles: [], endKeys };
  const stored = await Promise.all((await tx.run(D.STORED_DOCUMENTS_IN, { ids })).records.map(toStored));
  return { bundles: stored.map((d) => narrowToReach(d.bundle, reach)), endKeys };
}

/** The loader's extra phase: keep the bundle as written (./stored-bundle.ts) and its version on the :Document node. */
export async function writeStoredBundle(tx: ManagedTransaction, p: Prepared): Promise<void> {
  await tx.run(D.SET_DOCUMENT_BUNDLE, { id: p.bundle.document.id, ...(await storedBundleProps(p.bundle)) });
}

async function upsertEntities(tx: ManagedTransaction, entities: EntityRecord[]): Promise<void> {
  for (const kind of ENTITY_KINDS) {
    const rows: Row[] = entities.filter((e) => e.kind === kind).map((e) => ({ id: e.id, props: toCypherProps(entityProps(e)) }));
    if (rows.length) await tx.run(W.WRITE_ENTITIES[kind], { rows });
  }
}

async function createRelations(tx: ManagedTransaction, relations: RelationRecord[]): Promise<void> {
  for (const type of RELATION_TYPE_NAMES) {
    const rows = relations
      .filter((r) => r.type === type)
      .map((r) => ({ id: r.id, subject: r.subject, object: r.object, props: toCypherProps(relationProps(r)) }));
    if (rows.length) await tx.run(W.WRITE_RELATIONS[type], { rows });
  }
}

/** The constraint that makes TAKE_WRITE_LOCK a lock (IF NOT EXISTS; schema statements run outside data transactions). */
export async function ensureWriteLock(driver: Driver, database?: string): Promise<void> {
  await driver.executeQuery(D.WRITE_LOCK_CONSTRAINT, {}, { database });
}

/** Create or replace (put) or delete (put null) one document, in one transaction. */
async function writeDocumentTx(
  tx: ManagedTransaction,
  id: string,
  pre: Preconditions,
  put: DocumentPut | null,
): Promise<DocumentWriteResult | null> {
  await tx.run(D.TAKE_WRITE_LOCK);
  const found = (await tx.run(D.STORED_DOCUMENT, { id })).records[0];
  const current = found ? await toStored(found) : null; // throws for a document loaded without its bundle
  if (!put && !current) {
    await tx.run(D.RELEASE_WRITE_LOCK);
    return null;
  }
  checkPreconditions(id, current?.version ?? null, pre);
  const { bundles, endKeys } = await storedBundlesReached(tx, id, writeReach(current?.bundle ?? null, put?.bundle ?? null));
  const plan = planWrite(current ? [...bundles, current.bundle] : bundles, id, put?.bundle ?? null, endKeys);
  // Relations that change or go are removed first (an updated one may have new ends), created last.
  const relationIds = [...plan.relationDeletes, ...plan.relationUpserts.map((r) => r.id)];
  if (relationIds.length) await tx.run(D.DELETE_RELATIONS_BY_ID, { ids: relationIds });
  await tx.run(D.DELETE_DOCUMENT_MENTIONS, { id });
  await upsertEntities(tx, plan.entityUpserts);
  let version: string | null = null;
  if (put) {
    const bundle = put.bundle;
    const bundleProps = await storedBundleProps(bundle);
    version = bundleProps.version;
    await tx.run(W.WRITE_DOCUMENT, { props: toCypherProps(documentProps(bundle.document)) });
    await tx.run(D.SET_DOCUMENT_META, { id, ...bundleProps, author: put.author, spansVerified: put.spansVerified });
    const rows: Row[] = bundle.entities.map((e) => ({
      id: e.id,
      props: toCypherProps(mentionProps(e.mentions.map((s) => ({ document: id, ...s })))),
    }));
    if (rows.length) await tx.run(W.WRITE_MENTIONS, { doc: id, rows });
  } else {
    await tx.run(D.DELETE_DOCUMENT, { id });
  }
  if (plan.entityDeletes.length) await tx.run(D.DELETE_ENTITIES, { ids: plan.entityDeletes });
  await createRelations(tx, plan.relationUpserts);
  await tx.run(W.BUMP_VERSION); // the store's per-version totals and stats (../derived.ts) start afresh
  await tx.run(D.RELEASE_WRITE_LOCK);
  return { document: id, version, created: current === null, entities: plan.entities, relations: plan.relations };
}

export async function putDocument(driver: Driver, put: DocumentPut, database?: string): Promise<DocumentWriteResult> {
  const session = driver.session({ database });
  try {
    const id = put.bundle.document.id;
    return (await session.executeWrite((tx) => writeDocumentTx(tx, id, put, put)))!;
  } finally {
    await session.close();
  }
}

export async function deleteDocument(driver: Driver, id: string, pre: Preconditions, database?: string): Promise<DocumentWriteResult | null> {
  const session = driver.session({ database });
  try {
    return await session.executeWrite((tx) => writeDocumentTx(tx, id, pre, null));
  } finally {
    await session.close();
  }
}

export interface ReconcileSummary {
  entities: ChangeCounts;
  relations: ChangeCounts;
}

/**
 * Brings every entity and relation in line with the merge of ALL stored bundles, seed and API-written.
 * The seed loader (writeBundles) merges only the bundles it is given, so after it re-loads seed/ a fact
 * that a document written over the API shares with a seed document would keep only the seed's evidence
 * and assertion; run this after it (the seed CLI does) to restore the merge. Compares content hashes, so
 * a consistent graph costs two reads and no writes.
 */
export async function reconcileDocuments(driver: Driver, database?: string): Promise<ReconcileSummary> {
  await ensureWriteLock(driver, database);
  const session = driver.session({ database });
  try {
    return await session.executeWrite(async (tx) => {
      await tx.run(D.TAKE_WRITE_LOCK);
      const stored = await Promise.all((await tx.run(D.STORED_DOCUMENTS)).records.map(toStored));
      const merged = toGraphData(stored.map((d) => d.bundle));
      const hashes = async (query: string) =>
        new Map((await tx.run(query)).records.map((r) => [r.get('id') as string, r.get('hash') as unknown]));
      const entityHashes = await hashes(D.ENTITY_HASHES);
      const relationHashes = await hashes(D.RELATION_HASHES);
      const changed = <T extends { id: string }>(items: T[], old: Map<string, unknown>, hash: (t: T) => unknown) => {
        const counts: ChangeCounts = { created: 0, updated: 0, deleted: 0 };
        const upserts = items.filter((t) => {
          if (!old.has(t.id)) counts.created++;
          else if (old.get(t.id) !== hash(t)) counts.updated++;
          else return false;
          return true;
        });
        const keep = new Set(items.map((t) => t.id));
        const deletes = [...old.keys()].filter((id) => !keep.has(id));
        counts.deleted = deletes.length;
        return { upserts, deletes, counts };
      };
      const e = changed(merged.entities, entityHashes, (x) => entityProps(x).contentHash);
      const r = changed(merged.relations, relationHashes, (x) => relationProps(x).contentHash);
      const relationIds = [...r.deletes, ...r.upserts.map((x) => x.id)];
      if (relationIds.length) await tx.run(D.DELETE_RELATIONS_BY_ID, { ids: relationIds });
      await upsertEntities(tx, e.upserts);
      if (e.deletes.length) await tx.run(D.DELETE_ENTITIES, { ids: e.deletes });
      await createRelations(tx, r.upserts);
      await tx.run(W.BUMP_VERSION);
      await tx.run(D.RELEASE_WRITE_LOCK);
      return { entities: e.counts, relations: r.counts };
    });
  } finally {
    await session.close();
  }
}
