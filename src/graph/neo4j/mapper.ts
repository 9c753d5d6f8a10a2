/**
 * Record values -> domain objects, in one place: Neo4j Integers become numbers, absent optional
 * properties (null) are left out, JSON evidence text becomes Evidence[].
 */
import neo4j from 'neo4j-driver';
import type {
  Assertion,
  DocumentInfo,
  EntityDetail,
  EntityRef,
  EntitySummary,
  Evidence,
  Relation,
  RelationCount,
} from '../../schemas/domain';
import { RELATION_TYPE_NAMES, type EntityKind, type EntitySubtype, type Modality, type RelationType } from '../../schemas/vocabulary';
import { ENTITY_KEYS, RELATION_AT as R } from './queries';
import { sortEvidence as sharedEvidenceOrder, timeMatch, type TimeKeys, type TimeStatus, type TimeWindow } from '../rules';

type Row = Record<string, unknown>;

export function toNumber(value: unknown): number {
  if (neo4j.isInt(value)) return value.toNumber();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  throw new TypeError(`expected an integer, got ${typeof value}`);
}

function str(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`expected a string, got ${typeof value}`);
  return value;
}

function optional<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return typeof value === 'string' ? ({ [key]: value } as { [P in K]: string }) : {};
}

/** An entity reference row (queries.refList): [id, name, kind, subtype], from `at` on. */
export function mapEntityRef(row: unknown, at = 0): EntityRef {
  const v = row as unknown[];
  return { id: str(v[at]), name: str(v[at + 1]), kind: str(v[at + 2]) as EntityKind, subtype: str(v[at + 3]) as EntitySubtype };
}

/** Where each entity property sits in an entity row (queries.entityList). */
const E = Object.fromEntries(ENTITY_KEYS.map((k, i) => [k, i])) as { [K in (typeof ENTITY_KEYS)[number]]: number };

/*
 * The mappers below add optional keys one by one, in the API's key order (the order JSON output keeps),
 * instead of spreading small objects: an export maps every entity and relation of the graph.
 */

/** An entity row (queries.entityList). */
export function mapEntitySummary(row: unknown): EntitySummary {
  const v = row as unknown[];
  const aliases = v[E.aliases];
  const e = {
    id: str(v[E.id]),
    kind: str(v[E.kind]) as EntityKind,
    subtype: str(v[E.subtype]) as EntitySubtype,
    name: str(v[E.name]),
    aliases: Array.isArray(aliases) ? aliases.map(str) : [],
  } as EntitySummary;
  const outsideAliases = v[E.outsideAliases];
  if (Array.isArray(outsideAliases) && outsideAliases.length > 0) e.outsideAliases = outsideAliases.map(str);
  e.summary = str(v[E.summary]);
  if (typeof v[E.wikidata] === 'string') e.wikidata = v[E.wikidata] as string;
  if (typeof v[E.time] === 'string') e.time = v[E.time] as TimeStatus;
  if (typeof v[E.validFrom] === 'string') e.validFrom = v[E.validFrom] as string;
  if (typeof v[E.validTo] === 'string') e.validTo = v[E.validTo] as string;
  if (v[E.ongoing] === true) e.ongoing = true;
  return e;
}

