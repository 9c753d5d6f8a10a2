/**
 * Time-window reads on a B-tree (the whole graph's timeline with a window; queries.TIMELINE_WINDOW_BY_BAND).
 *
 * A timeline item sits at its key day D (the first day of the date it is placed at; rules/order.ts
 * timelineKey) and may hold over [minStart, maxEnd] (rules/time.ts). It may overlap a window
 * [since, until] only if minStart <= until and maxEnd >= since. Walking the timeline index in key order
 * from the start finds those items, but reads everything placed before the window on the way: an item
 * placed early may last into it. So each item also gets an `overlapKey`: its band, then its timeline key.
 * The band is two digits: how far the item reaches before D, and how far after it, each rounded up to a
 * power of 4 days (REACH_DAYS[digit]; digit OPEN when unknown, or further than the last reach).
 *
 * An item of band <b><a> that overlaps the window has D in [since - REACH_DAYS[a], until + REACH_DAYS[b]]
 * (no bound on an OPEN side), so a window reads one key range per band (overlapBands), each in key order,
 * and the window filter itself still decides. Beyond the answer a range reads only items of its band
 * placed within the band's reach of the window (each reaching more than a quarter of it, digit 0 aside),
 * not everything placed before the window; and each range stops after a page of matches, so a page takes
 * at most (bands present) x (page size) matches however large the graph (docs/performance.md, "Timeline in a time window").
 * There are up to 100 bands; a graph holds few of them (most items reach 0 days before D), and the store
 * reads only the bands present (per graph version).
 */
import { OPEN_END, OPEN_START } from '../rules';

/** The reaches in days: 0, 4, 16, ... 65,536 (about 179 years); digit OPEN is beyond, or unknown. */
export const REACH_DAYS: readonly number[] = Array.from({ length: 9 }, (_, i) => (i === 0 ? 0 : 4 ** i));
export const OPEN = REACH_DAYS.length;

/** Every band: '00' to '99'. */
export const ALL_BANDS: readonly string[] = Array.from({ length: (OPEN + 1) ** 2 }, (_, i) => `${Math.floor(i / (OPEN + 1))}${i % (OPEN + 1)}`);

/** Sorts after every timeline key of a day (those go on with '|'). */
const AFTER_DAY = '~';

const DAY_MS = 86_400_000;

function dayNumber(key: string): number {
  const date = new Date(0);
  date.setUTCFullYear(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)));
  return Math.floor(date.getTime() / DAY_MS);
}

function dayKey(day: number): string {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  if (year < 0) return OPEN_START;
  if (year > 9999) return OPEN_END;
  return `${String(year).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** `key` moved by `days`; the open bounds stay open. */
function shift(key: string, days: number): string {
  if (key <= OPEN_START || key >= OPEN_END) return key;
  return dayKey(dayNumber(key) + days);
}

/** The digit of a reach of `days` (OPEN when unknown or beyond the last). */
function reachDigit(days: number | undefined): number {
  if (days === undefined) return OPEN;
  const c = REACH_DAYS.findIndex((reach) => reach >= days);
  return c < 0 ? OPEN : c;
}

/** The overlapKey of a timeline item: its band, '|', its timeline key. */
export function overlapKey(keys: { minStart: string; maxEnd: string }, timelineKey: string): string {
  const d = dayNumber(timelineKey.slice(0, 10));
  const before = reachDigit(keys.minStart <= OPEN_START ? undefined : Math.max(0, d - dayNumber(keys.minStart)));
  const after = reachDigit(keys.maxEnd >= OPEN_END ? undefined : Math.max(0, dayNumber(keys.maxEnd) - d));
  return `${before}${after}|${timelineKey}`;
}

/** One band's key range for a window: lo <= overlapKey <= hi, and overlapKey > after (the page's cursor). */
export interface BandRange {
  lo: string;
  hi: string;
  after: string;
}

/**
 * The key ranges holding every item of `bands` (default: all) that may overlap [since, until] (day keys,
 * open bounds allowed), one per band; `after` is the page's cursor (a timeline key, '' for the first page).
 */
export function overlapBands(since: string, until: string, after = '', bands: readonly string[] = ALL_BANDS): BandRange[] {
  return bands.map((band) => {
    const before = Number(band[0]);
    const reachAfter = Number(band[1]);
    const from = reachAfter === OPEN ? '' : shift(since, -REACH_DAYS[reachAfter]!);
    const to = before === OPEN ? AFTER_DAY : shift(until, REACH_DAYS[before]!);
    return { lo: `${band}|${from}`, hi: `${band}|${to}${AFTER_DAY}`, after: `${band}|${after}` };
  });
}
