// Every filter of every list endpoint, over HTTP, on each store: each returned item satisfies the filter,
// and the filter really narrows the answer. Paging walks are complete and duplicate-free.
import { appFactories } from '../helpers/app';
import { appUnderTest } from '../helpers/http';
import { RELATION_TYPES, type RelationType } from '../../src/schemas/vocabulary';

type Ref = { id: string; kind: string };
type Rel = {
  id: string; type: RelationType; subject: Ref; object: Ref; time: string; validFrom?: string; validTo?: string; ongoing?: true;
  modality: string; assertedBy: Ref; timeMatch?: string; requestedEnd?: string;
};

// Independent of src/graph/dates.ts and src/graph/rules: a partial date's first and last possible day,
// as text ("2014-02-31" is a fine upper bound: no real day lies between it and the 28th).
const first = (d: string) => (d + '-01-01').slice(0, 10);
const last = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);
const [EVER, NEVER] = ['0000-01-01', '9999-12-31'];
const PUBLISHED = '2014-04-23'; // the article's publication day
const lo = (a: string, b: string) => (a < b ? a : b);
const hi = (a: string, b: string) => (a > b ? a : b);
/** [earliest start, latest start, earliest end, latest end] by the time model of docs/data-model.md. */
function bounds(r: Rel): [string, string, string, string] {
  const f = r.validFrom;
  const t = r.validTo;
  if (r.time === 'timeless') return [EVER, EVER, NEVER, NEVER];
  if (r.time === 'observed') return [f ? first(f) : EVER, f ? lo(last(f), PUBLISHED) : PUBLISHED, t ? hi(first(t), PUBLISHED) : PUBLISHED, t ? last(t) : NEVER];
  if (f && t) return [first(f), last(f), first(t), last(t)];
  if (t) return [EVER, last(t), first(t), last(t)];
  if (r.ongoing) return [first(f!), last(f!), hi(first(f!), PUBLISHED), NEVER];
  return [first(f!), last(f!), first(f!), last(f!)];
}
const known = (r: Rel, since: string, until: string) => {
  const [, maxStart, minEnd] = bounds(r);
  return maxStart <= until && minEnd >= since;
};
const possible = (r: Rel, since: string, until: string) => {
  const [minStart, , , maxEnd] = bounds(r);
  return minStart <= until && maxEnd >= since;
};
/** Kept when known by default, known or possible with possible=true; a returned item is marked which (an unfiltered one is not). */
const inWindow = (since: string, until: string, withPossible = false) => (r: Rel) =>
  known(r, since, until)
    ? (r.timeMatch ?? 'known') === 'known'
    : withPossible && possible(r, since, until) && (r.timeMatch ?? 'possible') === 'possible';
const symmetric = (r: Rel) => RELATION_TYPES[r.type].symmetric;
const M = 'yoichi-masuzoe';

