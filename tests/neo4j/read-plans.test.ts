// Reads about one entity on Neo4j start from that entity (their cost follows its degree), never from a
// scan of every entity or relation: its timeline, and the relation pages filtered by entity, subject or
// object; the whole graph's timeline page on a large graph walks indexes. The answers themselves are
// checked against the memory store by the contract suites.
import neo4j, { type Driver, type ResultSummary } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { writeBundles } from '../../src/graph/neo4j/load';
import { mapRelation } from '../../src/graph/neo4j/mapper';
import { typesParam, windowParams } from '../../src/graph/neo4j/params';
import {
  LIST_ANCHORED_RELATIONS_ONE,
  LIST_TIMELINE_BY_BAND_ONE,
  LIST_TIMELINE_OF_ENTITY_ONE,
  LIST_TIMELINE_ONE,
  TIMELINE_PAGE_BY_TYPE,
  TIMELINE_WINDOW_BY_BAND,
  BAND_OWNERS,
  TIMELINE_ITEM_AT,
} from '../../src/graph/neo4j/queries';
import { ALL_BANDS } from '../../src/graph/neo4j/overlap';
import { bandRanges } from '../../src/graph/neo4j/timeline';
import { RELATION_TYPE_NAMES } from '../../src/schemas/vocabulary';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, openTestDriver, settleStatistics } from '../helpers/neo4j';

type Plan = Exclude<ResultSummary['plan'], false>;
/** A page's rows: the records after the first, a few per record (queries.pageInOne). */
const rowsOf = (records: Array<{ get(key: string): unknown }>) => records.slice(1).flatMap((r) => r.get('items') as unknown[]);
const operators = (plan: Plan): string[] => [plan.operatorType.split('@')[0]!, ...plan.children.flatMap(operators)];
const scans = (plan: Plan) => operators(plan).filter((op) => /Scan/.test(op));

