// Every filter of every list endpoint, over HTTP, on each store: each returned item satisfies the filter,
// and the filter really narrows the answer. Paging walks are complete and duplicate-free.
import type { FastifyInstance } from 'fastify';
import { appFactories } from '../helpers/app';

type Ref = { id: string; kind: string };
type Rel = { id: string; type: string; subject: Ref; object: Ref; validFrom?: string; validTo?: string; modality: string; assertedBy: Ref };

// Independent of src/graph/dates.ts: a partial date's first and last possible day, as text.
const first = (d?: string) => (d ? (d + '-01-01').slice(0, 10) : '0000-01-01');
const last = (d?: string) => (d ? (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d) : '9999-12-31');
const validOn = (r: { validFrom?: string; validTo?: string }, day: string) => first(r.validFrom) <= day && last(r.validTo) >= day;

describe.each(appFactories())('filters and paging over HTTP (%s store)', (_label, makeApp) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(async () => app?.close());
  const get = async (url: string) => {
    const res = await app.inject(url);
    expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
    return res.json();
  };
  const all = async (url: string) => (await get(`${url}${url.includes('?') ? '&' : '?'}limit=100`)).items;

  test.each([
    ['kind=person', (e: Ref & { subtype: string }) => e.kind === 'person'],
    ['kind=person&kind=place', (e: Ref) => ['person', 'place'].includes(e.kind)],
    ['subtype=city', (e: { subtype: string }) => e.subtype === 'city'],
    ['prefix=MASU', (e: { name: string; aliases: string[] }) => [e.name, ...e.aliases].some((n) => n.toLowerCase().startsWith('masu'))],
  ])('/entities?%s', async (qs, keep) => {
    const everything = await get('/entities?limit=1');
    const page = await get(`/entities?${qs}&limit=100`);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every(keep)).toBe(true);
    expect(page.total).toBe(page.items.length);
    expect(page.total).toBeLessThan(everything.total);
  });

  test.each([
    ['direction=out', (r: Rel) => r.subject.id === 'yoichi-masuzoe'],
    ['direction=in', (r: Rel) => r.object.id === 'yoichi-masuzoe'],
    ['type=MEMBER_OF&type=FOUNDED', (r: Rel) => ['MEMBER_OF', 'FOUNDED'].includes(r.type)],
    ['counterpartKind=person', (r: Rel) => (r.subject.id === 'yoichi-masuzoe' ? r.object : r.subject).kind === 'person'],
    ['modality=intention', (r: Rel) => r.modality === 'intention'],
    ['asOf=2010-06-01', (r: Rel) => validOn(r, '2010-06-01')],
    ['since=2014-04-26', (r: Rel) => last(r.validTo) >= '2014-04-26'],
    ['until=2009', (r: Rel) => first(r.validFrom) <= '2009-12-31'],
  ])('/entities/yoichi-masuzoe/relations?%s', async (qs, keep) => {
    const everything = await all('/entities/yoichi-masuzoe/relations');
    const items = await all(`/entities/yoichi-masuzoe/relations?${qs}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every(keep)).toBe(true);
    expect(items.length).toBeLessThan(everything.length);
    // And nothing that passes the filter was left out.
    expect(items.length).toBe(everything.filter(keep).length);
  });

  test.each([
    ['type=HOLDS_OFFICE', (r: Rel) => r.type === 'HOLDS_OFFICE'],
    ['subject=china', (r: Rel) => r.subject.id === 'china'],
    ['object=japan', (r: Rel) => r.object.id === 'japan'],
    ['entity=beijing', (r: Rel) => r.subject.id === 'beijing' || r.object.id === 'beijing'],
    ['modality=assessment', (r: Rel) => r.modality === 'assessment'],
    ['assertedBy=yoichi-masuzoe', (r: Rel) => r.assertedBy.id === 'yoichi-masuzoe'],
    ['asOf=1970', (r: Rel) => first(r.validFrom) <= '1970-12-31' && last(r.validTo) >= '1970-01-01'],
  ])('/relations?%s', async (qs, keep) => {
    const total = (await get('/relations?limit=1')).total;
    const page = await get(`/relations?${qs}&limit=100`);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every(keep)).toBe(true);
    expect(page.total).toBeLessThan(total);
  });

  test('a filter naming an unknown entity is a 400 naming the parameter', async () => {
    const res = await app.inject('/relations?subject=nobody-at-all');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].name).toBe('subject');
  });

  test('neighbourhood: depth widens, type and asOf narrow the edges', async () => {
    const d1 = await get('/entities/wang-anshun/neighbourhood?depth=1');
    const d2 = await get('/entities/wang-anshun/neighbourhood?depth=2');
    expect(d2.nodes.length).toBeGreaterThan(d1.nodes.length);
    const typed = await get('/entities/wang-anshun/neighbourhood?depth=2&type=HOLDS_OFFICE&type=LOCATED_IN');
    expect(typed.edges.length).toBeGreaterThan(0);
    expect(typed.edges.every((r: Rel) => ['HOLDS_OFFICE', 'LOCATED_IN'].includes(r.type))).toBe(true);
    const dated = await get('/entities/wang-anshun/neighbourhood?depth=2&asOf=2008-08-08');
    expect(dated.edges.every((r: Rel) => validOn(r, '2008-08-08'))).toBe(true);
    expect(dated.edges.length).toBeLessThan(d2.edges.length);
  });

  test('paths: maxHops cuts, type filters and asOf hide relations', async () => {
    expect((await get('/paths?from=hu-deping&to=shinzo-abe&maxHops=2')).paths).toEqual([]);
    const met = await get('/paths?from=hu-deping&to=yasuo-fukuda&type=MET');
    expect(met.paths[0].hops.map((h: { relation: Rel }) => h.relation.type)).toEqual(['MET']);
    // The meeting happened on 2014-03-06 only: on another day the MET hop does not exist.
    const later = await get('/paths?from=hu-deping&to=yasuo-fukuda&type=MET&asOf=2014-03-07');
    expect(later.paths).toEqual([]);
  });

  test('search: kind filter and limit', async () => {
    const events = await get('/search?q=olympics&kind=event&limit=2');
    expect(events.items).toHaveLength(2);
    expect(events.items.every((h: { entity: Ref }) => h.entity.kind === 'event')).toBe(true);
  });

  test('timeline: entity, itemType and type filters', async () => {
    const mine = await all('/timeline?entity=yoichi-masuzoe');
    expect(mine.length).toBeGreaterThan(0);
    for (const item of mine) {
      if (item.itemType === 'relation') expect([item.relation.subject.id, item.relation.object.id]).toContain('yoichi-masuzoe');
    }
    const rels = await all('/timeline?itemType=relation&type=HOLDS_OFFICE');
    expect(rels.length).toBeGreaterThan(0);
    expect(rels.every((i: { itemType: string; relation: Rel }) => i.itemType === 'relation' && i.relation.type === 'HOLDS_OFFICE')).toBe(true);
    const events = await all('/timeline?itemType=event');
    expect(events.every((i: { itemType: string }) => i.itemType === 'event')).toBe(true);
  });

  test.each(['/relations', '/timeline', '/entities/japan/relations'])('paging %s at limit 9: complete, no duplicates', async (url) => {
    const seen: string[] = [];
    let page = await get(`${url}?limit=9`);
    const total = page.total;
    seen.push(...page.items.map((i: { id: string }) => i.id));
    while (page.nextCursor) {
      page = await get(`${url}?limit=9&cursor=${page.nextCursor}`);
      seen.push(...page.items.map((i: { id: string }) => i.id));
    }
    expect(total).toBeGreaterThan(9);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});
