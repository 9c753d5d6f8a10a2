/**
 * Documents written over the API: versions (ETags), preconditions and the write plan both stores apply.
 *
 * - A document's version is the SHA-256 of its bundle's canonical JSON (keys sorted), shortened to 32 hex
 *   digits: equal content, equal version, in both stores. The ETag is that version in quotes (strong).
 * - If-Match: the write goes ahead only when the document exists and one of the tags equals its version
 *   (`*` = it exists). If-None-Match: `*` = create only (the document must not exist). Otherwise 412.
 * - A write is planned by merging the stored bundles with the new one (toGraphData, so the merge rules
 *   are the same as at seed time) and comparing before and after: the entities and relations that
 *   appear (created), change (updated) or disappear (deleted). A store applies exactly that plan.
 */
import { createHash } from 'node:crypto';
import type { Bundle } from '../../schemas/bundle';
import { BundleError, toGraphData, type EntityRecord, type GraphData, type RelationRecord } from './bundle';
import { DocumentConflictError, PreconditionFailedError } from '../errors';
import type { TimeKeys } from '../rules';

/** A document as a store keeps it: the bundle as written and who wrote it. */
export interface StoredDocument {
  bundle: Bundle;
  version: string;
  /** The API key name that wrote it (absent for documents loaded by the seed CLI). */
  author?: string;
  /** true: every span was checked against the source text sent with the write; false: accepted as given. */
  spansVerified?: boolean;
}

export interface Preconditions {
  /** The If-Match header as sent. */
  ifMatch?: string;
  /** The If-None-Match header as sent (only `*` is meaningful for writes). */
  ifNoneMatch?: string;
}

export interface DocumentPut extends Preconditions {
  bundle: Bundle;
  author: string;
  spansVerified: boolean;
}

export interface ChangeCounts {
  created: number;
  updated: number;
  deleted: number;
}

export interface DocumentWriteResult {
  document: string;
  /** The version after the write (null after a delete). */
  version: string | null;
  /** true when the write made a new document. */
  created: boolean;
  entities: ChangeCounts;
  relations: ChangeCounts;
}

/** `v` itself when its keys are in order already, else a copy with them sorted (canonicalJson). */
function keysSorted(_key: string, v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  let i = 1;
  while (i < keys.length && keys[i - 1]! < keys[i]!) i++;
  if (i >= keys.length) return v;
  const sorted: Record<string, unknown> = {};
  for (const k of keys.sort()) {
    const value = (v as Record<string, unknown>)[k];
    // a "__proto__" key stays a key (assigning it would set the prototype); an object without a prototype
    // instead would be serialised 1.5x slower
    if (k === '__proto__') Object.defineProperty(sorted, k, { value, enumerable: true, writable: true, configurable: true });
    else sorted[k] = value;
  }
  return sorted;
}

/**
 * JSON with object keys sorted at every level: the same value always gives the same text. An object whose
 * keys are in order is not copied (a bundle's version at 10^6 relations: a copy of every object cost GC time).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, keysSorted);
}

export function bundleVersion(bundle: Bundle): string {
  return createHash('sha256').update(canonicalJson(bundle)).digest('hex').slice(0, 32);
}

export const etagOf = (version: string) => `"${version}"`;

/** Entity tags of an If-Match / If-None-Match header ('*' stays '*'); weak tags keep their W/ prefix. */
function tags(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Throws PreconditionFailedError when the headers do not allow a write over `current` (null = absent). */
export function checkPreconditions(id: string, current: string | null, p: Preconditions): void {
  if (p.ifNoneMatch !== undefined) {
    const list = tags(p.ifNoneMatch);
    if (current !== null && (list.includes('*') || list.includes(etagOf(current)))) {
      throw new PreconditionFailedError(`Document "${id}" already exists (If-None-Match: ${p.ifNoneMatch}).`, current);
    }
  }
  if (p.ifMatch !== undefined) {
    const list = tags(p.ifMatch);
    const ok = current !== null && (list.includes('*') || list.includes(etagOf(current)));
    if (!ok) {
      throw new PreconditionFailedError(
        current === null
          ? `Document "${id}" does not exist, so If-Match cannot match.`
          : `Document "${id}" has changed: its ETag is ${etagOf(current)}, not ${p.ifMatch}.`,
        current,
      );
    }
  }
}

export interface WritePlan {
  after: GraphData;
  /** Created or updated, to write as they are in `after`. */
  entityUpserts: EntityRecord[];
  entityDeletes: string[];
  relationUpserts: RelationRecord[];
  relationDeletes: string[];
  entities: ChangeCounts;
  relations: ChangeCounts;
}

function diff<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((x) => [x.id, canonicalJson(x)]));
  const upserts: T[] = [];
  const counts: ChangeCounts = { created: 0, updated: 0, deleted: 0 };
  const seen = new Set<string>();
  for (const x of after) {
    seen.add(x.id);
    const prev = old.get(x.id);
    if (prev === undefined) counts.created++;
    else if (prev !== canonicalJson(x)) counts.updated++;
    else continue;
    upserts.push(x);
  }
  const deletes = before.filter((x) => !seen.has(x.id)).map((x) => x.id);
  counts.deleted = deletes.length;
  return { upserts, deletes, counts };
}

