import { SearchHit, TimelineItem } from '../../../src/schemas/domain';
import type { SearchQuery, TimelineQuery } from '../../../src/graph/store';
import { TIMELINE_ALL } from './facts';
import { BAD_CURSORS, expectInvalid, expectShape, ids, walkPages, type StoreRef } from './helpers';

export function searchContract(store: StoreRef): void {
  const search = async (q: string, more: Partial<SearchQuery> = {}) => {
    const hits = await store().search({ q, limit: 10, ...more });
    for (const h of hits) expectShape(SearchHit, h);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(hits.map((h) => h.entity.id)).size).toBe(hits.length);
    return hits.map((h) => h.entity.id);
  };

  describe('search', () => {
    it('ranks an exact name first', async () => {
      expect((await search('Vardania'))[0]).toBe('vardania');
      expect((await search('halden summit'))[0]).toBe('halden-summit');
      expect((await search('  HALDEN   Summit '))[0]).toBe('halden-summit');
    });

    it('ranks an exact alias first, above names that contain the word', async () => {
      const hits = await search('Halden');
      expect(hits[0]).toBe('port-halden');
      expect(hits).toContain('halden-summit');
      expect((await search('NC'))[0]).toBe('northern-compact');
      expect((await search('Republic of Vardania'))[0]).toBe('vardania');
    });

    it('forgives a typo', async () => {
      expect((await search('Quilfeather'))[0]).toBe('oswin-quillfeather');
      expect((await search('Kestovr'))[0]).toBe('kestovar');
    });

    it('searches summaries', async () => {
      expect(await search('archipelago')).toContain('tarvos-islands');
    });

    it('filters by kinds and honours the limit', async () => {
      const events = await store().search({ q: 'Halden', kinds: ['event'], limit: 10 });
      expect(events.map((h) => h.entity.id)).toContain('halden-summit');
      expect(events.every((h) => h.entity.kind === 'event')).toBe(true);
      expect(await search('Vardania', { limit: 1 })).toEqual(['vardania']);
    });

    it('finds nothing for an unknown word', async () => {
      expect(await search('xylophone')).toEqual([]);
    });
  });
}

