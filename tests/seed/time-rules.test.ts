// The shared time rules (src/graph/rules/time.ts) on their own: the keys of each kind of fact, the
// window of a filter, and the known/possible predicate. Both stores use exactly these.
import { isKnown, mergeTimeKeys, timeKeys, timeMatch, timeProblems, toWindow, withinEnds, type Timed } from '../../src/graph/rules/time';
import { loadGraphData } from '../../src/graph/data/bundle';
import { timeFilter } from '../../src/graph/rules/time';
import { InvalidQueryError } from '../../src/graph/errors';

const keys = (f: Timed, published = '2014-04-23') => Object.values(timeKeys(f, published));

describe('timeKeys', () => {
  it.each<[string, Timed, string, string[]]>([
    ['timeless', { time: 'timeless' }, '2014-04-23', ['0000-01-01', '0000-01-01', '9999-12-31', '9999-12-31']],
    ['dated, both bounds at year precision', { time: 'dated', validFrom: '1999', validTo: '2012' }, '2014-04-23', ['1999-01-01', '1999-12-31', '2012-01-01', '2012-12-31']],
    ['dated, a one-off in a month', { time: 'dated', validFrom: '2014-02' }, '2014-04-23', ['2014-02-01', '2014-02-28', '2014-02-01', '2014-02-28']],
    ['dated, ongoing: known up to the publication', { time: 'dated', validFrom: '2012', ongoing: true }, '2014-04-23', ['2012-01-01', '2012-12-31', '2014-04-23', '9999-12-31']],
    ['dated, ongoing from after the publication', { time: 'dated', validFrom: '2014-06', ongoing: true }, '2014-05', ['2014-06-01', '2014-06-30', '2014-06-01', '9999-12-31']],
    ['dated, end only', { time: 'dated', validTo: '1967' }, '2014-04-23', ['0000-01-01', '1967-12-31', '1967-01-01', '1967-12-31']],
    ['observed at a day', { time: 'observed' }, '2014-04-23', ['0000-01-01', '2014-04-23', '2014-04-23', '9999-12-31']],
    ['observed at a month', { time: 'observed' }, '2014-05', ['0000-01-01', '2014-05-31', '2014-05-01', '9999-12-31']],
    ['observed with a start', { time: 'observed', validFrom: '2012' }, '2014-04-23', ['2012-01-01', '2012-12-31', '2014-04-23', '9999-12-31']],
    ['observed with an end after the publication', { time: 'observed', validTo: '2016' }, '2014-04-23', ['0000-01-01', '2014-04-23', '2016-01-01', '2016-12-31']],
  ])('%s', (_what, fact, published, expected) => {
    expect(keys(fact, published)).toEqual(expected);
  });
});

describe('mergeTimeKeys (one statement made by several documents)', () => {
  const observed: Timed = { time: 'observed' };
  const merged = mergeTimeKeys(timeKeys(observed, '2014-04-23'), timeKeys(observed, '2016-05'));

  it('is known from the earliest to the latest day a document makes it known; possible wherever one allows it', () => {
    expect(Object.values(merged)).toEqual(['0000-01-01', '2014-04-23', '2016-05-01', '9999-12-31']);
    expect(timeMatch(merged, toWindow({ asOf: '2015' })!)).toBe('known');
    expect(timeMatch(merged, toWindow({ asOf: '2014-04-22', possible: true })!)).toBe('possible');
    expect(timeMatch(merged, toWindow({ asOf: '2014-04-22' })!)).toBeUndefined();
  });

  it('is symmetric and keeps known inside possible', () => {
    const a = timeKeys({ time: 'dated', validFrom: '2012', ongoing: true }, '2014-04-23');
    const b = timeKeys({ time: 'dated', validTo: '2016' }, '2016-05');
    const m = mergeTimeKeys(a, b);
    expect(mergeTimeKeys(b, a)).toEqual(m);
    expect(m).toEqual({ minStart: '0000-01-01', maxStart: '2012-12-31', minEnd: '2016-01-01', maxEnd: '9999-12-31' });
    expect(m.minStart <= m.maxStart && m.minEnd <= m.maxEnd).toBe(true);
  });
});

