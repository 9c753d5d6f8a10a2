/**
 * Partial ISO dates ("2014", "2014-02", "2014-04-24") as intervals of days.
 * Every date rule of the API (asOf, time windows, timeline order) goes through here,
 * so both stores agree. Keys are 'YYYY-MM-DD' strings, which compare correctly as text.
 */

export const OPEN_START = '0000-01-01';
export const OPEN_END = '9999-12-31';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first day a partial date can mean. */
export function startKey(date: string | undefined): string {
  if (!date) return OPEN_START;
  if (date.length === 4) return `${date}-01-01`;
  if (date.length === 7) return `${date}-01`;
  return date;
}

/** The last day a partial date can mean. */
export function endKey(date: string | undefined): string {
  if (!date) return OPEN_END;
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const [y, m] = date.split('-').map(Number) as [number, number];
    return `${date}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  }
  return date;
}

/** True when a real calendar day (rejects 2014-02-30). */
export function isRealDate(date: string): boolean {
  if (!/^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$/.test(date)) return false;
  if (date.length < 10) return true;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return d <= daysInMonth(y, m);
}

/** A query window in day keys: asOf D is the window [D, D]; from/to bound it; absent bounds are open. */
export interface DayWindow {
  start: string;
  end: string;
}

export function toWindow(q: { asOf?: string; from?: string; to?: string }): DayWindow | undefined {
  if (!q.asOf && !q.from && !q.to) return undefined;
  let start = q.from ? startKey(q.from) : OPEN_START;
  let end = q.to ? endKey(q.to) : OPEN_END;
  if (q.asOf) {
    start = start > startKey(q.asOf) ? start : startKey(q.asOf);
    end = end < endKey(q.asOf) ? end : endKey(q.asOf);
  }
  return { start, end };
}

/** Does a thing valid from validFrom to validTo (missing = open) overlap the window? */
export function overlaps(validFrom: string | undefined, validTo: string | undefined, w: DayWindow | undefined): boolean {
  if (!w) return true;
  return startKey(validFrom) <= w.end && endKey(validTo) >= w.start;
}

/** Sort key for the timeline: earliest day, then coarser precision first, then item type and id. */
export function timelineKey(date: string, itemType: 'event' | 'relation', id: string): string {
  const precision = date.length === 4 ? 1 : date.length === 7 ? 2 : 3;
  return `${startKey(date)}|${precision}|${itemType === 'event' ? 'e' : 'r'}:${id}`;
}
