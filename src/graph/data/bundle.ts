/**
 * Reading seed bundles: parse, validate (schema + referential rules), and merge them into GraphData.
 * Both stores load through here, so a bundle the Neo4j loader rejects is one the memory store rejects.
 * Parsing never writes anything; writing is the loader's job (graph/neo4j/load).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Compile } from 'typebox/compile';
import { BundleSchema, type Bundle, type BundleSpan } from '../../schemas/bundle';
import type { Evidence, EntitySummary } from '../../schemas/domain';
import { ENTITY_SUBTYPES, RELATION_TYPES } from '../../schemas/vocabulary';
import { isRealDate, startKey, endKey } from '../dates';
import { timeKeys, timeProblems, type TimeKeys } from '../rules/time';

/** seed/bundles, whether this file runs from the source tree (src/graph/data) or compiled (dist/src/graph/data). */
export const DEFAULT_BUNDLE_DIR = [resolve(__dirname, '..', '..', '..', 'seed', 'bundles'), resolve(__dirname, '..', '..', '..', '..', 'seed', 'bundles')].find((d) =>
  existsSync(d),
) ?? resolve(__dirname, 'bundles');

export type DocumentRecord = Bundle['document'];
/** `keys`: the time keys of src/graph/rules/time.ts, on entities that state a time status (every event). */
export type EntityRecord = EntitySummary & { mentions: Evidence[]; keys?: TimeKeys };
/** `keys`: the time keys (src/graph/rules/time.ts), computed once from the record and its document's publication date. */
export type RelationRecord = Omit<Bundle['relations'][number], 'evidence'> & { document: string; evidence: Evidence[]; keys: TimeKeys };

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
      problems.push(`${file}: ${describePath(value, e.instancePath)}: ${e.message}`);
      if (problems.length >= 50) break;
    }
    throw new BundleError(problems);
  }
  const bundle = value;
  const where = (what: string, id: string, field: string) => `${file}: ${what} "${id}" field ${field}`;
  const kinds = new Map<string, string>();
  for (const e of bundle.entities) {
    if (kinds.has(e.id)) problems.push(`${where('entity', e.id, 'id')}: duplicate id`);
    kinds.set(e.id, e.kind);
    if (!(ENTITY_SUBTYPES[e.kind] as readonly string[]).includes(e.subtype)) {
      problems.push(`${where('entity', e.id, 'subtype')}: "${e.subtype}" is not a subtype of ${e.kind}`);
    }
    checkDates(e.validFrom, e.validTo, (field, msg) => problems.push(`${where('entity', e.id, field)}: ${msg}`));
    for (const [field, msg] of timeProblems(e, e.kind === 'event')) problems.push(`${where('entity', e.id, field)}: ${msg}`);
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

/** Merge validated bundles; an entity defined by several bundles must agree on kind and subtype. */
export function toGraphData(bundles: Bundle[]): GraphData {
  const entities = new Map<string, EntityRecord>();
  const relations = new Map<string, RelationRecord>();
  const problems: string[] = [];
  for (const b of bundles) {
    const doc = b.document.id;
    const ev = (s: BundleSpan): Evidence => ({ document: doc, ...s });
    const published = b.document.published;
    for (const { mentions, ...e } of b.entities) {
      const known = entities.get(e.id);
      if (!known) entities.set(e.id, { ...e, mentions: mentions.map(ev), ...(e.time ? { keys: timeKeys(e, published) } : {}) });
      else if (known.kind !== e.kind || known.subtype !== e.subtype) {
        problems.push(`${doc}: entity "${e.id}" redefines kind/subtype set by another bundle`);
      } else known.mentions.push(...mentions.map(ev));
    }
    for (const { evidence, ...r } of b.relations) {
      if (relations.has(r.id)) problems.push(`${doc}: relation "${r.id}" already defined by another bundle`);
      relations.set(r.id, { ...r, document: doc, evidence: evidence.map(ev), keys: timeKeys(r, published) });
    }
  }
  if (problems.length) throw new BundleError(problems);
  return { documents: bundles.map((b) => b.document), entities: [...entities.values()], relations: [...relations.values()] };
}

/** Read, validate and merge every bundle in a folder. */
export function loadGraphData(dir = DEFAULT_BUNDLE_DIR): GraphData {
  return toGraphData(bundleFiles(dir).map(readBundleFile));
}
