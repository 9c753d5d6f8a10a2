// "When" questions over the article graph, one HTTP call each, on every store: what is known in a
// window is returned by default, what only may hold needs possible=true, and nothing undated is
// stretched to forever. (The answers follow from the time model, not from one curation of the data.)
import { appFactories } from '../helpers/app';
import { appUnderTest } from '../helpers/http';

type Ref = { id: string };
type Rel = { id: string; type: string; subject: Ref; object: Ref; time: string; validFrom?: string; validTo?: string; timeMatch?: string };
type Item = { id: string; itemType: string; date: string; anchor: string; endDate?: string; timeMatch?: string; relation?: Rel; entity?: { id: string } };

describe.each(appFactories())('time questions (%s store)', (_label, makeApp) => {
  const { get } = appUnderTest(makeApp);

  test('every relation states its time status; no undated relation is known to hold in 1970', async () => {
    const all = (await get('/relations?limit=100')).total as number;
    const everything: Rel[] = [];
    for (let cursor = ''; ; ) {
      const page = await get(`/relations?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      everything.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(everything).toHaveLength(all);
    expect(everything.filter((r) => !['timeless', 'dated', 'observed'].includes(r.time))).toEqual([]);
    expect(everything.filter((r) => r.time === 'dated' && !r.validFrom && !r.validTo)).toEqual([]);
    const known: Rel[] = (await get('/relations?asOf=1970&limit=100')).items;
    expect(known.every((r) => r.time === 'timeless' || (r.time === 'dated' && r.timeMatch === 'known'))).toBe(true);
    expect(known.filter((r) => r.time === 'observed')).toEqual([]);
    const possible = await get('/relations?asOf=1970&possible=true&limit=1');
    expect(possible.total).toBeGreaterThan(known.length);
  });

  test('nobody is known to have led China in 2005 (Xi leads it from 2012)', async () => {
    const page = await get('/entities/china/relations?type=HOLDS_OFFICE&direction=in&asOf=2005-01-01');
    expect(page.items.map((r: Rel) => r.subject.id)).not.toContain('xi-jinping');
    const since2013 = await get('/entities/china/relations?type=HOLDS_OFFICE&direction=in&asOf=2013');
    expect(since2013.items.map((r: Rel) => [r.subject.id, r.timeMatch])).toContainEqual(['xi-jinping', 'known']);
  });

  test('Wang Anshun is not known to be mayor of Beijing in 2008', async () => {
    const page = await get('/entities/beijing/relations?type=HOLDS_OFFICE&direction=in&asOf=2008-06-01');
    expect(page.items.filter((r: Rel) => r.subject.id === 'wang-anshun' && /mayor/i.test(JSON.stringify(r)))).toEqual([]);
  });

  test('Masuzoe is known to be in at most one party at a time', async () => {
    for (const asOf of ['2008', '2011-01-01', '2014-04-23']) {
      const page = await get(`/entities/yoichi-masuzoe/relations?type=MEMBER_OF&direction=out&asOf=${asOf}`);
      expect(new Set(page.items.map((r: Rel) => r.object.id)).size).toBeLessThanOrEqual(1);
    }
  });

  test('an event dated only by its year (the 2012 crisis) is not in a 2014 window', async () => {
    const page = await get('/timeline?since=2014-03-01&until=2014-04-30&itemType=event&limit=100');
    const ids = page.items.map((i: Item) => i.id);
    expect(ids).not.toContain('senkaku-crisis-2012');
    expect(page.items.every((i: Item) => i.timeMatch === 'known')).toBe(true);
    const in2012 = await get('/timeline?asOf=2012&itemType=event&limit=100');
    expect(in2012.items.map((i: Item) => i.id)).toContain('senkaku-crisis-2012');
  });

  test('the timeline shows a term known only by its end, placed at that end', async () => {
    const page = await get('/timeline?entity=tokyo&type=HOLDS_OFFICE&itemType=relation&limit=100');
    const endOnly = page.items.filter((i: Item) => i.anchor === 'end');
    expect(endOnly.length).toBeGreaterThan(0);
    for (const i of endOnly) {
      expect(i.relation!.validFrom).toBeUndefined();
      expect(i.date).toBe(i.relation!.validTo);
      expect(i).not.toHaveProperty('endDate');
    }
  });

  test('a symmetric relation answers from either end (Hu Deping met Fukuda)', async () => {
    const asSubject = await get('/relations?type=MET&subject=yasuo-fukuda');
    expect(asSubject.items.map((r: Rel) => [r.subject.id, r.object.id])).toContainEqual(['hu-deping', 'yasuo-fukuda']);
    const theirs = await get('/entities/yasuo-fukuda/relations?type=MET&direction=out');
    expect(theirs.items.find((r: Rel) => r.subject.id === 'hu-deping')).toMatchObject({ requestedEnd: 'object' });
  });

  test('a windowed path uses only what is known in the window; possible=true widens it', async () => {
    // at the publication (2014-04-23) the present-tense facts are known; on the day of the March
    // meetings they only may hold, so only possible=true finds a path
    const atPublication = await get('/paths?from=hu-deping&to=shinzo-abe&asOf=2014-04-23&maxHops=4&k=10');
    expect(atPublication.paths.length).toBeGreaterThan(0);
    for (const p of atPublication.paths) for (const h of p.hops) expect(h.relation.timeMatch).toBe('known');
    const known = await get('/paths?from=hu-deping&to=shinzo-abe&asOf=2014-03-06&maxHops=4&k=10');
    for (const p of known.paths) for (const h of p.hops) expect(h.relation.timeMatch).toBe('known');
    const wider = await get('/paths?from=hu-deping&to=shinzo-abe&asOf=2014-03-06&maxHops=4&k=10&possible=true');
    expect(wider.paths.length).toBeGreaterThan(known.paths.length);
    for (const p of wider.paths) for (const h of p.hops) expect(['known', 'possible']).toContain(h.relation.timeMatch);
    expect(wider.paths.some((p: { hops: Array<{ relation: Rel }> }) => p.hops.some((h) => h.relation.timeMatch === 'possible'))).toBe(true);
  });
});
