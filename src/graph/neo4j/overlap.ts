/**
 * Time-window reads on a B-tree (the whole graph's timeline with a window; queries.TIMELINE_WINDOW_BY_BAND).
 *
 * A timeline item sits at its key day D (the first day of the date it is placed at; rules/order.ts
 * timelineKey) and may hold over [minStart, maxEnd] (rules/time.ts). It may overlap a window
 * [since, until] only if minStart <= until and maxEnd >= since. Walking the timeline index in key order
 * from the start finds those items, but reads everything placed before the window on the way: an item
 * placed early may last into it. So each item also gets an `overlapKey`: its band, then its timeline key.
 * The band says how far the item reaches from D, rounded up to a power of 4 days, on each side:
 *
 *   F<c>  both ends known, reaching at most BAND_DAYS[c] days before and after D
 *   R<c>  open after (no known latest end), reaching at most BAND_DAYS[c] days before D
 *   L<c>  open before (no known earliest start), reaching at most BAND_DAYS[c] days after D
 *   B     open on both sides (or reaching further than the last band)
 *
 * An item of band F<c> that overlaps the window has D in [since - BAND_DAYS[c], until + BAND_DAYS[c]]
 * (R<c>: D <= until + BAND_DAYS[c]; L<c>: D >= since - BAND_DAYS[c]; B: anywhere), so a window reads one
 * key range per band (overlapBands), each in key order, and the window filter itself still decides.
 * What a range reads beyond the answer is the band's items within BAND_DAYS[c] of the window, not
 * everything before it.
 */
import { OPEN_END, OPEN_START } from '../rules';

/** The bands' reach in days: 0, 4, 16, ... 65,536 (about 179 years). */
export const BAND_DAYS: readonly number[] = Array.from({ length: 9 }, (_, i) => (i === 0 ? 0 : 4 ** i));

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

/** The first band reaching `days`, or undefined beyond the last. */
function bandOf(days: number): number | undefined {
  const c = BAND_DAYS.findIndex((reach) => reach >= days);
  return c < 0 ? undefined : c;
}

/** The overlapKey of a timeline item: its band, '|', its timeline key. */
export function overlapKey(keys: { minStart: string; maxEnd: string }, timelineKey: string): string {
  const d = timelineKey.slice(0, 10);
  const before = keys.minStart <= OPEN_START ? undefined : bandOf(Math.max(0, dayNumber(d) - dayNumber(keys.minStart)));
  const after = keys.maxEnd >= OPEN_END ? undefined : bandOf(Math.max(0, dayNumber(keys.maxEnd) - dayNumber(d)));
  const band =
    before === undefined ? (after === undefined ? 'B' : `L${after}`) : after === undefined ? `R${before}` : `F${Math.max(before, after)}`;
  return `${band}|${timelineKey}`;
}

/** One band's key range for a window: lo <= overlapKey <= hi, and overlapKey > after (the page's cursor). */
export interface BandRange {
  lo: string;
  hi: string;
  after: string;
}

/**
 * The key ranges holding every item that may overlap [since, until] (day keys, open bounds allowed),
 * one per band; `after` is the page's cursor (a timeline key, '' for the first page).
 */
export function overlapBands(since: string, until: string, after = ''): BandRange[] {
  const range = (band: string, from: string, to: string): BandRange => ({
    lo: `${band}|${from}`,
    hi: `${band}|${to}${AFTER_DAY}`,
    after: `${band}|${after}`,
  });
  return [
    ...BAND_DAYS.map((reach, c) => range(`F${c}`, shift(since, -reach), shift(until, reach))),
    ...BAND_DAYS.map((reach, c) => range(`R${c}`, '', shift(until, reach))),
    ...BAND_DAYS.map((reach, c) => range(`L${c}`, shift(since, -reach), AFTER_DAY)),
    range('B', '', AFTER_DAY),
  ];
}
