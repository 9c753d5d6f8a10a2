/**
 * The time model, written once for both stores (docs/data-model.md explains it with examples).
 *
 * A fact (a relation, or an event entity) states its time status:
 * - timeless: holds whenever its ends exist (withinEnds: the overlap of its ends' own keys); no dates allowed;
 * - dated: validFrom and/or validTo at the source's precision; a missing bound is UNKNOWN, never
 *   "forever". A lone validFrom is a one-off that occupies that date's precision (an event in 2012 is
 *   in 2012) unless `ongoing: true` (the source says it continues: known to hold up to the document's
 *   publication, end unknown). A lone validTo: start unknown;
 * - observed: the source states it in the present tense: known to hold at the document's publication
 *   date, unknown before and after unless validFrom / validTo say more.
 *
 * Each fact gets four day keys ('YYYY-MM-DD', compared as text), computed here and stored by both
 * stores: minStart / maxStart (the earliest / latest day it can have started) and minEnd / maxEnd
 * (the earliest / latest day it can have ended); unknown = the sentinels OPEN_START / OPEN_END.
 * For a query window [since, until] (day keys):
 *   KNOWN    iff maxStart <= until AND minEnd >= since   (it holds at some day of the window, whatever the unknowns are)
 *   POSSIBLE iff minStart <= until AND maxEnd >= since   (it may hold at some day of the window; known implies possible)
 */
import { endKey, isRealDate, OPEN_END, OPEN_START, startKey } from '../dates';
import { InvalidQueryError } from '../errors';

export { OPEN_END, OPEN_START };

export const TIME_STATUSES = ['timeless', 'dated', 'observed'] as const;
export type TimeStatus = (typeof TIME_STATUSES)[number];
export type TimeMatch = 'known' | 'possible';

/** The time fields of a bundle record (relation or event entity). */
export interface Timed {
  time?: TimeStatus;
  validFrom?: string;
  validTo?: string;
  ongoing?: true;
}

export interface TimeKeys {
  minStart: string;
  maxStart: string;
  minEnd: string;
  maxEnd: string;
}

/** The keys of a fact that holds at every time (timeless, or a record without a time status). */
export const ALWAYS: TimeKeys = { minStart: OPEN_START, maxStart: OPEN_START, minEnd: OPEN_END, maxEnd: OPEN_END };

const max = (a: string, b: string) => (a > b ? a : b);
const min = (a: string, b: string) => (a < b ? a : b);

/**
 * What is wrong with a record's time fields, as messages (field, text); [] when consistent.
 * `required`: whether a missing time status is an error (relations and events: yes).
 */
export function timeProblems(f: Timed, required: boolean): Array<[field: string, message: string]> {
  const problems: Array<[string, string]> = [];
  if (f.time === undefined) {
    if (required) problems.push(['time', 'time status missing: state "timeless", "dated" or "observed"']);
    else if (f.ongoing) problems.push(['ongoing', 'ongoing needs time "dated"']);
    return problems;
  }
  if (f.time === 'timeless' && (f.validFrom !== undefined || f.validTo !== undefined)) {
    problems.push([f.validFrom !== undefined ? 'validFrom' : 'validTo', 'a timeless fact takes no dates (use time "dated" or "observed")']);
  }
  if (f.time === 'dated' && f.validFrom === undefined && f.validTo === undefined) {
    problems.push(['time', 'a dated fact needs validFrom and/or validTo (use "observed" or "timeless" when the source gives no date)']);
  }
  if (f.ongoing) {
    if (f.time !== 'dated') problems.push(['ongoing', `ongoing applies only to time "dated", not "${f.time}"`]);
    else if (f.validFrom === undefined || f.validTo !== undefined) problems.push(['ongoing', 'ongoing needs a lone validFrom (no validTo)']);
  }
  return problems;
}

/** The four day keys of a fact stated by a document published on `published` (a partial date). */
export function timeKeys(f: Timed, published: string): TimeKeys {
  const { validFrom: from, validTo: to } = f;
  const pubFirst = startKey(published);
  const pubLast = endKey(published);
  switch (f.time) {
    case undefined:
    case 'timeless':
      return ALWAYS;
    case 'observed': {
      // It holds on some day of the publication date: started by its last day, ends on or after its first.
      const minStart = from ? startKey(from) : OPEN_START;
      const maxStart = from ? min(endKey(from), pubLast) : pubLast;
      const minEnd = to ? max(startKey(to), pubFirst) : pubFirst;
      const maxEnd = to ? endKey(to) : OPEN_END;
      return { minStart, maxStart: max(maxStart, minStart), minEnd: min(minEnd, maxEnd), maxEnd };
    }
    case 'dated': {
      if (from && to) return { minStart: startKey(from), maxStart: endKey(from), minEnd: startKey(to), maxEnd: endKey(to) };
      if (to) return { minStart: OPEN_START, maxStart: endKey(to), minEnd: startKey(to), maxEnd: endKey(to) };
      if (!from) return ALWAYS; // refused by the validator; keep the keys total
      if (f.ongoing) return { minStart: startKey(from), maxStart: endKey(from), minEnd: max(pubFirst, startKey(from)), maxEnd: OPEN_END };
      // A one-off: it happened within validFrom's precision.
      return { minStart: startKey(from), maxStart: endKey(from), minEnd: startKey(from), maxEnd: endKey(from) };
    }
  }
}