export function timelineContract(store: StoreRef): void {
  const timeline = async (q: Omit<TimelineQuery, 'limit'>) => {
    const page = await store().timeline({ limit: 100, ...q });
    for (const item of page.items) expectShape(TimelineItem, item);
    expect(page.total).toBe(page.items.length);
    return ids(page.items);
  };

  describe('timeline', () => {
    it('orders dated events and relations by start day, precision, item type and id', async () => {
      expect(await timeline({})).toEqual(TIMELINE_ALL);
    });

    it.each([1, 4, 21])('walks every page at limit %i', async (limit) => {
      const walk = await walkPages((cursor) => store().timeline({ limit, cursor }), limit);
      expect(ids(walk.items)).toEqual(TIMELINE_ALL);
    });

    it('shapes event and relation items', async () => {
      const items = (await store().timeline({ limit: 100 })).items;
      const summit = items.find((i) => i.id === 'halden-summit')!;
      expect(summit).toMatchObject({ itemType: 'event', date: '2014-03-15', anchor: 'start', endDate: '2014-03-16', label: 'Halden Summit' });
      expect(summit).not.toHaveProperty('timeMatch');
      expect(summit.entity!.id).toBe('halden-summit');
      expect(summit).not.toHaveProperty('relation');
      const claim = items.find((i) => i.id === 'kestovar-disputes-tarvos')!;
      expect(claim).toMatchObject({ itemType: 'relation', date: '1999', anchor: 'start', label: 'Kestovar claims the islands.' });
      expect(claim.relation!.id).toBe('kestovar-disputes-tarvos');
      expect(claim).not.toHaveProperty('endDate');
      expect(claim).not.toHaveProperty('entity');
    });

    it('places an item with only an end date at that end (anchor: end)', async () => {
      const items = (await store().timeline({ limit: 100 })).items;
      const ended = items.find((i) => i.id === 'okafor-minister-of-kestovar')!;
      expect(ended).toMatchObject({ itemType: 'relation', date: '2014-02', anchor: 'end' });
      expect(ended).not.toHaveProperty('endDate');
      expect(ended.relation).toMatchObject({ time: 'dated', validTo: '2014-02' });
      expect(ended.relation).not.toHaveProperty('validFrom');
      // in a window it is known only where its unknown start cannot fall outside
      expect(await timeline({ asOf: '2014-02', itemTypes: ['relation'] })).toContain('okafor-minister-of-kestovar');
      expect(await timeline({ asOf: '2014-02-10', itemTypes: ['relation'] })).not.toContain('okafor-minister-of-kestovar');
      const possible = (await store().timeline({ limit: 100, asOf: '2014-02-10', possible: true })).items;
      expect(possible.find((i) => i.id === 'okafor-minister-of-kestovar')?.timeMatch).toBe('possible');
    });

    it('filters by item type and by relation type (events stay)', async () => {
      const events = ['vardania-election', 'gray-tide-exercise', 'halden-summit', 'okafor-visit', 'islands-talks'];
      expect(await timeline({ itemTypes: ['event'] })).toEqual(events);
      expect(await timeline({ itemTypes: ['relation'] })).toEqual(TIMELINE_ALL.filter((id) => !events.includes(id)));
      expect(await timeline({ types: ['MET'] })).toEqual([
        'vardania-election', 'gray-tide-exercise', 'halden-summit', 'roth-met-okafor', 'okafor-visit', 'roth-met-okafor-again', 'islands-talks',
      ]);
      expect(await timeline({ types: ['MET'], itemTypes: ['relation'] })).toEqual(['roth-met-okafor', 'roth-met-okafor-again']);
    });

    it('filters by time window: known by default, possible on request, each item marked', async () => {
      // gray-tide (2013-11 to 2014-01) may have ended on 1 January; okafor-minister's start is unknown
      expect(await timeline({ asOf: '2014-01-15' })).toEqual(['kestovar-disputes-tarvos', 'vardania-joins-compact', 'roth-president-of-vardania']);
      expect(await timeline({ asOf: '2014-01-15', possible: true })).toEqual([
        'kestovar-disputes-tarvos', 'vardania-joins-compact', 'roth-president-of-vardania', 'gray-tide-exercise', 'navy-in-gray-tide',
        'okafor-minister-of-kestovar',
      ]);
      const marked = (await store().timeline({ limit: 100, asOf: '2014-01-15', possible: true })).items;
      expect(marked.map((i) => i.timeMatch)).toEqual(['known', 'known', 'known', 'possible', 'possible', 'possible']);
      // facts ongoing since a start are known only up to the publication (2014-04-23), possible after
      expect(await timeline({ since: '2014-04-24' })).toEqual([
        'compact-backs-vardania', 'okafor-visit', 'okafor-visited-port-halden', 'port-halden-hosted-visit', 'islands-talks', 'kestovar-plans-talks',
      ]);
      expect(await timeline({ since: '2014-04-24', possible: true })).toEqual([
        'kestovar-disputes-tarvos', 'vardania-joins-compact', 'roth-president-of-vardania', 'vardania-engages-kestovar',
        'compact-backs-vardania', 'okafor-visit', 'okafor-visited-port-halden', 'port-halden-hosted-visit', 'islands-talks', 'kestovar-plans-talks',
      ]);
      expect(await timeline({ until: '2012' })).toEqual([
        'kestovar-disputes-tarvos', 'vardania-joins-compact', 'vardania-election', 'civic-union-in-2012-election', 'roth-president-of-vardania',
      ]);
      expect(await timeline({ until: '2012', possible: true })).toEqual([
        'kestovar-disputes-tarvos', 'vardania-joins-compact', 'vardania-election', 'civic-union-in-2012-election', 'roth-president-of-vardania',
        'okafor-minister-of-kestovar',
      ]);
    });

    it('keeps a one-off event inside its own date only', async () => {
      // an event in 2014-06 is not "from 2014-06 on": it is over by July
      expect(await timeline({ asOf: '2014-06', itemTypes: ['event'] })).toEqual(['islands-talks']);
      expect(await timeline({ asOf: '2014-07', itemTypes: ['event'], possible: true })).toEqual([]);
      expect(await timeline({ asOf: '2014-06-10', itemTypes: ['event'] })).toEqual([]);
      expect(await timeline({ asOf: '2014-06-10', itemTypes: ['event'], possible: true })).toEqual(['islands-talks']);
    });

    it('keeps, for an entity: itself if an event, its relations, and events related to it', async () => {
      expect(await timeline({ entity: 'anika-roth' })).toEqual([
        'roth-president-of-vardania', 'halden-summit', 'roth-at-halden-summit', 'roth-met-okafor', 'roth-met-okafor-again',
      ]);
      // halden-summit is related through an undated relation (summit-in-port-halden): it still counts
      expect(await timeline({ entity: 'port-halden' })).toEqual(['halden-summit', 'okafor-visit', 'okafor-visited-port-halden', 'port-halden-hosted-visit']);
      expect(await timeline({ entity: 'halden-summit' })).toEqual(['halden-summit', 'okafor-at-halden-summit', 'roth-at-halden-summit']);
      expect(await timeline({ entity: 'islands-talks' })).toEqual(['islands-talks', 'kestovar-plans-talks']);
      expect(await timeline({ entity: 'civic-union-party' })).toEqual(['vardania-election', 'civic-union-in-2012-election', 'civic-union-infighting']);
      expect(await timeline({ entity: 'ember-reach' })).toEqual([]);
    });

    it('combines the entity filter with types and time', async () => {
      expect(await timeline({ entity: 'port-halden', types: ['VISITED'] })).toEqual(['halden-summit', 'okafor-visit', 'okafor-visited-port-halden']);
      expect(await timeline({ entity: 'anika-roth', asOf: '2014-03-15' })).toEqual([
        'roth-president-of-vardania', 'halden-summit', 'roth-at-halden-summit', 'roth-met-okafor',
      ]);
      const walk = await walkPages((cursor) => store().timeline({ limit: 2, entity: 'anika-roth', cursor }), 2);
      expect(walk.pages).toBe(3);
    });

    it('rejects an unknown entity and a bad cursor', async () => {
      await expectInvalid(store().timeline({ limit: 10, entity: 'no-such-entity' }), 'entity');
      for (const cursor of BAD_CURSORS) await expectInvalid(store().timeline({ limit: 10, cursor }), 'cursor');
    });
  });
}