/**
 * What a write of one document can touch: the entities, relations and Wikidata ids of its stored bundle
 * (current) and of the new one (next). Planning over only the documents that state one of these, each cut
 * to what touches the reach (narrowToReach), gives the plan that every stored document gives, when the
 * timeless relations of these entities take their far ends' keys as the graph holds them (`endKeys`; such
 * a relation's time is its ends' overlap): a record outside the reach has the same documents before and
 * after, so it compares equal even when some of its documents are left out; a record inside it has all of
 * its documents (a relation's documents state both its ends); and a conflict needs an id or a Wikidata id
 * the new bundle states.
 * tests/seed/write-reach.test.ts checks this against the plan over every document on generated graphs.
 */
export interface WriteReach {
  entities: string[];
  relations: string[];
  qids: string[];
}

export function writeReach(...bundles: ReadonlyArray<Bundle | null>): WriteReach {
  const entities = new Set<string>();
  const relations = new Set<string>();
  const qids = new Set<string>();
  for (const b of bundles) {
    if (!b) continue;
    for (const e of b.entities) {
      entities.add(e.id);
      if (e.wikidata) qids.add(e.wikidata);
    }
    for (const r of b.relations) relations.add(r.id);
  }
  return { entities: [...entities], relations: [...relations], qids: [...qids] };
}

/**
 * A stored bundle cut to what the reach can change: its entities of the reach (by id or Wikidata id) and
 * its relations of the reach or touching one of its entities. The rest of it would merge into the same
 * records before and after the write, so planWrite leaves it out either way; a relation kept whose far
 * end is cut takes that end's keys from `endKeys`.
 */
export function narrowToReach(bundle: Bundle, reach: WriteReach): Bundle {
  const entities = new Set(reach.entities);
  const qids = new Set(reach.qids);
  const relations = new Set(reach.relations);
  return {
    ...bundle,
    entities: bundle.entities.filter((e) => entities.has(e.id) || (e.wikidata !== undefined && qids.has(e.wikidata))),
    relations: bundle.relations.filter((r) => relations.has(r.id) || entities.has(r.subject) || entities.has(r.object)),
  };
}

/**
 * What writing `next` as document `id` (null: deleting it) changes in the graph merged from `stored`
 * (all stored documents, or those the write reaches with `endKeys`: see WriteReach).
 * Throws DocumentConflictError when the merge refuses the new bundle (it names the conflicting documents).
 */
export function planWrite(stored: readonly Bundle[], id: string, next: Bundle | null, endKeys?: ReadonlyMap<string, TimeKeys>): WritePlan {
  const before = toGraphData([...stored], endKeys);
  const others = stored.filter((b) => b.document.id !== id);
  let after: GraphData;
  try {
    after = toGraphData(next ? [...others, next] : others, endKeys);
  } catch (err) {
    if (err instanceof BundleError) throw new DocumentConflictError(id, err.problems);
    throw err;
  }
  const e = diff(before.entities, after.entities);
  const r = diff(before.relations, after.relations);
  return {
    after,
    entityUpserts: e.upserts,
    entityDeletes: e.deletes,
    relationUpserts: r.upserts,
    relationDeletes: r.deletes,
    entities: e.counts,
    relations: r.counts,
  };
}
