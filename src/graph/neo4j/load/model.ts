/**
 * The Neo4j graph model, in one place: how seed records become node and relationship properties.
 * The loader (./index.ts) writes these shapes; the store (./store.ts) reads them.
 *
 *   (:Entity:<KindLabel> {id, kind, subtype, name, aliases, outsideAliases?, summary, wikidata?, time?, validFrom?, validTo?, ongoing?,
 *                         minStart, maxStart, minEnd, maxEnd, timelineKey?, overlapKey?, nameLower, aliasesLower, exactKeys,
 *                         aliasesText, contentHash})
 *       KindLabel is Person | Organization | Place | Event (from ENTITY_KINDS, never from input).
 *       minStart/maxStart/minEnd/maxEnd: the time keys of src/graph/rules/time.ts ('YYYY-MM-DD', unknown =
 *       0000-01-01 / 9999-12-31; merged over every defining document), so known/possible windows are plain
 *       string comparisons. timelineKey only on events with a date (placed at validFrom, or validTo when
 *       only the end is known); overlapKey beside it, for time windows (../overlap.ts).
 *       nameLower/aliasesLower serve the case-insensitive prefix filter; exactKeys (name, aliases and
 *       outside aliases, keyed by rules/order.ts exactKey; the keyword index `entity_exact`) the exact-match ranking of search; aliasesText
 *       (aliases and outside aliases joined) feeds the full-text index `entity_search` over name, aliasesText and summary.
 *   (:Document {id, title, publisher, published, sha256, characters, paragraphs, sourceFile, contentHash,
 *               bundle, version, author?, spansVerified?})
 *       publisher is the id of an :Entity (looked up when read, not a relationship). bundle is the bundle
 *       as written, packed (./stored-bundle.ts), and version its hash (graph/data/documents.ts), both set by the
 *       loader and by API writes (./document.ts), which also set author and spansVerified; they are
 *       outside contentHash.
 *   (:Entity)-[:MENTIONED_IN {spans, count, contentHash}]->(:Document)
 *       one per entity and defining bundle; spans is the JSON text of that bundle's mentions
 *       (Evidence[]), count how many. An entity without any MENTIONED_IN link is not defined by any
 *       loaded bundle (the loader removes it).
 *   (:Entity)-[:<RELATION_TYPE> {id, role?, time, validFrom?, validTo?, ongoing?, minStart, maxStart, minEnd, maxEnd, timelineKey?, overlapKey?,
 *                                assertedBy, modality, summary, outsideKnowledge?, document, documents,
 *                                assertedByAll, assertionModalities, assertions, evidence, contentHash}]->(:Entity)
 *       RELATION_TYPE from the vocabulary; subject -> object; the time keys are merged over every supporting
 *       document (graph/data/bundle.ts toGraphData); assertedBy is an entity id; evidence is
 *       the JSON text of Evidence[] (every supporting document's); document is the first supporting
 *       document (whose fields the relation has), documents all of them (graph/data/bundle.ts toGraphData);
 *       assertions the JSON text of the per-document {document, assertedBy, modality}; assertedByAll and
 *       assertionModalities their distinct values, for the assertedBy / modalities filters. outsideKnowledge is
 *       true or absent (never false), and absent from the hash too, so the hash of a relation without
 *       it is what it was before the property existed.
 * An empty list is not stored (toCypherProps): an entity without aliases has no `aliases` property.
 * contentHash (SHA-256 of the other properties) lets the loader tell created / updated / unchanged.
 */
