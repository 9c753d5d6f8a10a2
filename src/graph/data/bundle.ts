/**
 * Reading seed bundles: parse, validate (schema + referential rules), and merge them into GraphData.
 * Both stores load through here, so a bundle the Neo4j loader rejects is one the memory store rejects.
 * Parsing never writes anything; writing is the loader's job (graph/neo4j/load).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Compile } from 'typebox/compile';
import { BundleSchema, type Bundle, type BundleSpan } from '../../schemas/bundle';
import { patternMessage } from '../../schemas/common';
import type { Evidence, EntitySummary } from '../../schemas/domain';
import { ENTITY_SUBTYPES, RELATION_TYPES, type Modality } from '../../schemas/vocabulary';
import { isRealDate, startKey, endKey } from '../dates';
import { exactKey, mergeTimeKeys, searchNames, timeKeys, timeProblems, withinEnds, type TimeKeys } from '../rules';

/** seed/bundles, whether this file runs from the source tree (src/graph/data) or compiled (dist/src/graph/data). */
export const DEFAULT_BUNDLE_DIR = [resolve(__dirname, '..', '..', '..', 'seed', 'bundles'), resolve(__dirname, '..', '..', '..', '..', 'seed', 'bundles')].find((d) =>
  existsSync(d),
) ?? resolve(__dirname, 'bundles');

export type DocumentRecord = Bundle['document'];
/** An entity as merged from every document that defines it (`documents`, in id order). `keys`: the time keys
 * of src/graph/rules/time.ts, on entities that state a time status (every event), merged over those documents. */
export type EntityRecord = EntitySummary & { mentions: Evidence[]; documents: string[]; keys?: TimeKeys };
/** Who states a relation in one document, and how. */
export interface Assertion {
  document: string;
  assertedBy: string;
  modality: Modality;
}
/**
 * A relation as merged: fields from `document` (the first supporting document), evidence and assertions from all.
 * `keys`: the time keys (src/graph/rules/time.ts), computed from each supporting document's statement and its
 * publication date, then merged (mergeTimeKeys).
 */
export type RelationRecord = Omit<Bundle['relations'][number], 'evidence'> & {
  document: string;
  documents: string[];
  assertions: Assertion[];
  evidence: Evidence[];
  keys: TimeKeys;
};

export interface GraphData {
  documents: DocumentRecord[];
  entities: EntityRecord[];
  relations: RelationRecord[];
}

