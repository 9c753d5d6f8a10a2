// The shared time rules (src/graph/rules/time.ts) on their own: the keys of each kind of fact, the
// window of a filter, and the known/possible predicate. Both stores use exactly these.
import { timeKeys, timeMatch, timeProblems, toWindow, type Timed } from '../../src/graph/rules/time';
import { timeFilter } from '../../src/schemas/api';
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

  it('refuses an empty window, naming the parameter', () => {
    expect(() => timeFilter({ since: '2015', until: '2014' })).toThrow(InvalidQueryError);
    expect(() => timeFilter({ asOf: '2013', since: '2014' })).toThrow('asOf lies outside the since/until window.');
  });
});
