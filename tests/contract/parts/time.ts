/**
 * The time model (src/graph/rules/time.ts) on relations: a time filter keeps what is KNOWN to hold in
 * the window; with `possible` also what MAY hold; every kept relation says which (timeMatch). Partial
 * dates are day intervals; unknown bounds never stretch a fact to forever.
 * Fixture-a is published 2014-04-23, fixture-b 2014-05 (a month).
 */
import type { RelationQuery, TimeFilter } from '../../../src/graph/store';
import { ids, type StoreRef } from './helpers';

type Expect = 'known' | 'possible' | 'none';
type Case = [asOf: string, expected: Expect];

/** relation id, a filter that isolates it, what asOf values give */
const BOUNDS: Array<[string, string, Omit<RelationQuery, 'limit'>, Case[]]> = [
  ['end date only (validTo 2014-02): start unknown, so only a window that reaches its last possible start is known',
    'okafor-minister-of-kestovar', { subject: 'bren-okafor', types: ['HOLDS_OFFICE'] }, [
      ['2014-02', 'known'], ['2014', 'known'],
      ['2014-02-01', 'possible'], ['2014-02-28', 'possible'], ['1900', 'possible'],
      ['2014-03-01', 'none'], ['2015', 'none'],
    ]],
  ['dated 2013 to 2013: known for the year, only possible on a day or month inside it',
    'civic-union-infighting', { subject: 'civic-union-party', types: ['OPPOSED'] }, [
      ['2013', 'known'],
      ['2013-06', 'possible'], ['2013-01-01', 'possible'], ['2013-12-31', 'possible'],
      ['2012-12-31', 'none'], ['2012', 'none'], ['2014', 'none'],
    ]],
  ['one day, 2014-03-15', 'roth-met-okafor', { subject: 'anika-roth', types: ['MET'] }, [
    ['2014-03-15', 'known'], ['2014-03', 'known'], ['2014', 'known'],
    ['2014-03-14', 'none'], ['2014-03-16', 'none'], ['2014-02', 'none'],
  ]],
  ['a one-off with one imprecise date (2012): known in 2012, only possible on a day of it, never after',
    'civic-union-in-2012-election', { subject: 'civic-union-party', types: ['PARTICIPATED_IN'] }, [
      ['2012', 'known'],
      ['2012-06-01', 'possible'], ['2012-06', 'possible'],
      ['2011-12-31', 'none'], ['2013', 'none'], ['2014-04-23', 'none'],
    ]],
  ['ongoing since 2012-06: known from its last possible start to the publication, possible after',
    'roth-president-of-vardania', { subject: 'anika-roth', types: ['HOLDS_OFFICE'] }, [
      ['2012-06', 'known'], ['2012', 'known'], ['2013', 'known'], ['2014-04-23', 'known'],
      ['2012-06-01', 'possible'], ['2014-04-24', 'possible'], ['2099', 'possible'],
      ['2012-05', 'none'], ['2011', 'none'],
    ]],
  ['ongoing since 1999', 'kestovar-disputes-tarvos', { subject: 'kestovar', types: ['DISPUTES'] }, [
    ['1999', 'known'], ['2005-07-01', 'known'], ['2014-04-23', 'known'],
    ['1999-01-01', 'possible'], ['2014-04-24', 'possible'], ['2020', 'possible'],
    ['1998', 'none'],
  ]],
  ['dated 2013-11 to 2014-01', 'navy-in-gray-tide', { subject: 'vardanian-navy', types: ['PARTICIPATED_IN'] }, [
    ['2013-11', 'known'], ['2013-12', 'known'], ['2014-01', 'known'], ['2013', 'known'], ['2014', 'known'],
    ['2013-11-01', 'possible'], ['2014-01-31', 'possible'],
    ['2013-10-31', 'none'], ['2014-02', 'none'],
  ]],
  ['observed at publication (2014-04-23), no dates: known then, possible before and after',
    'roth-member-of-civic-union', { subject: 'anika-roth', types: ['MEMBER_OF'] }, [
      ['2014-04-23', 'known'], ['2014-04', 'known'], ['2014', 'known'],
      ['2014-04-22', 'possible'], ['2014-04-24', 'possible'], ['1999', 'possible'], ['2999', 'possible'],
    ]],
  ['observed at a publication month (2014-05) with a start (2014-03-01)',
    'compact-backs-vardania', { subject: 'northern-compact', types: ['SUPPORTED'] }, [
      ['2014-03-01', 'known'], ['2014-04-15', 'known'], ['2014-05-01', 'known'], ['2014-05', 'known'],
      ['2014-05-02', 'possible'], ['2030', 'possible'],
      ['2014-02-28', 'none'], ['2013', 'none'],
    ]],
  ['observed at a publication month (2014-05), no dates', 'vardania-disputes-tarvos', { subject: 'vardania', types: ['DISPUTES'] }, [
    ['2014-05', 'known'], ['2014', 'known'],
    ['2014-05-10', 'possible'], ['2013', 'possible'],
  ]],
  ['timeless', 'port-halden-in-vardania', { subject: 'port-halden', types: ['LOCATED_IN'] }, [
    ['0001', 'known'], ['1999-12-31', 'known'], ['2999', 'known'],
  ]],
];