export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(readonly problems: string[]) {
    super(`Seed bundle rejected (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
  }
}

/** Validate one parsed JSON value; `file` names the source in every message. */
// Compiled once: the interpreted Value.Check took ~7 s on a 10k-entity bundle, this ~0.1 s (npm run bench:scale).
const compileBundleSchema = () => Compile(BundleSchema);
let bundleValidator: ReturnType<typeof compileBundleSchema> | undefined;

export function validateBundle(value: unknown, file: string): Bundle {
  const problems: string[] = [];
  const validator = (bundleValidator ??= compileBundleSchema());
  if (!validator.Check(value)) {
    for (const e of validator.Errors(value)) {
      problems.push(`${file}: ${describePath(value, e.instancePath)}: ${patternMessage(e) ?? e.message}`);
      if (problems.length >= 50) break;
    }
    throw new BundleError(problems);
  }
  const bundle = value;
  const where = (what: string, id: string, field: string) => `${file}: ${what} "${id}" field ${field}`;
  const kinds = new Map<string, string>();
  const names = new Map<string, string>(); // search key of a name or alias -> entity id
  for (const e of bundle.entities) {
    if (kinds.has(e.id)) problems.push(`${where('entity', e.id, 'id')}: duplicate id`);
    kinds.set(e.id, e.kind);
    if (!(ENTITY_SUBTYPES[e.kind] as readonly string[]).includes(e.subtype)) {
      problems.push(`${where('entity', e.id, 'subtype')}: "${e.subtype}" is not a subtype of ${e.kind}`);
    }
    checkDates(e.validFrom, e.validTo, (field, msg) => problems.push(`${where('entity', e.id, field)}: ${msg}`));
    for (const [field, msg] of timeProblems(e, e.kind === 'event')) problems.push(`${where('entity', e.id, field)}: ${msg}`);
    checkNames(e, names, (field, msg) => problems.push(`${where('entity', e.id, field)}: ${msg}`));
    e.mentions.forEach((s, i) => checkSpan(s, bundle, (msg) => problems.push(`${where('entity', e.id, `mentions[${i}]`)}: ${msg}`)));
  }
  if (!kinds.has(bundle.document.publisher)) {
    problems.push(`${file}: document "${bundle.document.id}" field publisher: unknown entity "${bundle.document.publisher}"`);
  }
  const relationIds = new Set<string>();
  for (const r of bundle.relations) {
    const report = (field: string, msg: string) => problems.push(`${where('relation', r.id, field)}: ${msg}`);
    if (relationIds.has(r.id)) report('id', 'duplicate id');
    relationIds.add(r.id);
    const rule = RELATION_TYPES[r.type];
    for (const end of ['subject', 'object'] as const) {
      const kind = kinds.get(r[end]);
      if (kind === undefined) report(end, `unknown entity "${r[end]}"`);
      else if (!(rule[end] as readonly string[]).includes(kind)) {
        report(end, `a ${kind} cannot be the ${end} of ${r.type} (allowed: ${rule[end].join(', ')})`);
      }
    }
    if (!kinds.has(r.assertedBy)) report('assertedBy', `unknown entity "${r.assertedBy}"`);
    checkDates(r.validFrom, r.validTo, report);
    for (const [field, msg] of timeProblems(r, true)) report(field, msg);
    r.evidence.forEach((s, i) => checkSpan(s, bundle, (msg) => report(`evidence[${i}]`, msg)));
  }
  if (problems.length) throw new BundleError(problems);
  return bundle;
}

function checkDates(from: string | undefined, to: string | undefined, report: (field: string, msg: string) => void) {
  if (from !== undefined && !isRealDate(from)) report('validFrom', `"${from}" is not a real date`);
  if (to !== undefined && !isRealDate(to)) report('validTo', `"${to}" is not a real date`);
  if (from && to && startKey(from) > endKey(to)) report('validTo', `ends (${to}) before it starts (${from})`);
}

/**
 * Names are unambiguous inside a bundle: no name, alias or outside alias of one entity has the search
 * key of another entity's (so an exact search never has to choose), and outside aliases add new names.
 */
function checkNames(
  e: { id: string; name: string; aliases: string[]; outsideAliases?: string[] },
  owners: Map<string, string>,
  report: (field: string, msg: string) => void,
) {
  const own = new Set([e.name, ...e.aliases].map(exactKey));
  for (const a of e.outsideAliases ?? []) {
    if (own.has(exactKey(a))) report('outsideAliases', `"${a}" is already a name or alias of this entity`);
  }
  for (const n of new Set(searchNames(e).map(exactKey))) {
    const other = owners.get(n);
    if (other !== undefined && other !== e.id) report('aliases', `"${n}" is also a name or alias of "${other}"`);
    else owners.set(n, e.id);
  }
}

function checkSpan(s: BundleSpan, bundle: Bundle, report: (msg: string) => void) {
  if (s.end <= s.start) report(`end ${s.end} is not after start ${s.start}`);
  if (s.end > bundle.document.characters) report(`end ${s.end} is past the document's ${bundle.document.characters} characters`);
  if (s.paragraph > bundle.document.paragraphs) report(`paragraph ${s.paragraph} is past the document's ${bundle.document.paragraphs} paragraphs`);
}

/** "/relations/3/type" -> 'relations[3] (id "x") type', so a curator finds the record by its id. */
function describePath(value: unknown, pointer: string): string {
  const parts = pointer.split('/').slice(1);
  if (parts.length === 0) return 'bundle';
  const [collection, index, ...rest] = parts;
  const list = (value as Record<string, unknown>)[collection ?? ''];
  if (Array.isArray(list) && index !== undefined) {
    const id = (list[Number(index)] as { id?: unknown } | undefined)?.id;
    const label = collection === 'entities' ? 'entity' : collection === 'relations' ? 'relation' : collection;
    return `${label} ${typeof id === 'string' ? `"${id}"` : `#${index}`} field ${rest.join('.') || '(record)'}`;
  }
  return `${collection} field ${[index, ...rest].filter(Boolean).join('.')}`;
}

export function readBundleFile(path: string): Bundle {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new BundleError([`${path}: not valid JSON (${(err as Error).message})`]);
  }
  return validateBundle(json, path);
}

