/**
 * Orders and keys both stores share: plain code-unit order for ids, the evidence order, the exact-match
 * key of search, and the timeline sort key. Ids are ASCII slugs, so code-unit order equals Neo4j's.
 */
import { startKey } from '../dates';

/** Plain code-unit order (equals Neo4j's string order for our ASCII ids and day keys). */
export const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Span {
  document: string;
  paragraph: number;
  start: number;
  end: number;
  sha256: string;
}

/** Evidence and mentions are returned ordered by (document, start, end, paragraph), with the keys in a fixed order. */
export function sortEvidence<T extends Span>(list: readonly T[]): Span[] {
  return list
    .map((s) => ({ document: s.document, paragraph: s.paragraph, start: s.start, end: s.end, sha256: s.sha256 }))
    .sort((a, b) => byKey(a.document, b.document) || a.start - b.start || a.end - b.end || a.paragraph - b.paragraph);
}

/** Name/alias exact-match key of search: trimmed, inner whitespace collapsed, lowercase. */
export function exactKey(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Sort key for the timeline: earliest day of its date, then coarser precision first, then item type and id. */
export function timelineKey(date: string, itemType: 'event' | 'relation', id: string): string {
  const precision = date.length === 4 ? 1 : date.length === 7 ? 2 : 3;
  return `${startKey(date)}|${precision}|${itemType === 'event' ? 'e' : 'r'}:${id}`;
}