describe.each(appFactories())('filters and paging over HTTP (%s store)', (_label, makeApp) => {
  const { get, app: appOf } = appUnderTest(makeApp);
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
    ['direction=out', (r: Rel) => (r.subject.id === M || (symmetric(r) && r.object.id === M)) && r.requestedEnd === (r.subject.id === M ? 'subject' : 'object')],
    ['direction=in', (r: Rel) => (r.object.id === M || (symmetric(r) && r.subject.id === M)) && r.requestedEnd === (r.subject.id === M && symmetric(r) ? 'subject' : 'object')],
    ['type=MEMBER_OF&type=FOUNDED', (r: Rel) => ['MEMBER_OF', 'FOUNDED'].includes(r.type)],
    ['counterpartKind=person', (r: Rel) => (r.subject.id === M ? r.object : r.subject).kind === 'person'],
    ['modality=intention', (r: Rel) => r.modality === 'intention'],
    ['asOf=2014-04-23', inWindow('2014-04-23', '2014-04-23')],
    ['asOf=2014-04-23&possible=true', inWindow('2014-04-23', '2014-04-23', true)],
    ['asOf=2014-02', inWindow('2014-02-01', last('2014-02'))],
    ['asOf=2014-02&possible=true', inWindow('2014-02-01', last('2014-02'), true)],
    ['since=2014-04-26&possible=true', inWindow('2014-04-26', NEVER, true)],
    ['until=2009&possible=true', inWindow(EVER, '2009-12-31', true)],
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
    ['subject=china', (r: Rel) => r.subject.id === 'china' || (symmetric(r) && r.object.id === 'china')],
    ['object=japan', (r: Rel) => r.object.id === 'japan' || (symmetric(r) && r.subject.id === 'japan')],
    ['type=MET&subject=yasuo-fukuda', (r: Rel) => r.type === 'MET' && [r.subject.id, r.object.id].includes('yasuo-fukuda')],
    ['entity=beijing', (r: Rel) => r.subject.id === 'beijing' || r.object.id === 'beijing'],
    ['modality=assessment', (r: Rel) => r.modality === 'assessment'],
    ['assertedBy=yoichi-masuzoe', (r: Rel) => r.assertedBy.id === 'yoichi-masuzoe'],
    ['asOf=1970', inWindow('1970-01-01', '1970-12-31')],
    ['asOf=1970&possible=true', inWindow('1970-01-01', '1970-12-31', true)],
  ])('/relations?%s', async (qs, keep) => {
    const total = (await get('/relations?limit=1')).total;
    const page = await get(`/relations?${qs}&limit=100`);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every(keep)).toBe(true);
    expect(page.total).toBeLessThan(total);
  });

  test('a filter naming an unknown entity is a 400 naming the parameter', async () => {
    const res = await appOf().inject('/relations?subject=nobody-at-all');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].name).toBe('subject');
  });

  test.each([
    ['/relations?asOf=2014-02-30', 'asOf'],
    ['/entities/japan/relations?since=2013-02-29', 'since'],
    ['/entities/japan/neighbourhood?until=2014-04-31', 'until'],
    ['/timeline?since=2014-01-01&until=2014-06-31', 'until'],
    ['/paths?from=hu-deping&to=shinzo-abe&asOf=1900-02-29', 'asOf'],
    ['/export/ndjson?asOf=2014-11-31', 'asOf'],
  ])('a day the calendar lacks is a 400 naming the parameter: %s', async (url, parameter) => {
    const res = await appOf().inject(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual([expect.objectContaining({ in: 'querystring', name: parameter })]);
  });

  test('neighbourhood: depth widens, type and asOf narrow the edges', async () => {
    const d1 = await get('/entities/wang-anshun/neighbourhood?depth=1');
    const d2 = await get('/entities/wang-anshun/neighbourhood?depth=2');
    expect(d2.nodes.length).toBeGreaterThan(d1.nodes.length);
    const typed = await get('/entities/wang-anshun/neighbourhood?depth=2&type=HOLDS_OFFICE&type=LOCATED_IN');
    expect(typed.edges.length).toBeGreaterThan(0);
    expect(typed.edges.every((r: Rel) => ['HOLDS_OFFICE', 'LOCATED_IN'].includes(r.type))).toBe(true);
    const dated = await get('/entities/wang-anshun/neighbourhood?depth=2&asOf=2008');
    expect(dated.edges.length).toBeGreaterThan(0);
    expect(dated.edges.every(inWindow('2008-01-01', '2008-12-31'))).toBe(true);
    expect(dated.edges.length).toBeLessThan(d2.edges.length);
    // on one day of 2008 the 2008 post is only possible
    const day = await get('/entities/wang-anshun/neighbourhood?depth=2&asOf=2008-08-08');
    expect(day.edges.every(inWindow('2008-08-08', '2008-08-08'))).toBe(true);
    const dayPossible = await get('/entities/wang-anshun/neighbourhood?depth=2&asOf=2008-08-08&possible=true');
    expect(dayPossible.edges.length).toBeGreaterThan(day.edges.length);
    expect(dayPossible.edges.every(inWindow('2008-08-08', '2008-08-08', true))).toBe(true);
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