describeNeo4j('Neo4j read plans', () => {
  let driver: Driver;
  const params = (entity: string | null, window = {}) => ({
    types: typesParam(undefined),
    ...windowParams(window),
    entity,
    document: '',
    wantEvents: true,
    wantRelations: true,
    after: '',
    limit: neo4j.int(11),
    ids: entity ? [entity] : [],
    countTotal: true,
  });

  beforeAll(async () => {
    driver = openTestDriver();
    await writeBundles(driver, bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile), { reset: true });
    // Plans follow the database's statistics: on a fresh database they still say "empty" (every index scan
    // looks free) until resampled.
    await settleStatistics(driver);
  });
  afterAll(async () => driver?.close());

  it("reads one entity's timeline, page and total, from the entity: no scan", async () => {
    for (const window of [{}, { since: '2014-03', until: '2014-05', possible: true }]) {
      for (const query of Object.values(LIST_TIMELINE_OF_ENTITY_ONE)) {
        const { summary } = await driver.executeQuery(`EXPLAIN ${query}`, params('anika-roth', window));
        expect(scans(summary.plan as Plan)).toEqual([]);
      }
    }
  });

  it('gives the same page from the anchored statement as from the whole-graph one filtered by hand', async () => {
    const { records } = await driver.executeQuery('MATCH (e:Entity) RETURN e.id AS id ORDER BY id');
    const whole = await driver.executeQuery(LIST_TIMELINE_ONE, { ...params(null), limit: neo4j.int(1000) });
    const all = (rowsOf(whole.records) as unknown[][]).map((i) => ({
      key: i[TIMELINE_ITEM_AT.key] as string,
      relation: i[TIMELINE_ITEM_AT.relation] === null ? null : mapRelation(i[TIMELINE_ITEM_AT.relation]),
    }));
    expect(all.length).toBeGreaterThan(5);
    let nonEmpty = 0;
    for (const { id } of records.map((r) => r.toObject() as { id: string })) {
      const { records: answer } = await driver.executeQuery(LIST_TIMELINE_OF_ENTITY_ONE.filtered, { ...params(id), limit: neo4j.int(1000) });
      // without a filter, the form without the tests gives the same page
      const { records: every } = await driver.executeQuery(LIST_TIMELINE_OF_ENTITY_ONE.every, { ...params(id), limit: neo4j.int(1000) });
      expect(JSON.stringify(every.map((r) => r.toObject()))).toBe(JSON.stringify(answer.map((r) => r.toObject())));
      const rec = answer[0];
      const keys = (rowsOf(answer) as unknown[][]).map((r) => r[TIMELINE_ITEM_AT.key]);
      const touching = all.filter((i) => i.relation && (i.relation.subject.id === id || i.relation.object.id === id)).map((i) => i.key);
      expect(keys).toEqual(expect.arrayContaining(touching));
      expect(Number(rec!.get('total'))).toBe(keys.length);
      if (keys.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(3);
  });

  it('reads the relation page of an entity, a subject or an object from it: no scan', async () => {
    const relationParams = (anchor: Record<string, string>) => ({
      types: typesParam(undefined),
      ...windowParams({}),
      subject: null,
      object: null,
      modalities: null,
      assertedBy: null,
      document: '',
      endpointKinds: null,
      entity: null,
      direction: 'both',
      counterpartKinds: null,
      ...anchor,
      after: '',
      limit: neo4j.int(11),
      ids: Object.values(anchor),
      countTotal: true,
    });
    const anchors: Array<Record<string, string>> = [{ entity: 'anika-roth' }, { subject: 'anika-roth' }, { object: 'anika-roth' }, { subject: 'anika-roth', object: 'bren-okafor' }];
    for (const anchor of anchors) {
      for (const query of Object.values(LIST_ANCHORED_RELATIONS_ONE)) {
        const { summary } = await driver.executeQuery(`EXPLAIN ${query}`, relationParams(anchor));
        expect(scans(summary.plan as Plan)).toEqual([]);
      }
    }
  });

  const everyBand = Object.fromEntries(BAND_OWNERS.map((owner) => [owner, ALL_BANDS]));
  const WINDOWS = [
    { since: '2014-03', until: '2014-05' },
    { asOf: '2014-04-24' },
    { since: '2014-02', until: '2014-06', possible: true },
    { since: '2013' },
    { until: '2013-06', possible: true },
    { asOf: '1990' },
  ];

  it("reads the whole graph's timeline in a window by band, from the overlap indexes: no label or type scan", async () => {
    for (const window of WINDOWS) {
      const p = params(null, window);
      const { summary } = await driver.executeQuery(`EXPLAIN ${TIMELINE_WINDOW_BY_BAND}`, { ...p, bands: bandRanges(everyBand, p.since, p.until) });
      const ops = operators(summary.plan as Plan);
      // Each type's ranges are read from an index in key order: a seek per band, or (for a type with a
      // handful of relations, as the planner sometimes prefers on the small fixture) an ordered index scan;
      // never a scan of a label or a relationship type.
      expect(ops.filter((op) => /Scan/.test(op) && op !== 'DirectedRelationshipIndexScan')).toEqual([]);
      expect(ops.filter((op) => /^DirectedRelationshipIndex(SeekByRange|Scan)$/.test(op))).toHaveLength(RELATION_TYPE_NAMES.length);
      expect(ops.filter((op) => /^NodeIndex(SeekByRange|Scan)$/.test(op))).toHaveLength(1);
    }
  });

  it('gives the same timeline pages and totals in a window by band as by scanning every item', async () => {
    const pagesOf = async (query: string, window: object, byBand: boolean) => {
      const keys: string[] = [];
      const totals: number[] = [];
      let after = '';
      for (let i = 0; i < 50; i++) {
        const p = { ...params(null, window), after, limit: neo4j.int(4) };
        const { records } = await driver.executeQuery(query, byBand ? { ...p, bands: bandRanges(everyBand, p.since, p.until, after) } : p);
        totals.push(Number(records[0]!.get('total')));
        const page = (rowsOf(records) as unknown[][]).map((r) => r[TIMELINE_ITEM_AT.key] as string);
        keys.push(...page.slice(0, 3));
        if (page.length < 4) break;
        after = page[2]!;
      }
      return { keys, totals };
    };
    let nonEmpty = 0;
    for (const window of WINDOWS) {
      const scanned = await pagesOf(LIST_TIMELINE_ONE, window, false);
      expect(await pagesOf(LIST_TIMELINE_BY_BAND_ONE, window, true)).toEqual(scanned);
      if (scanned.keys.length > 3) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(2);
  });

  it("walks the whole graph's timeline page, relations per type, in key order from indexes: no scan", async () => {
    for (const window of [{}, { since: '2014-03', until: '2014-05' }]) {
      const { summary } = await driver.executeQuery(`EXPLAIN ${TIMELINE_PAGE_BY_TYPE}`, params(null, window));
      const ops = operators(summary.plan as Plan);
      // Each branch reads its type's timelineKey index in key order (a seek from the cursor or, as the planner
      // sometimes prefers on a fresh database, an ordered index scan), stopped by its Limit: never a scan of
      // a label or a relationship type, and no sort but the union's.
      expect(ops.filter((op) => /Scan/.test(op) && !/^DirectedRelationshipIndexScan$/.test(op))).toEqual([]);
      expect(ops.filter((op) => /^DirectedRelationshipIndex(Seek|Scan)/.test(op))).toHaveLength(RELATION_TYPE_NAMES.length);
      expect(ops.filter((op) => op === 'Top')).toHaveLength(1);
    }
  });
});
