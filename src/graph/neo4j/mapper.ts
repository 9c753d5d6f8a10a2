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
import type { EntityKind, EntitySubtype, Modality, RelationType } from '../../schemas/vocabulary';
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

export function mapEntityRef(row: unknown): EntityRef {
  const r = row as Row;
  return { id: str(r.id), name: str(r.name), kind: str(r.kind) as EntityKind, subtype: str(r.subtype) as EntitySubtype };
}

/*
 * The mappers below add optional keys one by one, in the API's key order (the order JSON output keeps),
 * instead of spreading small objects: an export maps every entity and relation of the graph.
 */

export function mapEntitySummary(row: unknown): EntitySummary {
  const r = row as Row;
  const e = {
    id: str(r.id),
    kind: str(r.kind) as EntityKind,
    subtype: str(r.subtype) as EntitySubtype,
    name: str(r.name),
    aliases: Array.isArray(r.aliases) ? r.aliases.map(str) : [],
  } as EntitySummary;
  if (Array.isArray(r.outsideAliases) && r.outsideAliases.length > 0) e.outsideAliases = r.outsideAliases.map(str);
  e.summary = str(r.summary);
  if (typeof r.wikidata === 'string') e.wikidata = r.wikidata;
  if (typeof r.time === 'string') e.time = r.time as TimeStatus;
  if (typeof r.validFrom === 'string') e.validFrom = r.validFrom;
  if (typeof r.validTo === 'string') e.validTo = r.validTo;
  if (r.ongoing === true) e.ongoing = true;
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

export function mapRelation(row: unknown): Relation {
  const r = row as Row;
  const rel = {
    id: str(r.id),
    type: str(r.type) as RelationType,
    subject: mapEntityRef(r.subject),
    object: mapEntityRef(r.object),
  } as Relation;
  if (typeof r.role === 'string') rel.role = r.role;
  rel.time = str(r.time) as TimeStatus;
  if (typeof r.validFrom === 'string') rel.validFrom = r.validFrom;
  if (typeof r.validTo === 'string') rel.validTo = r.validTo;
  if (r.ongoing === true) rel.ongoing = true;
  rel.assertedBy = mapEntityRef(r.assertedBy);
  rel.modality = str(r.modality) as Modality;
  rel.summary = str(r.summary);
  if (r.outsideKnowledge === true) rel.outsideKnowledge = true;
  rel.evidence = mapEvidence(r.evidence);
  rel.documents = Array.isArray(r.documents) ? r.documents.map(str) : [];
  rel.assertions = mapAssertions(r.assertions);
  return rel;
}

function mapAssertions(json: unknown): Assertion[] {
  if (typeof json !== 'string' || json === '') return [];
  return (JSON.parse(json) as Assertion[]).map((a) => ({ document: a.document, assertedBy: a.assertedBy, modality: a.modality }));
}

/** The time keys a RELATION map carries (queries.RELATION `keys`). */
export function relationKeys(row: unknown): TimeKeys {
  const [minStart, maxStart, minEnd, maxEnd] = ((row as Row).keys as unknown[]).map(str) as [string, string, string, string];
  return { minStart, maxStart, minEnd, maxEnd };
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

/** Relation counts from the types of the outgoing and incoming relations; by type, then direction. */
/** {TYPE: [outgoing, incoming]} (queries.GET_ENTITY) -> the non-zero counts, by type, then direction. */
export function mapRelationCounts(degrees: unknown): RelationCount[] {
  const counts: RelationCount[] = [];
  for (const [type, [out, inc]] of Object.entries(degrees as Record<string, [unknown, unknown]>)) {
    for (const [direction, n] of [['out', toNumber(out)], ['in', toNumber(inc)]] as const) {
      if (n > 0) counts.push({ type: str(type) as RelationType, direction, count: n });
    }
  }
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