/**
 * A timeless fact holds whenever its ends exist: the overlap of the ends' own keys (an entity without
 * keys, like a country or a person the source does not date, exists at every time). So "the governor
 * brought the 1964 Games" holds in 1964, not in 1970.
 */
export function withinEnds(ends: ReadonlyArray<TimeKeys | undefined>): TimeKeys {
  return ends.reduce<TimeKeys>(
    (k, e) =>
      e
        ? { minStart: max(k.minStart, e.minStart), maxStart: max(k.maxStart, e.maxStart), minEnd: min(k.minEnd, e.minEnd), maxEnd: min(k.maxEnd, e.maxEnd) }
        : k,
    ALWAYS,
  );
}

/**
 * The keys of one statement made by several documents (the same relation id, or the same event entity),
 * from the keys each document's record gives (its own time fields and its own publication date).
 * One statement is one fact, so what any document makes known is known, and the span between is too:
 * it had started by the earliest maxStart and had not ended before the latest minEnd. What is possible
 * is what any document allows: the earliest minStart, the latest maxEnd. Known still implies possible.
 * Example: a fact observed in a document of 2014-04-23 and in one of 2016-05 is known over
 * 2014-04-23 .. 2016-05-01 and possible from any earlier start to any later end.
 */
export function mergeTimeKeys(a: TimeKeys, b: TimeKeys): TimeKeys {
  return {
    minStart: min(a.minStart, b.minStart),
    maxStart: min(a.maxStart, b.maxStart),
    minEnd: max(a.minEnd, b.minEnd),
    maxEnd: max(a.maxEnd, b.maxEnd),
  };
}

/** A query window in day keys, and whether possible matches are wanted too. */
export interface TimeWindow {
  since: string;
  until: string;
  possible: boolean;
}

/** The store-level time filter (the same names as the query parameters). */
export interface TimeFilter {
  /** Only what holds on this date (any precision: the window is the date's first to last day). */
  asOf?: string;
  /** Only what holds at some day on or after this date. */
  since?: string;
  /** Only what holds at some day on or before this date. */
  until?: string;
  /** Also what may hold (default false: only what is known to hold). */
  possible?: boolean;
}

/** The window of a filter; undefined when no date is given (no time filter: everything matches, unmarked). */
export function toWindow(q: TimeFilter): TimeWindow | undefined {
  if (!q.asOf && !q.since && !q.until) return undefined;
  let since = q.since ? startKey(q.since) : OPEN_START;
  let until = q.until ? endKey(q.until) : OPEN_END;
  if (q.asOf) {
    since = max(since, startKey(q.asOf));
    until = min(until, endKey(q.asOf));
  }
  return { since, until, possible: q.possible === true };
}

export function isKnown(k: TimeKeys, w: { since: string; until: string }): boolean {
  return k.maxStart <= w.until && k.minEnd >= w.since;
}

export function isPossible(k: TimeKeys, w: { since: string; until: string }): boolean {
  return k.minStart <= w.until && k.maxEnd >= w.since;
}

/** How a fact matches the window: 'known', 'possible' (only when the window asks for it), or undefined (no match). */
export function timeMatch(k: TimeKeys, w: TimeWindow): TimeMatch | undefined {
  if (isKnown(k, w)) return 'known';
  if (w.possible && isPossible(k, w)) return 'possible';
  return undefined;
}

/** Does the fact pass the (optional) window? */
export function passes(k: TimeKeys, w: TimeWindow | undefined): boolean {
  return !w || timeMatch(k, w) !== undefined;
}

/**
 * Where a dated fact sits on the timeline: its validFrom, or its validTo when only the end is known
 * (anchor 'end'); undefined for facts without any date (they are not on the timeline).
 */
export function timelineAnchor(f: { validFrom?: string; validTo?: string }): { date: string; anchor: 'start' | 'end' } | undefined {
  if (f.validFrom) return { date: f.validFrom, anchor: 'start' };
  if (f.validTo) return { date: f.validTo, anchor: 'end' };
  return undefined;
}

/**
 * Query time params -> the store's TimeFilter (the same names through every layer; routes and scoped
 * exports call it). An empty window is
 * a client mistake, not an empty answer, so it is refused.
 */
export function timeFilter(q: { asOf?: string; since?: string; until?: string; possible?: boolean }): TimeFilter {
  // The schema's pattern lets a day 29-31 through in any month; a day the calendar lacks (2014-02-30) is a
  // mistake, refused as bundles refuse it, not read as the day after the month's last.
  for (const parameter of ['asOf', 'since', 'until'] as const) {
    const date = q[parameter];
    if (date !== undefined && !isRealDate(date)) throw new InvalidQueryError(`${parameter} is not a real date: "${date}".`, parameter);
  }
  const window = toWindow(q);
  if (window && window.since > window.until) {
    const parameter = q.since && q.until && startKey(q.since) > endKey(q.until) ? 'since' : 'asOf';
    throw new InvalidQueryError(
      parameter === 'since' ? 'since is after until.' : 'asOf lies outside the since/until window.',
      parameter,
    );
  }
  return {
    ...(q.asOf ? { asOf: q.asOf } : {}),
    ...(q.since ? { since: q.since } : {}),
    ...(q.until ? { until: q.until } : {}),
    ...(q.possible ? { possible: true } : {}),
  };
}
