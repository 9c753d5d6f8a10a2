// validateBundle / readBundleFile / toGraphData messages, without Neo4j: each bad bundle is a mutated
// deep copy of a small valid one (the fixture bundle B), and the message must name the file, the record
// (by id), the field and the problem.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleError, readBundleFile, toGraphData, validateBundle } from '../../src/graph/data/bundle';
import type { Bundle } from '../../src/schemas/bundle';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FILE = 'fixture-b.json';
const base: Bundle = JSON.parse(readFileSync(join(FIXTURE_BUNDLE_DIR, FILE), 'utf8'));

function problemsOf(mutate: (b: Mutable) => void): string[] {
  const copy = structuredClone(base) as Mutable;
  mutate(copy);
  try {
    validateBundle(copy, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(BundleError);
    return (err as BundleError).problems;
  }
  throw new Error('the bundle was accepted');
}

describe('validateBundle', () => {
  it('accepts the valid bundle as it is', () => {
    expect(validateBundle(structuredClone(base), FILE).relations).toHaveLength(base.relations.length);
  });

  it.each<[string, (b: Mutable) => void, string[]]>([
    [
      'a dangling relation endpoint',
      (b) => (b.relations[0].object = 'no-such-entity'),
      [`${FILE}: relation "kestovar-plans-talks" field object: unknown entity "no-such-entity"`],
    ],
    [
      'an unknown assertedBy',
      (b) => (b.relations[2].assertedBy = 'nobody'),
      [`${FILE}: relation "vardania-disputes-tarvos" field assertedBy: unknown entity "nobody"`],
    ],
    [
      'a real-looking but impossible date',
      (b) => (b.relations[0].validFrom = '2014-02-30'),
      [`${FILE}: relation "kestovar-plans-talks" field validFrom: "2014-02-30" is not a real date`],
    ],
    [
      'an interval that ends before it starts',
      (b) => Object.assign(b.relations[0], { validFrom: '2015', validTo: '2014' }),
      [`${FILE}: relation "kestovar-plans-talks" field validTo: ends (2014) before it starts (2015)`],
    ],
    [
      'an evidence span past the end of the document',
      (b) => (b.relations[1].evidence[0].end = 999),
      [`${FILE}: relation "talks-target-tarvos" field evidence[0]: end 999 is past the document's 276 characters`],
    ],
    [
      'a mention that ends before it starts',
      (b) => Object.assign(b.entities[0].mentions[0], { start: 50, end: 40 }),
      [`${FILE}: entity "anika-roth" field mentions[0]: end 40 is not after start 50`],
    ],
    [
      'a paragraph past the last one',
      (b) => (b.entities[0].mentions[0].paragraph = 6),
      [`${FILE}: entity "anika-roth" field mentions[0]: paragraph 6 is past the document's 5 paragraphs`],
    ],
    ['a duplicate entity id', (b) => b.entities.push({ ...b.entities[0] }), [`${FILE}: entity "anika-roth" field id: duplicate id`]],
    [
      'a duplicate relation id',
      (b) => b.relations.push({ ...b.relations[0] }),
      [`${FILE}: relation "kestovar-plans-talks" field id: duplicate id`],
    ],
    [
      'a subtype of another kind',
      (b) => (b.entities[0].subtype = 'city'),
      [`${FILE}: entity "anika-roth" field subtype: "city" is not a subtype of person`],
    ],
    [
      'ends of kinds the relation type does not allow',
      (b) => Object.assign(b.relations[0], { type: 'DISPUTES', subject: 'anika-roth' }),
      [
        `${FILE}: relation "kestovar-plans-talks" field subject: a person cannot be the subject of DISPUTES (allowed: place, organization)`,
        `${FILE}: relation "kestovar-plans-talks" field object: a event cannot be the object of DISPUTES (allowed: place)`,
      ],
    ],
    [
      'a timeless relation with a date',
      (b) => (b.relations[1].validFrom = '2014'),
      [`${FILE}: relation "talks-target-tarvos" field validFrom: a timeless fact takes no dates (use time "dated" or "observed")`],
    ],
    [
      'a dated relation without any date',
      (b) => (b.relations[2].time = 'dated'),
      [`${FILE}: relation "vardania-disputes-tarvos" field time: a dated fact needs validFrom and/or validTo (use "observed" or "timeless" when the source gives no date)`],
    ],
    [
      'an ongoing relation with an end',
      (b) => Object.assign(b.relations[0], { ongoing: true, validTo: '2014-07' }),
      [`${FILE}: relation "kestovar-plans-talks" field ongoing: ongoing needs a lone validFrom (no validTo)`],
    ],
    [
      'an ongoing relation that is not dated',
      (b) => (b.relations[3].ongoing = true),
      [`${FILE}: relation "compact-backs-vardania" field ongoing: ongoing applies only to time "dated", not "observed"`],
    ],
    [
      'an event without a time status',
      (b) => delete b.entities[8].time,
      [`${FILE}: entity "islands-talks" field time: time status missing: state "timeless", "dated" or "observed"`],
    ],
    [
      'an event that is timeless but dated',
      (b) => (b.entities[8].time = 'timeless'),
      [`${FILE}: entity "islands-talks" field validFrom: a timeless fact takes no dates (use time "dated" or "observed")`],
    ],
    [
      'an alias that is another entity\'s name',
      (b) => b.entities[1].aliases.push('anika  ROTH'),
      [`${FILE}: entity "bren-okafor" field aliases: "anika roth" is also a name or alias of "anika-roth"`],
    ],
    [
      'an outside alias that only repeats an alias (dots and case do not count)',
      (b) => (b.entities[6].outsideAliases = ['N.C.']),
      [`${FILE}: entity "northern-compact" field outsideAliases: "N.C." is already a name or alias of this entity`],
    ],
    [
      'an outside alias that is another entity\'s alias',
      (b) => (b.entities[4].outsideAliases = ['Tarvos']),
      [`${FILE}: entity "tarvos-islands" field aliases: "tarvos" is also a name or alias of "kestovar"`],
    ],
    [
      'an unknown publisher',
      (b) => (b.document.publisher = 'nobody'),
      [`${FILE}: document "fixture-b" field publisher: unknown entity "nobody"`],
    ],
  ])('rejects %s', (_what, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  it.each<[string, (b: Mutable) => void, string]>([
    ['an unknown relation type', (b) => (b.relations[0].type = 'LOVES'), `${FILE}: relation "kestovar-plans-talks" field type: `],
    ['a malformed relation date', (b) => (b.relations[0].validFrom = '2014-13'), `${FILE}: relation "kestovar-plans-talks" field validFrom: `],
    ['a malformed entity date', (b) => (b.entities[8].validFrom = '14 June 2014'), `${FILE}: entity "islands-talks" field validFrom: `],
    ['a negative offset', (b) => (b.relations[0].evidence[0].start = -1), `${FILE}: relation "kestovar-plans-talks" field evidence.0.start: `],
    ['a bad evidence hash', (b) => (b.relations[0].evidence[0].sha256 = 'abc'), `${FILE}: relation "kestovar-plans-talks" field evidence.0.sha256: `],
    ['a missing field', (b) => delete b.relations[0].summary, `${FILE}: relation "kestovar-plans-talks" field (record): `],
    ['a relation without a time status', (b) => delete b.relations[1].time, `${FILE}: relation "talks-target-tarvos" field (record): must have required properties time`],
    ['an unknown time status', (b) => (b.relations[1].time = 'always'), `${FILE}: relation "talks-target-tarvos" field time: `],
    ['ongoing false', (b) => (b.relations[0].ongoing = false), `${FILE}: relation "kestovar-plans-talks" field ongoing: `],
    ['an id that is not a slug', (b) => (b.entities[0].id = 'Anika Roth'), `${FILE}: entity "Anika Roth" field id: `],
    ['an unexpected field', (b) => (b.relations[0].confidence = 0.9), `${FILE}: relation "kestovar-plans-talks" field `],
    // "from the source" has one spelling: the field left out.
    ['outsideKnowledge false', (b) => (b.relations[0].outsideKnowledge = false), `${FILE}: relation "kestovar-plans-talks" field outsideKnowledge: `],
  ])('rejects %s by schema, naming the record and field', (_what, mutate, prefix) => {
    const problems = problemsOf(mutate);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.startsWith(prefix)).toBe(true);
  });

  it.each<[string, (b: Mutable) => void, string]>([
    ['a malformed relation date', (b) => (b.relations[0].validFrom = '2014-13'), 'field validFrom: must be a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2014-04-24)'],
    ['an id that is not a slug', (b) => (b.entities[0].id = 'Anika Roth'), 'field id: must be an id of lowercase letters and digits, words joined by single hyphens (e.g. yoichi-masuzoe)'],
    ['a bad evidence hash', (b) => (b.relations[0].evidence[0].sha256 = 'abc'), 'field evidence.0.sha256: must be a SHA-256 written as 64 lowercase hex digits'],
    ['a bad Wikidata id', (b) => (b.entities[0].wikidata = 'Q0'), 'field wikidata: must be a Wikidata item id: Q and a number (e.g. Q17)'],
  ])('says in words what %s must look like, not the regular expression', (_what, mutate, ending) => {
    const problems = problemsOf(mutate);
    expect(problems[0]!.endsWith(ending)).toBe(true);
    expect(problems.join('\n')).not.toContain('pattern');
  });

  it.each<[string, (b: Mutable) => void, string]>([
    ['an empty outside alias list', (b) => (b.entities[0].outsideAliases = []), `${FILE}: entity "anika-roth" field outsideAliases: `],
    ['an empty outside alias', (b) => (b.entities[0].outsideAliases = ['']), `${FILE}: entity "anika-roth" field outsideAliases.0: `],
  ])('rejects %s by schema', (_what, mutate, prefix) => {
    const problems = problemsOf(mutate);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.startsWith(prefix)).toBe(true);
  });

  it('accepts time statuses and outside aliases and carries them into the graph data', () => {
    const copy = structuredClone(base) as Mutable;
    Object.assign(copy.relations[0], { time: 'dated', ongoing: true });
    copy.relations[1].time = 'timeless';
    copy.entities[6].outsideAliases = ['Compact of the North'];
    const data = toGraphData([validateBundle(copy, FILE)]);
    expect(data.relations.find((r) => r.id === 'kestovar-plans-talks')).toMatchObject({ time: 'dated', ongoing: true });
    expect(data.entities.find((e) => e.id === 'northern-compact')?.outsideAliases).toEqual(['Compact of the North']);
  });

  it('computes each relation\'s time keys from its status, dates and the publication date (2014-05)', () => {
    const data = toGraphData([validateBundle(structuredClone(base), FILE)]);
    const keys = Object.fromEntries(data.relations.map((r) => [r.id, Object.values(r.keys)]));
    expect(keys).toEqual({
      'kestovar-plans-talks': ['2014-06-01', '2014-06-30', '2014-06-01', '2014-06-30'], // a one-off in June 2014
      'talks-target-tarvos': ['2014-06-01', '2014-06-30', '2014-06-01', '2014-06-30'], // timeless: while its ends exist (the June talks)
      'vardania-disputes-tarvos': ['0000-01-01', '2014-05-31', '2014-05-01', '9999-12-31'], // observed in May 2014
      'compact-backs-vardania': ['2014-03-01', '2014-03-01', '2014-05-01', '9999-12-31'], // observed, with a start
    });
    expect(data.entities.find((e) => e.id === 'islands-talks')?.keys).toEqual({
      minStart: '2014-06-01', maxStart: '2014-06-30', minEnd: '2014-06-01', maxEnd: '2014-06-30',
    });
    expect(data.entities.find((e) => e.id === 'vardania')?.keys).toBeUndefined();
  });

  it('accepts outsideKnowledge true and carries it into the graph data', () => {
    const copy = structuredClone(base) as Mutable;
    copy.relations[1].outsideKnowledge = true;
    const data = toGraphData([validateBundle(copy, FILE)]);
    expect(data.relations.find((r) => r.id === 'talks-target-tarvos')?.outsideKnowledge).toBe(true);
    expect(data.relations.filter((r) => r.outsideKnowledge)).toHaveLength(1);
  });

  it('reports every problem of a bundle at once', () => {
    const problems = problemsOf((b) => {
      b.relations[0].object = 'ghost';
      b.relations[1].evidence[0].end = 999;
      b.entities.push({ ...b.entities[1] });
    });
    expect(problems).toHaveLength(3);
  });
});

describe('readBundleFile and toGraphData', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kg-bundle-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file when it is not JSON', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ "bundleVersion": 1,');
    expect(() => readBundleFile(path)).toThrow(BundleError);
    try {
      readBundleFile(path);
    } catch (err) {
      expect((err as BundleError).problems[0]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
    }
  });

  it('merges a relation stated by two bundles: one relation, both evidences and assertions, fields from the first', () => {
    const other = structuredClone(base) as Mutable;
    other.document.id = 'fixture-b-copy';
    other.relations[0].summary = 'Restated.';
    other.relations[0].modality = 'attributed';
    // Given in either order, the merge is the same (documents are taken in id order).
    for (const order of [[structuredClone(base), other as Bundle], [other as Bundle, structuredClone(base)]]) {
      const data = toGraphData(order);
      const r = data.relations.find((x) => x.id === 'kestovar-plans-talks')!;
      expect(data.relations.filter((x) => x.id === 'kestovar-plans-talks')).toHaveLength(1);
      expect(r.summary).toBe(base.relations[0]!.summary);
      expect(r.documents).toEqual(['fixture-b', 'fixture-b-copy']);
      expect(r.assertions.map((a) => [a.document, a.modality])).toEqual([
        ['fixture-b', base.relations[0]!.modality],
        ['fixture-b-copy', 'attributed'],
      ]);
      expect(r.evidence.map((e) => e.document)).toEqual([...base.relations[0]!.evidence.map(() => 'fixture-b'), ...base.relations[0]!.evidence.map(() => 'fixture-b-copy')]);
      expect(data.entities.find((e) => e.id === 'anika-roth')!.documents).toEqual(['fixture-b', 'fixture-b-copy']);
    }
  });

  it('rejects a relation id restated with other ends, an entity redefined with another kind, and a Wikidata id on two entities', () => {
    const other = structuredClone(base) as Mutable;
    other.document.id = 'fixture-b-copy';
    other.relations[0].object = other.relations[0].subject;
    expect(() => toGraphData([structuredClone(base), other as Bundle])).toThrow(
      /fixture-b-copy: relation "kestovar-plans-talks" field object: .* conflicts with .* in document "fixture-b"/,
    );
    const clash = structuredClone(base) as Mutable;
    clash.document.id = 'fixture-b-clash';
    clash.relations = [];
    clash.entities[0].kind = 'organization';
    clash.entities[0].subtype = 'military';
    expect(() => toGraphData([structuredClone(base), clash as Bundle])).toThrow(
      /fixture-b-clash: entity "anika-roth" field kind: "organization" conflicts with "person" in document "fixture-b"/,
    );
    const qid = structuredClone(base) as Mutable;
    qid.document.id = 'fixture-b-qid';
    qid.relations = [];
    qid.entities[0].wikidata = 'Q4115189'; // harbor-gazette's
    const gazette = base.entities.find((e) => e.id === 'harbor-gazette')!;
    expect(gazette.wikidata).toBe('Q4115189');
    expect(() => toGraphData([structuredClone(base), qid as Bundle])).toThrow(/Q4115189 already names entity "harbor-gazette"/);
  });

  it("keeps an entity's Wikidata id from whichever document gives it, and names that document in a clash", () => {
    const silent = structuredClone(base) as Mutable; // fixture-b, first by id, without the gazette's QID
    const gazette = silent.entities.find((e: Mutable) => e.id === 'harbor-gazette')!;
    delete gazette.wikidata;
    const giving = structuredClone(base) as Mutable;
    giving.document.id = 'fixture-b-later';
    giving.relations = [];
    const merged = toGraphData([silent as Bundle, giving as Bundle]).entities.find((e) => e.id === 'harbor-gazette')!;
    expect(merged.documents).toEqual(['fixture-b', 'fixture-b-later']);
    expect(merged.summary).toBe(gazette.summary);
    expect(merged.wikidata).toBe('Q4115189');
    const clash = structuredClone(base) as Mutable;
    clash.document.id = 'fixture-c-qid';
    clash.relations = [];
    clash.entities = clash.entities.filter((e: Mutable) => e.id !== 'harbor-gazette');
    clash.entities[0].wikidata = 'Q4115189';
    expect(() => toGraphData([silent as Bundle, giving as Bundle, clash as Bundle])).toThrow(
      /fixture-c-qid: entity "anika-roth" field wikidata: Q4115189 already names entity "harbor-gazette" \(document "fixture-b-later"\)/,
    );
  });
});
