/**
 * The flat view of entities and relations shared by the tabular and XML formats (CSV, GraphML, GEXF):
 * one column per attribute, every value a string. Lists and evidence become compact text that can be
 * parsed back (see evidenceText).
 */
import { endKey, startKey } from '../graph/dates';
import type { EntitySummary, Evidence, Relation } from '../schemas/domain';

export interface Column<T> {
  /** The attribute name in every format (GraphML attr.name, GEXF title, CSV header). */
  name: string;
  /** The declared attribute type in GraphML and GEXF (default string); the value is text either way. */
  type?: 'string' | 'boolean';
  value: (item: T) => string | undefined;
}

/** Separator of list values (aliases, evidence records) in one text cell. */
export const LIST_SEPARATOR = '; ';

/**
 * One evidence record as text: `document#p<paragraph>:<start>-<end> sha256:<hex>`,
 * e.g. `example-article#p3:120-245 sha256:9f86…` (offsets as in the API: code points, end exclusive).
 */
export function evidenceText(e: Evidence): string {
  return `${e.document}#p${e.paragraph}:${e.start}-${e.end} sha256:${e.sha256}`;
}

/** Parses evidenceText back (tests and consumers). */
export function parseEvidenceText(text: string): Evidence[] {
  if (!text) return [];
  return text.split(LIST_SEPARATOR).map((part) => {
    const m = /^([a-z0-9-]+)#p(\d+):(\d+)-(\d+) sha256:([0-9a-f]{64})$/.exec(part);
    if (!m) throw new Error(`not an evidence record: ${part}`);
    return { document: m[1]!, paragraph: Number(m[2]), start: Number(m[3]), end: Number(m[4]), sha256: m[5]! };
  });
}

export const NODE_COLUMNS: Column<EntitySummary>[] = [
  { name: 'kind', value: (e) => e.kind },
  { name: 'subtype', value: (e) => e.subtype },
  { name: 'summary', value: (e) => e.summary },
  { name: 'aliases', value: (e) => e.aliases.join(LIST_SEPARATOR) || undefined },
  { name: 'wikidata', value: (e) => e.wikidata },
  { name: 'time', value: (e) => e.time },
  { name: 'validFrom', value: (e) => e.validFrom },
  { name: 'validTo', value: (e) => e.validTo },
  { name: 'ongoing', type: 'boolean', value: (e) => (e.ongoing ? 'true' : undefined) },
];

export const EDGE_COLUMNS: Column<Relation>[] = [
  { name: 'relation_type', value: (r) => r.type },
  { name: 'role', value: (r) => r.role },
  { name: 'time', value: (r) => r.time },
  { name: 'validFrom', value: (r) => r.validFrom },
  { name: 'validTo', value: (r) => r.validTo },
  // 'true' on a dated fact with a lone start that the source says continues; empty / absent otherwise.
  { name: 'ongoing', type: 'boolean', value: (r) => (r.ongoing ? 'true' : undefined) },
  { name: 'modality', value: (r) => r.modality },
  { name: 'assertedBy', value: (r) => r.assertedBy.id },
  { name: 'assertedByName', value: (r) => r.assertedBy.name },
  { name: 'summary', value: (r) => r.summary },
  // 'true' when curated from outside knowledge (not stated by the source); empty / absent otherwise.
  { name: 'outsideKnowledge', type: 'boolean', value: (r) => (r.outsideKnowledge ? 'true' : undefined) },
  { name: 'evidence', value: (r) => r.evidence.map(evidenceText).join(LIST_SEPARATOR) || undefined },
];

/**
 * The dated span as whole days: partial dates widen to their first / last day; an unknown bound stays
 * undefined, except that a dated one-off (a lone validFrom, not ongoing) ends with its own date's last day,
 * as in the time model (src/graph/rules/time.ts).
 */
export function dayBounds(item: { time?: string; validFrom?: string; validTo?: string; ongoing?: boolean }): { start?: string; end?: string } {
  const oneOff = item.time === 'dated' && item.validFrom && !item.validTo && !item.ongoing;
  const end = item.validTo ? endKey(item.validTo) : oneOff ? endKey(item.validFrom!) : undefined;
  return {
    ...(item.validFrom ? { start: startKey(item.validFrom) } : {}),
    ...(end ? { end } : {}),
  };
}

/** Gephi's spreadsheet interval, e.g. `<[2014-04-24, 2014-04-27]>`; an open bound is ±Infinity; '' when undated. */
export function gephiInterval(item: { time?: string; validFrom?: string; validTo?: string; ongoing?: boolean }): string {
  const { start, end } = dayBounds(item);
  if (!start && !end) return '';
  return `<[${start ?? '-Infinity'}, ${end ?? 'Infinity'}]>`;
}
