import { EntityDetail, EntitySummary } from '../../../src/schemas/domain';
import type { EntityQuery } from '../../../src/graph/store';
import { fixtureText } from '../../fixtures';
import { ENTITY_IDS } from './facts';
import { BAD_CURSORS, expectInvalid, expectShape, ids, walkPages, type StoreRef } from './helpers';

export function entityContract(store: StoreRef): void {
  const list = async (q: Omit<EntityQuery, 'limit'> & { limit?: number }) => store().listEntities({ limit: 100, ...q });
  const listIds = async (q: Omit<EntityQuery, 'limit'>) => ids((await list(q)).items);

  describe('listEntities', () => {
    it('lists every entity by id with the total', async () => {
      const page = await list({});
      expect(ids(page.items)).toEqual(ENTITY_IDS);
      expect(page.total).toBe(18);
      expect(page.nextCursor).toBeNull();
      for (const e of page.items) expectShape(EntitySummary, e);
    });

    it.each([1, 2, 5, 17])('walks every page at limit %i without gaps or duplicates', async (limit) => {
      const walk = await walkPages((cursor) => store().listEntities({ limit, cursor }), limit);
      expect(ids(walk.items)).toEqual(ENTITY_IDS);
      expect(walk.pages).toBe(Math.ceil(18 / limit));
    });

    it('gives no next cursor when the last page is exactly full', async () => {
      expect((await list({ limit: 18 })).nextCursor).toBeNull();
      expect((await list({ limit: 6, kinds: ['place'] })).nextCursor).toBeNull();
    });

    it('answers the same page for the same cursor', async () => {
      const first = await list({ limit: 2 });
      const a = await list({ limit: 2, cursor: first.nextCursor! });
      const b = await list({ limit: 2, cursor: first.nextCursor! });
      expect(a).toEqual(b);
      expect(ids(a.items)).toEqual(['civic-union-party', 'ember-reach']);
    });

    it('filters by kinds and subtypes (together: both must hold)', async () => {
      expect(await listIds({ kinds: ['event'] })).toEqual(['gray-tide-exercise', 'halden-summit', 'islands-talks', 'okafor-visit', 'vardania-election']);
      expect(await listIds({ kinds: ['person', 'organization'] })).toEqual([
        'anika-roth', 'bren-okafor', 'civic-union-party', 'harbor-gazette', 'northern-compact', 'oswin-quillfeather', 'vardanian-navy',
      ]);
      expect(await listIds({ subtypes: ['country', 'city'] })).toEqual(['kestovar', 'port-halden', 'vardania']);
      expect(await listIds({ kinds: ['person'], subtypes: ['journalist'] })).toEqual(['oswin-quillfeather']);
      const none = await list({ kinds: ['place'], subtypes: ['journalist'] });
      expect(none).toEqual({ items: [], total: 0, nextCursor: null });
    });

    it('treats an empty filter list as no filter', async () => {
      expect((await list({ kinds: [], subtypes: [] })).total).toBe(18);
    });

    it('filters by a case-insensitive prefix of the name or of any alias', async () => {
      expect(await listIds({ prefix: 'vardan' })).toEqual(['vardania', 'vardania-election', 'vardanian-navy']);
      expect(await listIds({ prefix: 'VARDAN' })).toEqual(['vardania', 'vardania-election', 'vardanian-navy']);
      expect(await listIds({ prefix: 'republic of' })).toEqual(['vardania']); // alias only
      expect(await listIds({ prefix: 'Hal' })).toEqual(['halden-summit', 'port-halden']); // name; alias "Halden"
      expect(await listIds({ prefix: 'gray' })).toEqual(['gray-sea', 'gray-tide-exercise']); // alias "Gray Tide"
      expect(await listIds({ prefix: 'summit' })).toEqual([]); // inside a name is not a prefix
      expect(await listIds({ prefix: 'ha', kinds: ['organization'] })).toEqual(['harbor-gazette']);
    });

    it('pages a filtered list with the filtered total', async () => {
      const walk = await walkPages((cursor) => store().listEntities({ limit: 2, prefix: 'vardan', cursor }), 2);
      expect(walk.total).toBe(3);
      expect(walk.pages).toBe(2);
    });

    it.each(BAD_CURSORS)('rejects the cursor %p', async (cursor) => {
      await expectInvalid(store().listEntities({ limit: 2, cursor }), 'cursor');
    });
  });

  describe('getEntity', () => {
    it('returns the detail with mentions and relation counts', async () => {
      const e = await store().getEntity('harbor-gazette');
      expectShape(EntityDetail, e);
      expect(e).toEqual({
        id: 'harbor-gazette',
        kind: 'organization',
        subtype: 'news-publisher',
        name: 'Harbor Gazette',
        aliases: [],
        summary: 'Invented newspaper that publishes both fixture texts.',
        wikidata: 'Q4115189',
        mentions: [expect.objectContaining({ document: 'fixture-a', paragraph: 2 })],
        relationCounts: [{ type: 'HOLDS_OFFICE', direction: 'in', count: 1 }],
      });
    });

    it('omits absent optional fields and orders mentions by document, then offset', async () => {
      const e = (await store().getEntity('vardania'))!;
      expectShape(EntityDetail, e);
      expect(e).not.toHaveProperty('wikidata');
      expect(e).not.toHaveProperty('validFrom');
      expect(e).not.toHaveProperty('time');
      expect(e.aliases).toEqual(['Republic of Vardania', 'Vardan Republic']);
      expect(e.mentions.map((m) => m.document)).toEqual(['fixture-a', 'fixture-a', 'fixture-a', 'fixture-b', 'fixture-b']);
      const texts = { 'fixture-a': fixtureText('tests/fixtures/fixture-a.txt'), 'fixture-b': fixtureText('tests/fixtures/fixture-b.txt') };
      for (const m of e.mentions) expect(texts[m.document as keyof typeof texts].slice(m.start, m.end)).toBe('Vardania');
      const starts = (doc: string) => e.mentions.filter((m) => m.document === doc).map((m) => m.start);
      expect(starts('fixture-a')).toEqual([...starts('fixture-a')].sort((x, y) => x - y));
      expect(e.mentions.map((m) => m.paragraph)).toEqual([1, 3, 8, 4, 5]);
    });

    it('counts relations per type and direction, sorted by type then direction', async () => {
      const counts = async (id: string) => (await store().getEntity(id))!.relationCounts;
      expect(await counts('vardania')).toEqual([
        { type: 'DISPUTES', direction: 'out', count: 1 },
        { type: 'ENGAGED_WITH', direction: 'out', count: 1 },
        { type: 'HOLDS_OFFICE', direction: 'in', count: 1 },
        { type: 'LOCATED_IN', direction: 'in', count: 1 },
        { type: 'MEMBER_OF', direction: 'out', count: 1 },
        { type: 'PART_OF', direction: 'in', count: 1 },
        { type: 'RIVAL_OF', direction: 'in', count: 1 },
        { type: 'SUPPORTED', direction: 'in', count: 1 },
      ]);
      expect(await counts('bren-okafor')).toEqual([
        { type: 'HOLDS_OFFICE', direction: 'out', count: 1 },
        { type: 'MET', direction: 'in', count: 2 },
        { type: 'PARTICIPATED_IN', direction: 'out', count: 1 },
        { type: 'VISITED', direction: 'out', count: 1 },
      ]);
      // plain string order: "PARTICIPATED_IN" < "PART_OF" because 'I' < '_'
      expect(await counts('vardanian-navy')).toEqual([
        { type: 'PARTICIPATED_IN', direction: 'out', count: 1 },
        { type: 'PART_OF', direction: 'out', count: 1 },
      ]);
      // the self-loop civic-union-infighting is both out and in
      expect(await counts('civic-union-party')).toEqual([
        { type: 'MEMBER_OF', direction: 'in', count: 1 },
        { type: 'OPPOSED', direction: 'in', count: 1 },
        { type: 'OPPOSED', direction: 'out', count: 1 },
        { type: 'PARTICIPATED_IN', direction: 'out', count: 1 },
      ]);
      expect(await counts('ember-reach')).toEqual([]);
    });

    it('returns the time status and dates of an event', async () => {
      const e = (await store().getEntity('halden-summit'))!;
      expect(e).toMatchObject({ time: 'dated', validFrom: '2014-03-15', validTo: '2014-03-16', kind: 'event', subtype: 'meeting' });
      expect(e).not.toHaveProperty('ongoing');
      const g = (await store().getEntity('gray-tide-exercise'))!;
      expect([g.validFrom, g.validTo]).toEqual(['2013-11', '2014-01']);
    });

    it('merges an entity defined by both bundles, keeping only real mentions', async () => {
      const gazette = (await store().getEntity('harbor-gazette'))!;
      expect(gazette.mentions).toHaveLength(1); // declared in fixture-b too, but not named there
      const roth = (await store().getEntity('anika-roth'))!;
      expect(roth.mentions.map((m) => m.document)).toEqual(['fixture-a', 'fixture-a', 'fixture-b']);
    });

    it('returns null for an unknown id', async () => {
      expect(await store().getEntity('no-such-entity')).toBeNull();
    });
  });
}