/** The stored JSON as parsed; sortEvidence copies each span's fields into a fresh object. */
function parseEvidence(json: unknown): Evidence[] {
  if (typeof json !== 'string' || json === '') return [];
  return JSON.parse(json) as Evidence[];
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Evidence and mentions come out in the shared order (rules/order.ts). */
export function sortEvidence(spans: Evidence[]): Evidence[] {
  return sharedEvidenceOrder(spans);
}

/** JSON evidence text (one or several) -> Evidence[] in the shared order. */
export function mapEvidence(json: unknown): Evidence[] {
  return sortEvidence(Array.isArray(json) ? json.flatMap(parseEvidence) : parseEvidence(json));
}

/**
 * A relation row (queries.relationList). `assertedBy`: its asserter's reference row, which a read's row
 * holds itself and an export's stream sends once per asserter (export-rows.ts).
 */
export function mapRelation(row: unknown, assertedBy: unknown = (row as unknown[])[R.assertedBy]): Relation {
  const v = row as unknown[];
  const rel = {
    id: str(v[R.id]),
    type: str(v[R.type]) as RelationType,
    subject: mapEntityRef(v, R.subject),
    object: mapEntityRef(v, R.object),
  } as Relation;
  if (typeof v[R.role] === 'string') rel.role = v[R.role] as string;
  rel.time = str(v[R.time]) as TimeStatus;
  if (typeof v[R.validFrom] === 'string') rel.validFrom = v[R.validFrom] as string;
  if (typeof v[R.validTo] === 'string') rel.validTo = v[R.validTo] as string;
  if (v[R.ongoing] === true) rel.ongoing = true;
  rel.assertedBy = mapEntityRef(assertedBy);
  rel.modality = str(v[R.modality]) as Modality;
  rel.summary = str(v[R.summary]);
  if (v[R.outsideKnowledge] === true) rel.outsideKnowledge = true;
  rel.evidence = mapEvidence(v[R.evidence]);
  const documents = v[R.documents];
  rel.documents = Array.isArray(documents) ? documents.map(str) : [];
  rel.assertions = mapAssertions(v[R.assertions]);
  return rel;
}

function mapAssertions(json: unknown): Assertion[] {
  if (typeof json !== 'string' || json === '') return [];
  return (JSON.parse(json) as Assertion[]).map((a) => ({ document: a.document, assertedBy: a.assertedBy, modality: a.modality }));
}

/** The time keys at the end of a read's relation row (queries.relationList withKeys). */
export function relationKeys(row: unknown): TimeKeys {
  const v = row as unknown[];
  return { minStart: str(v[R.keys]), maxStart: str(v[R.keys + 1]), minEnd: str(v[R.keys + 2]), maxEnd: str(v[R.keys + 3]) };
}

/**
 * A relation with its per-query marks: timeMatch when a window is given (judged by the shared rule on
 * the stored keys), requestedEnd when the query named an entity.
 */
export function mapMarkedRelation(row: unknown, window: TimeWindow | undefined, requestedEnd?: unknown): Relation {
  const relation = mapRelation(row);
  const match = window ? timeMatch(relationKeys(row), window) : undefined;
  // Appended after the relation's own keys, as a spread into a copy would put them (without the copy).
  if (match) relation.timeMatch = match;
  if (requestedEnd === 'subject' || requestedEnd === 'object') relation.requestedEnd = requestedEnd;
  return relation;
}

/** [outgoing, incoming] per type in RELATION_TYPE_NAMES' order (queries.GET_ENTITY) -> the non-zero counts, by type, then direction. */
export function mapRelationCounts(degrees: unknown): RelationCount[] {
  const v = degrees as unknown[];
  const counts: RelationCount[] = [];
  RELATION_TYPE_NAMES.forEach((type, i) => {
    for (const [direction, n] of [['out', toNumber(v[2 * i])], ['in', toNumber(v[2 * i + 1])]] as const) {
      if (n > 0) counts.push({ type, direction, count: n });
    }
  });
  return counts.sort((a, b) => byKey(a.type, b.type) || byKey(a.direction, b.direction));
}

export function mapEntityDetail(entity: unknown, mentions: unknown, degrees: unknown, documents: unknown): EntityDetail {
  return {
    ...mapEntitySummary(entity),
    mentions: mapEvidence(mentions),
    documents: (documents as unknown[]).map(str),
    relationCounts: mapRelationCounts(degrees),
  };
}

export function mapDocument(document: unknown, publisher: unknown, entityCount: unknown, relationCount: unknown): DocumentInfo {
  const d = document as Row;
  return {
    id: str(d.id),
    title: str(d.title),
    publisher: mapEntityRef(publisher),
    published: str(d.published),
    sha256: str(d.sha256),
    characters: toNumber(d.characters),
    paragraphs: toNumber(d.paragraphs),
    sourceFile: str(d.sourceFile),
    entityCount: toNumber(entityCount),
    relationCount: toNumber(relationCount),
    ...optional('version', d.version),
    ...optional('author', d.author),
    ...(typeof d.spansVerified === 'boolean' ? { spansVerified: d.spansVerified } : {}),
  };
}
