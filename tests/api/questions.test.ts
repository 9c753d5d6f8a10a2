// The analyst questions of the README, each one HTTP call, answered from the article graph on every store.
import { appFactories } from '../helpers/app';
import { appUnderTest } from '../helpers/http';
import { RELATION_TYPES, type RelationType } from '../../src/schemas/vocabulary';

type Rel = { id: string; type: string; subject: { id: string }; object: { id: string }; validFrom?: string; validTo?: string; modality: string; assertedBy: { id: string }; evidence: Array<{ sha256: string; paragraph: number }> };

describe.each(appFactories())('analyst questions (%s store)', (_label, makeApp) => {
  const { get } = appUnderTest(makeApp);

  // Azuma's term is known only to end in 1967; Masuzoe's runs from 2014-02 and is known up to the
  // article's publication (2014-04-23), possible after it.
  test.each([
    ['1966-05-01', [], ['ryotaro-azuma']],
    ['1967', ['ryokichi-minobe', 'ryotaro-azuma'], []],
    ['1975-07-01', ['ryokichi-minobe'], []],
    ['1985', [], []],
    ['2005-01-01', ['shintaro-ishihara'], []],
    ['2014-04-23', ['yoichi-masuzoe'], []],
    ['2014-04-25', [], ['yoichi-masuzoe']],
  ])('who governed Tokyo as of %s? known %p, possible also %p', async (asOf, known, possible) => {
    const page = await get(`/entities/tokyo/relations?type=HOLDS_OFFICE&direction=in&asOf=${asOf}`);
    expect(page.items.map((r: Rel) => r.subject.id).sort()).toEqual(known);
    expect(page.total).toBe(known.length);
    const wider = await get(`/entities/tokyo/relations?type=HOLDS_OFFICE&direction=in&asOf=${asOf}&possible=true`);
    expect(wider.items.map((r: Rel & { timeMatch: string }) => [r.subject.id, r.timeMatch]).sort()).toEqual(
      [...known.map((id) => [id, 'known']), ...possible.map((id) => [id, 'possible'])].sort(),
    );
  });

  test('whom did Masuzoe meet, and when?', async () => {
    const page = await get('/entities/yoichi-masuzoe/relations?type=MET');
    const met = page.items.map((r: Rel) => [r.subject.id === 'yoichi-masuzoe' ? r.object.id : r.subject.id, r.validFrom, r.validTo]);
    expect(met).toEqual([['wang-anshun', '2014-04-24', '2014-04-27']]);
    expect(page.items[0].modality).toBe('intention');
  });

  test('whom did Hu Deping meet on 2014-03-06?', async () => {
    const page = await get('/entities/hu-deping/relations?type=MET&asOf=2014-03-06');
    expect(page.items.map((r: Rel) => r.object.id).sort()).toEqual(['tomiichi-murayama', 'yasuhiro-nakasone', 'yasuo-fukuda', 'yukio-hatoyama']);
    const none = await get('/entities/hu-deping/relations?type=MET&asOf=2014-03-07');
    expect(none.items).toEqual([]);
  });

  test('how is Hu Deping connected to Shinzo Abe, with evidence for each step?', async () => {
    const { paths } = await get('/paths?from=hu-deping&to=shinzo-abe&k=5');
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(p.nodes[0].id).toBe('hu-deping');
      expect(p.nodes[p.nodes.length - 1].id).toBe('shinzo-abe');
      expect(p.hops).toHaveLength(p.length);
      p.hops.forEach((hop: { from: string; to: string; relation: Rel }, i: number) => {
        expect(hop.from).toBe(p.nodes[i].id);
        expect(hop.to).toBe(p.nodes[i + 1].id);
        expect(hop.relation.evidence.length).toBeGreaterThan(0);
        expect(hop.relation.evidence[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
      });
    }
    // Hu Deping and Abe share no neighbour, and Xi (Hu's friend) refused the summit Abe refused: 3 hops.
    expect(paths[0].length).toBe(3);
    const lengths = paths.map((p: { length: number }) => p.length);
    expect([...lengths].sort()).toEqual(lengths);
    const viaSummit = paths.some((p: { nodes: Array<{ id: string }> }) => p.nodes.map((n) => n.id).join('>') === 'hu-deping>xi-jinping>xi-abe-summit>shinzo-abe');
    expect(viaSummit).toBe(true);
  });

  test('what happened between March and May 2014, in order?', async () => {
    const page = await get('/timeline?since=2014-03&until=2014-05&limit=100');
    const ids = page.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['hu-deping-former-pms-meeting-2014-03-06', 'masuzoe-tokyo-speech-2014-03-19', 'masuzoe-china-visit-2014-04']));
    expect(ids.indexOf('hu-deping-former-pms-meeting-2014-03-06')).toBeLessThan(ids.indexOf('masuzoe-tokyo-speech-2014-03-19'));
    expect(ids.indexOf('masuzoe-tokyo-speech-2014-03-19')).toBeLessThan(ids.indexOf('masuzoe-china-visit-2014-04'));
    expect(ids).not.toContain('summer-olympics-2020');
    expect(ids).not.toContain('japan-elections-2012');
    const starts = page.items.map((i: { date: string }) => i.date.padEnd(10, '-'));
    expect(starts.every((d: string) => d <= '2014-05-31')).toBe(true);
  });

  test('what does China believe, fear or claim? (statements asserted by China)', async () => {
    const page = await get('/relations?assertedBy=china');
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((r: Rel) => r.assertedBy.id === 'china' && r.modality === 'attributed')).toBe(true);
  });

  test('search finds names, aliases and typos', async () => {
    expect((await get('/search?q=Masuzoe')).items[0].entity.id).toBe('yoichi-masuzoe');
    expect((await get('/search?q=Ishihra')).items[0].entity.id).toBe('shintaro-ishihara');
    expect((await get('/search?q=senkaku&kind=place')).items[0].entity.id).toBe('senkaku-islands');
    const people = await get('/search?q=Tokyo&kind=person');
    expect(people.items.every((h: { entity: { kind: string } }) => h.entity.kind === 'person')).toBe(true);
  });

  test('every entity page walk is complete, ordered and without duplicates', async () => {
    const seen: string[] = [];
    let url = '/entities?limit=7';
    let total = 0;
    for (let guard = 0; guard < 50; guard++) {
      const page = await get(url);
      total = page.total;
      seen.push(...page.items.map((e: { id: string }) => e.id));
      if (!page.nextCursor) break;
      url = `/entities?limit=7&cursor=${page.nextCursor}`;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort()).toEqual(seen);
    const schema = await get('/schema');
    expect(schema.kinds.reduce((n: number, k: { count: number }) => n + k.count, 0)).toBe(total);
  });

  test('entity detail: mentions, external ids and relation counts agree with /relations', async () => {
    const e = await get('/entities/xi-jinping');
    expect(e.wikidata).toBe('Q15031');
    expect(e.mentions.length).toBeGreaterThan(0);
    // subject= matches the stored subject, and either end of a symmetric type
    const asSubject = e.relationCounts
      .filter((c: { type: RelationType; direction: string }) => c.direction === 'out' || RELATION_TYPES[c.type].symmetric)
      .reduce((n: number, c: { count: number }) => n + c.count, 0);
    expect((await get('/relations?subject=xi-jinping')).total).toBe(asSubject);
  });

  test('the neighbourhood respects its node budget and says it was cut', async () => {
    const full = await get('/entities/xi-jinping/neighbourhood?depth=2');
    expect(full.nodes[0].id).toBe('xi-jinping');
    const cut = await get('/entities/xi-jinping/neighbourhood?depth=2&maxNodes=5');
    expect(cut.nodes).toHaveLength(5);
    expect(cut.truncated).toBe(true);
    const ids = new Set(cut.nodes.map((n: { id: string }) => n.id));
    expect(cut.edges.every((r: Rel) => ids.has(r.subject.id) && ids.has(r.object.id))).toBe(true);
  });

  test('stats: the most connected entity has as many relations as /relations says', async () => {
    const stats = await get('/stats?top=3');
    expect(stats.mostConnected).toHaveLength(3);
    const top = stats.mostConnected[0];
    expect((await get(`/relations?entity=${top.entity.id}&limit=1`)).total).toBe(top.degree);
    expect(stats.mostConnected[1].degree).toBeLessThanOrEqual(top.degree);
  });

  test('documents carry the checksum of the source text', async () => {
    const { items } = await get('/documents');
    expect(items).toHaveLength(1);
    const doc = await get(`/documents/${items[0].id}`);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.publisher.id).toBe('stratfor');
    expect(doc.relationCount).toBe((await get('/relations?limit=1')).total);
  });
});
