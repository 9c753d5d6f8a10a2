/**
 * Time filters on relations: a relation matches when its [validFrom, validTo] (partial dates as day
 * intervals, missing bounds open) overlaps the query window (asOf = one day, month or year; from/to).
 */
import type { RelationQuery, TimeFilter } from '../../../src/graph/store';
import { ids, type StoreRef } from './helpers';

type Case = [asOf: string, expected: boolean];

/** relation id, a filter that isolates it, the asOf values it must (and must not) match */
const BOUNDS: Array<[string, Omit<RelationQuery, 'limit'>, Case[]]> = [
  // validTo "2014-02" only: open start, valid through the last day of February
  ['okafor-minister-of-kestovar', { subject: 'bren-okafor', types: ['HOLDS_OFFICE'] }, [
    ['1900', true], ['2014-02-01', true], ['2014-02-28', true], ['2014-02', true], ['2014', true],
    ['2014-03-01', false], ['2014-03', false], ['2015', false],
  ]],
  // "2013" to "2013": the whole year, nothing outside it
  ['civic-union-infighting', { subject: 'civic-union-party', types: ['OPPOSED'] }, [
    ['2013-01-01', true], ['2013-12-31', true], ['2013-06', true], ['2013', true],
    ['2012-12-31', false], ['2014-01-01', false], ['2012', false], ['2014', false],
  ]],
  // one day, 2014-03-15
  ['roth-met-okafor', { subject: 'anika-roth', types: ['MET'] }, [
    ['2014-03-15', true], ['2014-03', true], ['2014', true],
    ['2014-03-14', false], ['2014-03-16', false], ['2014-02', false],
  ]],
  // validFrom "2012-06" only: open end
  ['roth-president-of-vardania', { subject: 'anika-roth', types: ['HOLDS_OFFICE'] }, [
    ['2012-06-01', true], ['2012-06', true], ['2012', true], ['2099-01-01', true],
    ['2012-05-31', false], ['2012-05', false], ['2011', false],
  ]],
  // validFrom "1999" only
  ['kestovar-disputes-tarvos', { subject: 'kestovar', types: ['DISPUTES'] }, [
    ['1999-01-01', true], ['1999', true], ['2014-04-23', true],
    ['1998-12-31', false], ['1998', false],
  ]],
  // "2013-11" to "2014-01"
  ['navy-in-gray-tide', { subject: 'vardanian-navy', types: ['PARTICIPATED_IN'] }, [
    ['2013-11-01', true], ['2014-01-31', true], ['2013', true], ['2014', true],
    ['2013-10-31', false], ['2014-02-01', false], ['2014-02', false],
  ]],
  // undated: every window
  ['roth-member-of-civic-union', { subject: 'anika-roth', types: ['MEMBER_OF'] }, [
    ['0001', true], ['1999-12-31', true], ['2014-04', true], ['2999', true],
  ]],
];

export function timeContract(store: StoreRef): void {
  const listIds = async (q: Omit<RelationQuery, 'limit'>) => ids((await store().listRelations({ limit: 100, ...q })).items);

  describe('time filters', () => {
    for (const [id, filter, cases] of BOUNDS) {
      it.each(cases)(`${id} as of %s: %p`, async (asOf, expected) => {
        const found = await listIds({ ...filter, asOf });
        if (expected) expect(found).toContain(id);
        else expect(found).not.toContain(id);
        const plain = await listIds({ ...filter });
        expect(plain).toContain(id);
      });
    }

    it('keeps exactly the relations valid on a day', async () => {
      expect(await listIds({ asOf: '2014-02-15' })).toEqual([
        'gray-tide-in-gray-sea', 'kestovar-disputes-tarvos', 'kestovar-rival-of-vardania', 'navy-part-of-vardania',
        'okafor-minister-of-kestovar', 'port-halden-in-vardania', 'quillfeather-writes-for-gazette', 'roth-member-of-civic-union',
        'roth-president-of-vardania', 'summit-in-port-halden', 'talks-target-tarvos', 'tarvos-in-gray-sea',
        'vardania-disputes-tarvos', 'vardania-joins-compact',
      ]);
    });

    const met: Array<[TimeFilter, string[]]> = [
      [{ from: '2014-03-16' }, ['roth-met-okafor-again']],
      [{ to: '2014-03-15' }, ['roth-met-okafor']],
      [{ from: '2014-03-15', to: '2014-04-23' }, ['roth-met-okafor', 'roth-met-okafor-again']],
      [{ from: '2014-03-16', to: '2014-04-22' }, []],
      [{ from: '2014-04', to: '2014-04' }, ['roth-met-okafor-again']],
      [{ from: '2014', to: '2014' }, ['roth-met-okafor', 'roth-met-okafor-again']],
      [{ asOf: '2014', from: '2014-04-01' }, ['roth-met-okafor-again']],
      [{ asOf: '2014-03', to: '2014-03-31' }, ['roth-met-okafor']],
    ];
    it.each(met)('windows the MET relations with %p', async (window, expected) => {
      expect(await listIds({ types: ['MET'], ...window })).toEqual(expected);
    });
  });
}
