// The band ranges a windowed timeline reads on Neo4j (src/graph/neo4j/overlap.ts) must hold every item that
// may overlap the window (else an answer loses items), and should leave out items far from it (else the
// bands read no less than a walk from the start). No database: keys and windows are generated.
import { prng } from '../../scripts/prng';
import { OPEN, REACH_DAYS, overlapBands, overlapKey, type BandRange } from '../../src/graph/neo4j/overlap';
import { OPEN_END, OPEN_START } from '../../src/graph/rules';

const rng = prng(20261202);
const int = (k: number) => Math.floor(rng() * k);
const DAY = 86_400_000;
const day = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
/** Days from 1800 to 2100, so reaches of any band fit on both sides. */
const someDay = () => -62_000 + int(110_000);
const keyAt = (d: number, id = `r${int(1e6)}`) => `${day(d)}|${1 + int(3)}|r:${id}`;

const inRange = (key: string, b: BandRange) => key >= b.lo && key <= b.hi && key > b.after;
const found = (key: string, bands: BandRange[]) => bands.filter((b) => inRange(key, b)).length;

/** A random item: its key day, and bounds open or within a random reach (0 to beyond the last band) of it. */
function item() {
  const d = someDay();
  const reach = () => [0, 1, 3, 15, 200, 5_000, 70_000][int(7)]! * rng();
  const minStart = rng() < 0.2 ? OPEN_START : day(Math.round(d - reach() + (rng() < 0.1 ? 30 : 0)));
  const maxEnd = rng() < 0.2 ? OPEN_END : day(Math.round(d + reach() - (rng() < 0.1 ? 30 : 0)));
  return { d, keys: { minStart, maxEnd }, key: keyAt(d) };
}

function windowOf(): { since: string; until: string } {
  const a = someDay();
  const b = a + [0, 1, 30, 400, 20_000][int(5)]!;
  return { since: rng() < 0.1 ? OPEN_START : day(a), until: rng() < 0.1 ? OPEN_END : day(b) };
}

describe('overlap bands', () => {
  it('hold every item that may overlap the window, each in exactly one band range', () => {
    let overlapping = 0;
    const wrong: unknown[] = [];
    for (let i = 0; i < 6_000; i++) {
      const it = item();
      const w = windowOf();
      const key = overlapKey(it.keys, it.key);
      const possible = it.keys.minStart <= w.until && it.keys.maxEnd >= w.since;
      const hits = found(key, overlapBands(w.since, w.until));
      if (possible) overlapping++;
      if (possible ? hits !== 1 : hits > 1) wrong.push({ key, ...it.keys, ...w, hits });
    }
    expect(wrong).toEqual([]);
    expect(overlapping).toBeGreaterThan(600);
  });

  it('leave out items of bounded reach far from the window', () => {
    for (let c = 0; c < REACH_DAYS.length; c++) {
      const reach = REACH_DAYS[c]!;
      const d = 10_000;
      const key = overlapKey({ minStart: day(d - reach), maxEnd: day(d + reach) }, keyAt(d));
      expect(key.startsWith(`${c}${c}|`)).toBe(true);
      // a window just past its reach, on either side: not read; just within it: read
      expect(found(key, overlapBands(day(d + 2 * reach + 1), day(d + 2 * reach + 5)))).toBe(0);
      expect(found(key, overlapBands(day(d - 2 * reach - 5), day(d - 2 * reach - 1)))).toBe(0);
      expect(found(key, overlapBands(day(d + reach), day(d + reach + 3)))).toBe(1);
    }
    // reaching far after D only: read by windows after D, not by those before it
    const long = overlapKey({ minStart: day(5_000), maxEnd: day(5_000 + 20_000) }, keyAt(5_000));
    expect(long.startsWith('08|')).toBe(true);
    expect(found(long, overlapBands(day(24_000), day(24_001)))).toBe(1);
    expect(found(long, overlapBands(day(4_000), day(4_999)))).toBe(0);
    // open after (ongoing from D): read by any window after D, not by one ending before it
    const ongoing = overlapKey({ minStart: day(5_000), maxEnd: OPEN_END }, keyAt(5_000));
    expect(ongoing.startsWith(`0${OPEN}|`)).toBe(true);
    expect(found(ongoing, overlapBands(day(40_000), day(40_001)))).toBe(1);
    expect(found(ongoing, overlapBands(day(4_000), day(4_999)))).toBe(0);
    // open before (only an end day): read by a window before it, not by one after it
    const ended = overlapKey({ minStart: OPEN_START, maxEnd: day(5_000) }, keyAt(5_000));
    expect(ended.startsWith(`${OPEN}0|`)).toBe(true);
    expect(found(ended, overlapBands(day(-40_000), day(-39_000)))).toBe(1);
    expect(found(ended, overlapBands(day(5_001), day(5_002)))).toBe(0);
  });

  it('read only the bands asked for', () => {
    const key = overlapKey({ minStart: day(100), maxEnd: day(110) }, keyAt(100));
    expect(found(key, overlapBands(day(105), day(105), '', [key.slice(0, 2)]))).toBe(1);
    expect(found(key, overlapBands(day(105), day(105), '', ['00', '01', '99']))).toBe(0);
  });

  it('start each range after the page cursor', () => {
    const keys = Array.from({ length: 200 }, () => item()).map((it) => ({ ...it, overlap: overlapKey(it.keys, it.key) }));
    const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
    const cursor = sorted[100]!.key;
    const bands = overlapBands(OPEN_START, OPEN_END, cursor);
    for (const k of keys) expect(found(k.overlap, bands)).toBe(k.key > cursor ? 1 : 0);
  });
});
