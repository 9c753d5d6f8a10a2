/**
 * Partial ISO dates ("2014", "2014-02", "2014-04-24") as intervals of days. The time model built on
 * them (time status, known/possible windows) is in ./rules/time.ts. Keys are 'YYYY-MM-DD' strings,
 * which compare correctly as text.
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