/** Known on 2014-02-15 (timeless facts, facts ongoing since before it), and the ones that only may hold. */
const KNOWN_2014_02_15 = [
  'gray-tide-in-gray-sea', 'kestovar-disputes-tarvos', 'navy-part-of-vardania', 'port-halden-in-vardania',
  'roth-president-of-vardania', 'summit-in-port-halden', 'talks-target-tarvos', 'tarvos-in-gray-sea', 'vardania-joins-compact',
];
const POSSIBLE_2014_02_15 = [
  'kestovar-rival-of-vardania', 'okafor-minister-of-kestovar', 'quillfeather-writes-for-gazette', 'roth-member-of-civic-union', 'vardania-disputes-tarvos',
];

export function timeContract(store: StoreRef): void {
  const list = async (q: Omit<RelationQuery, 'limit'>) => (await store().listRelations({ limit: 100, ...q })).items;
  const listIds = async (q: Omit<RelationQuery, 'limit'>) => ids(await list(q));
  const matchOf = async (id: string, q: Omit<RelationQuery, 'limit'>): Promise<Expect> =>
    (await list(q)).find((r) => r.id === id)?.timeMatch ?? 'none';

  describe('time filters: known by default, possible on request', () => {
    for (const [rule, id, filter, cases] of BOUNDS) {
      describe(`${rule} (${id})`, () => {
        it.each(cases)('as of %s: %s', async (asOf, expected) => {
          expect(await listIds(filter)).toContain(id);
          expect(await matchOf(id, { ...filter, asOf })).toBe(expected === 'known' ? 'known' : 'none');
          expect(await matchOf(id, { ...filter, asOf, possible: true })).toBe(expected);
        });
      });
    }

    it('keeps exactly the relations known on a day, and adds those that may hold with possible', async () => {
      const known = await list({ asOf: '2014-02-15' });
      expect(ids(known)).toEqual(KNOWN_2014_02_15);
      expect(known.every((r) => r.timeMatch === 'known')).toBe(true);
      const all = await list({ asOf: '2014-02-15', possible: true });
      expect(ids(all)).toEqual([...KNOWN_2014_02_15, ...POSSIBLE_2014_02_15].sort());
      for (const r of all) expect(r.timeMatch).toBe(KNOWN_2014_02_15.includes(r.id) ? 'known' : 'possible');
      expect((await store().listRelations({ limit: 1, asOf: '2014-02-15', possible: true })).total).toBe(14);
    });

    it('marks nothing and filters nothing without a time filter', async () => {
      const all = await list({});
      expect(all).toHaveLength(26);
      expect(all.filter((r) => 'timeMatch' in r)).toEqual([]);
      expect(await list({ possible: true })).toEqual(all);
    });

    const windows: Array<[string, TimeFilter, Expect]> = [
      ['okafor-minister-of-kestovar', { since: '2014-02-15' }, 'possible'],
      ['okafor-minister-of-kestovar', { until: '2014-01-31' }, 'possible'],
      ['okafor-minister-of-kestovar', { since: '2014-02', until: '2014-03' }, 'known'],
      ['okafor-minister-of-kestovar', { since: '2014-03' }, 'none'],
      ['roth-president-of-vardania', { since: '2014-05' }, 'possible'],
      ['roth-president-of-vardania', { until: '2012-06-15' }, 'possible'],
      ['roth-president-of-vardania', { until: '2012-06' }, 'known'],
      ['roth-president-of-vardania', { since: '2013', until: '2013' }, 'known'],
      ['civic-union-in-2012-election', { since: '2012-07-01' }, 'possible'],
      ['civic-union-in-2012-election', { since: '2012-01-01', until: '2012-12-31' }, 'known'],
      ['civic-union-in-2012-election', { since: '2013' }, 'none'],
      ['roth-member-of-civic-union', { since: '2014-01', until: '2014-12' }, 'known'],
      ['roth-member-of-civic-union', { since: '2014-04-24' }, 'possible'],
      ['port-halden-in-vardania', { since: '2999' }, 'known'],
    ];
    it.each(windows)('%s with %p: %s', async (id, window, expected) => {
      expect(await matchOf(id, window)).toBe(expected === 'known' ? 'known' : 'none');
      expect(await matchOf(id, { ...window, possible: true })).toBe(expected);
    });

    const met: Array<[TimeFilter, string[]]> = [
      [{ since: '2014-03-16' }, ['roth-met-okafor-again']],
      [{ until: '2014-03-15' }, ['roth-met-okafor']],
      [{ since: '2014-03-15', until: '2014-04-23' }, ['roth-met-okafor', 'roth-met-okafor-again']],
      [{ since: '2014-03-16', until: '2014-04-22' }, []],
      [{ since: '2014-04', until: '2014-04' }, ['roth-met-okafor-again']],
      [{ since: '2014', until: '2014' }, ['roth-met-okafor', 'roth-met-okafor-again']],
      [{ asOf: '2014', since: '2014-04-01' }, ['roth-met-okafor-again']],
      [{ asOf: '2014-03', until: '2014-03-31' }, ['roth-met-okafor']],
    ];
    it.each(met)('windows the MET relations (one day each: known or nothing) with %p', async (window, expected) => {
      expect(await listIds({ types: ['MET'], ...window })).toEqual(expected);
      expect(await listIds({ types: ['MET'], ...window, possible: true })).toEqual(expected);
    });
  });
}