describe('known and possible', () => {
  const match = (f: Timed, q: Parameters<typeof toWindow>[0]) => timeMatch(timeKeys(f, '2014-04-23'), toWindow({ ...q, possible: true })!) ?? 'none';

  it('an imprecise start: a one-off in 2012 is known in 2012, possible on a day of it', () => {
    const f: Timed = { time: 'dated', validFrom: '2012' };
    expect(match(f, { asOf: '2012' })).toBe('known');
    expect(match(f, { asOf: '2012-06-01' })).toBe('possible');
    expect(match(f, { since: '2013' })).toBe('none');
  });

  it('known implies possible, and without possible only known matches', () => {
    const f: Timed = { time: 'observed' };
    const k = timeKeys(f, '2014-04-23');
    expect(timeMatch(k, toWindow({ asOf: '2014-04-23' })!)).toBe('known');
    expect(timeMatch(k, toWindow({ asOf: '2014-04-24' })!)).toBeUndefined();
    expect(timeMatch(k, toWindow({ asOf: '2014-04-24', possible: true })!)).toBe('possible');
  });

  it('makes no window without a date', () => {
    expect(toWindow({})).toBeUndefined();
    expect(toWindow({ possible: true })).toBeUndefined();
    expect(toWindow({ asOf: '2014', since: '2014-03', until: '2014-05-10' })).toEqual({ since: '2014-03-01', until: '2014-05-10', possible: false });
  });
});

describe('timeProblems', () => {
  it.each<[Timed, boolean, string[]]>([
    [{}, true, ['time']],
    [{}, false, []],
    [{ time: 'timeless', validTo: '2014' }, true, ['validTo']],
    [{ time: 'dated' }, true, ['time']],
    [{ time: 'dated', validTo: '2014', ongoing: true }, true, ['ongoing']],
    [{ time: 'observed', ongoing: true }, true, ['ongoing']],
    [{ time: 'dated', validFrom: '2014', ongoing: true }, true, []],
    [{ time: 'observed', validFrom: '2014', validTo: '2015' }, true, []],
  ])('%p (required: %p) -> fields %p', (fact, required, fields) => {
    expect(timeProblems(fact, required).map(([field]) => field)).toEqual(fields);
  });
});

describe('timeFilter (query parameters -> TimeFilter)', () => {
  it('keeps the names asOf / since / until / possible', () => {
    expect(timeFilter({ asOf: '2014', since: '2014-02', until: '2014-03', possible: true })).toEqual({
      asOf: '2014', since: '2014-02', until: '2014-03', possible: true,
    });
    expect(timeFilter({ possible: false })).toEqual({});
  });

  it('refuses a day the calendar lacks, naming the parameter', () => {
    for (const [parameter, date] of [['asOf', '2014-02-30'], ['since', '2013-02-29'], ['until', '2014-04-31'], ['asOf', '1900-02-29']] as const) {
      expect(() => timeFilter({ [parameter]: date })).toThrow(`${parameter} is not a real date: "${date}".`);
    }
    // the last day of each month, leap days in leap years
    for (const date of ['2014-01-31', '2014-02-28', '2012-02-29', '2000-02-29', '2014-04-30', '2014-12-31']) {
      expect(timeFilter({ asOf: date, since: date, until: date })).toEqual({ asOf: date, since: date, until: date });
    }
  });

  it('refuses an empty window, naming the parameter', () => {
    expect(() => timeFilter({ since: '2015', until: '2014' })).toThrow(InvalidQueryError);
    expect(() => timeFilter({ asOf: '2013', since: '2014' })).toThrow('asOf lies outside the since/until window.');
  });
});

describe('timeless facts hold whenever their ends exist', () => {
  it('withinEnds overlaps the ends’ own keys; an undated end does not narrow it', () => {
    const games = timeKeys({ time: 'dated', validFrom: '1964' }, '2014-04-23');
    expect(withinEnds([undefined, games])).toEqual(games);
    expect(withinEnds([undefined, undefined])).toEqual(timeKeys({ time: 'timeless' }, '2014-04-23'));
    const term = timeKeys({ time: 'dated', validFrom: '1959', validTo: '1967' }, '2014-04-23');
    expect(withinEnds([term, games])).toEqual({ minStart: '1964-01-01', maxStart: '1964-12-31', minEnd: '1964-01-01', maxEnd: '1964-12-31' });
  });

  it('the merge gives a timeless relation to a dated event the event’s time, not every time', () => {
    const data = loadGraphData();
    const events = data.entities.filter((e) => e.kind === 'event' && e.time === 'dated');
    const tied = data.relations.filter((r) => r.time === 'timeless' && events.some((e) => e.id === r.subject || e.id === r.object));
    expect(tied.length).toBeGreaterThan(0);
    for (const r of tied) {
      const event = events.find((e) => e.id === r.subject || e.id === r.object)!;
      expect(isKnown(r.keys, { since: '9000-01-01', until: '9000-12-31' })).toBe(false);
      expect(r.keys.minEnd <= event.keys!.minEnd || r.keys.maxEnd <= event.keys!.maxEnd).toBe(true);
    }
  });
});