export function bundleFiles(dir = DEFAULT_BUNDLE_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Merge validated bundles: many documents, one graph. The rules (both stores build on this function):
 * - bundles are merged in document-id order, so the result does not depend on the order they came in
 *   (or were written over HTTP); a document id given twice is refused;
 * - an entity is one node per id. Documents that name it must agree on its identity (kind, subtype,
 *   and the Wikidata id when both give one); its other fields come from the first document (by id)
 *   that defines it, but its Wikidata id from any document that gives one (the id names the thing,
 *   whichever document says so; a write's reach finds the entity a QID names by it, graph/data/documents.ts
 *   writeReach); every document adds its mentions, and `documents` lists them;
 * - a Wikidata id names one entity: two entity ids with the same QID are refused (use one id);
 * - a relation is one statement per id. Documents that state it must agree on type, subject and
 *   object; its other fields (dates, role, summary...) come from the first document; every document
 *   adds its evidence and its own assertion (who asserts it, with which modality): `assertions`;
 *   `document` is that first document, `documents` every supporting one;
 * - time keys are per statement: each document's record gives keys from its own time fields and its own
 *   publication date (an `observed` fact is known at each document's date), and the merged record keeps
 *   mergeTimeKeys of them (known from the earliest day any document makes it known to the latest; possible
 *   wherever any document allows it). Event entities likewise.
 * Conflicts are reported together, each naming both documents.
 * `endKeys`: the merged keys of entities whose documents are not all among `bundles`, for the timeless
 * relations that end at them (a write merges only the documents it reaches, graph/data/documents.ts).
 */
export function toGraphData(bundles: Bundle[], endKeys?: ReadonlyMap<string, TimeKeys>): GraphData {
  const entities = new Map<string, EntityRecord>();
  const relations = new Map<string, RelationRecord>();
  const qids = new Map<string, string>();
  /** The first document giving an entity's Wikidata id (conflict messages name it). */
  const qidFrom = new Map<string, string>();
  const problems: string[] = [];
  const ordered = [...bundles].sort((a, b) => (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0));
  const docIds = new Set<string>();
  for (const b of ordered) {
    const doc = b.document.id;
    if (docIds.has(doc)) problems.push(`${doc}: document "${doc}" is given twice`);
    docIds.add(doc);
    const ev = (s: BundleSpan): Evidence => ({ document: doc, ...s });
    const published = b.document.published;
    for (const { mentions, ...e } of b.entities) {
      const known = entities.get(e.id);
      const by = (k: EntityRecord) => k.documents[0];
      if (!known) {
        entities.set(e.id, { ...e, mentions: mentions.map(ev), documents: [doc], ...(e.time ? { keys: timeKeys(e, published) } : {}) });
      } else {
        for (const field of ['kind', 'subtype'] as const) {
          if (known[field] !== e[field]) {
            problems.push(`${doc}: entity "${e.id}" field ${field}: "${e[field]}" conflicts with "${known[field]}" in document "${by(known)}"`);
          }
        }
        if (e.wikidata && known.wikidata && e.wikidata !== known.wikidata) {
          problems.push(`${doc}: entity "${e.id}" field wikidata: ${e.wikidata} conflicts with ${known.wikidata} in document "${qidFrom.get(e.id)}"`);
        } else if (e.wikidata && !known.wikidata) known.wikidata = e.wikidata;
        known.mentions.push(...mentions.map(ev));
        if (!known.documents.includes(doc)) known.documents.push(doc);
        if (e.time) {
          const keys = timeKeys(e, published);
          known.keys = known.keys ? mergeTimeKeys(known.keys, keys) : keys;
        }
      }
      if (e.wikidata) {
        if (!qidFrom.has(e.id)) qidFrom.set(e.id, doc);
        const holder = qids.get(e.wikidata);
        if (holder === undefined) qids.set(e.wikidata, e.id);
        else if (holder !== e.id) {
          problems.push(
            `${doc}: entity "${e.id}" field wikidata: ${e.wikidata} already names entity "${holder}" (document "${qidFrom.get(holder)}"); ` +
              `one thing has one id: use "${holder}"`,
          );
        }
      }
    }
    for (const { evidence, ...r } of b.relations) {
      const known = relations.get(r.id);
      const assertion: Assertion = { document: doc, assertedBy: r.assertedBy, modality: r.modality };
      const keys = timeKeys(r, published);
      if (!known) {
        relations.set(r.id, { ...r, document: doc, documents: [doc], assertions: [assertion], evidence: evidence.map(ev), keys });
        continue;
      }
      const differs = (['type', 'subject', 'object'] as const).filter((f) => known[f] !== r[f]);
      if (differs.length) {
        problems.push(
          `${doc}: relation "${r.id}" field ${differs.join(', ')}: ` +
            `${differs.map((f) => `"${r[f]}"`).join(', ')} conflicts with ${differs.map((f) => `"${known[f]}"`).join(', ')} in document "${known.document}"` +
            ' (the same id must be the same statement)',
        );
        continue;
      }
      known.evidence.push(...evidence.map(ev));
      known.assertions.push(assertion);
      known.documents.push(doc);
      known.keys = mergeTimeKeys(known.keys, keys);
    }
  }
  if (problems.length) throw new BundleError(problems);
  const keysOf = (id: string) => endKeys?.get(id) ?? entities.get(id)?.keys;
  for (const r of relations.values()) {
    if (r.time === 'timeless') r.keys = withinEnds([keysOf(r.subject), keysOf(r.object)]);
  }
  return { documents: ordered.map((b) => b.document), entities: [...entities.values()], relations: [...relations.values()] };
}

/** Read, validate and merge every bundle in a folder. */
export function loadGraphData(dir = DEFAULT_BUNDLE_DIR): GraphData {
  return toGraphData(bundleFiles(dir).map(readBundleFile));
}