import { hash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { DocumentRecord, EntityRecord, RelationRecord } from '../../data/bundle';
import type { Evidence } from '../../../schemas/domain';
import type { EntityKind } from '../../../schemas/vocabulary';
import { ALWAYS, exactKey, searchNames, timelineAnchor, timelineKey, type TimeKeys } from '../../rules';
import { overlapKey } from '../overlap';

/** The time keys as properties, and the timeline and overlap keys (../overlap.ts) when the fact has a date. */
function timeProps(f: { validFrom?: string; validTo?: string }, keys: TimeKeys, itemType: 'event' | 'relation' | undefined, id: string): Props {
  const at = itemType ? timelineAnchor(f) : undefined;
  const key = at && itemType ? timelineKey(at.date, itemType, id) : null;
  return { ...keys, timelineKey: key, overlapKey: key === null ? null : overlapKey(keys, key) };
}

export const KIND_LABELS = {
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
  event: 'Event',
} as const satisfies Record<EntityKind, string>;

/** The relationship type linking an entity to a document that mentions it (not a vocabulary type). */
export const MENTION_TYPE = 'MENTIONED_IN';

export type Props = Record<string, string | number | boolean | string[] | null>;

/** SHA-256 over the properties in key order: equal content, equal hash. */
export function contentHash(props: Props): string {
  const canonical = Object.keys(props)
    .filter((k) => k !== 'contentHash')
    .sort()
    .map((k) => [k, props[k] ?? null]);
  return hash('sha256', JSON.stringify(canonical));
}

/** `props` (a literal of the caller's) with its contentHash, set in place: a copy per row cost GC time at 10^6. */
function withHash(props: Props): Props {
  props.contentHash = contentHash(props);
  return props;
}

export function entityProps(e: EntityRecord): Props {
  return withHash({
    id: e.id,
    kind: e.kind,
    subtype: e.subtype,
    name: e.name,
    aliases: [...e.aliases],
    outsideAliases: e.outsideAliases?.length ? [...e.outsideAliases] : null,
    summary: e.summary,
    wikidata: e.wikidata ?? null,
    time: e.time ?? null,
    validFrom: e.validFrom ?? null,
    validTo: e.validTo ?? null,
    ongoing: e.ongoing ?? null,
    ...timeProps(e, e.keys ?? ALWAYS, e.kind === 'event' ? 'event' : undefined, e.id),
    nameLower: e.name.toLowerCase(),
    aliasesLower: searchNames(e)
      .slice(1)
      .map((a) => a.toLowerCase()),
    aliasesText: searchNames(e).slice(1).join(' ; '),
    exactKeys: [...new Set(searchNames(e).map(exactKey))],
  });
}

export function documentProps(d: DocumentRecord): Props {
  return withHash({
    id: d.id,
    title: d.title,
    publisher: d.publisher,
    published: d.published,
    sha256: d.sha256,
    characters: d.characters,
    paragraphs: d.paragraphs,
    sourceFile: d.sourceFile,
  });
}

export function mentionProps(mentions: Evidence[]): Props {
  return withHash({ spans: serialiseEvidence(mentions), count: mentions.length });
}

export function relationProps(r: RelationRecord): Props {
  return withHash({
    id: r.id,
    role: r.role ?? null,
    time: r.time,
    validFrom: r.validFrom ?? null,
    validTo: r.validTo ?? null,
    ongoing: r.ongoing ?? null,
    ...timeProps(r, r.keys, 'relation', r.id),
    assertedBy: r.assertedBy,
    modality: r.modality,
    summary: r.summary,
    ...(r.outsideKnowledge ? { outsideKnowledge: true } : {}),
    document: r.document,
    documents: [...r.documents],
    assertedByAll: [...new Set(r.assertions.map((a) => a.assertedBy))],
    assertionModalities: [...new Set(r.assertions.map((a) => a.modality))],
    assertions: JSON.stringify(r.assertions.map((a) => ({ document: a.document, assertedBy: a.assertedBy, modality: a.modality }))),
    evidence: serialiseEvidence(r.evidence),
  });
}

/** Evidence[] as JSON text, keys in a fixed order. */
export function serialiseEvidence(spans: Evidence[]): string {
  return JSON.stringify(
    spans.map((s) => ({ document: s.document, paragraph: s.paragraph, start: s.start, end: s.end, sha256: s.sha256 })),
  );
}

/**
 * Properties as query parameters: whole numbers go as Neo4j Integers (not floats), and an empty list as null,
 * so it is not stored (the mapper reads a missing list as []; Cypher's `any(x IN null ...)` is no match).
 * Neo4j's offline importer cannot write an empty list (./bulk-import.ts), and setting one afterwards on the
 * 300k alias-less entities of a 10^6 graph took minutes; this way every loader writes the same graph. The
 * content hash is computed before, over the empty list, so stored hashes keep their meaning.
 */
export function toCypherProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    out[k] = typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : Array.isArray(v) && v.length === 0 ? null : v;
  }
  return out;
}
