// The Neo4j loader against a real server: idempotent re-runs, all-or-nothing validation, updates and
// removals, and a few facts of the article read back with Cypher.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import neo4j, { type Driver, type ResultSummary } from 'neo4j-driver';
import { BundleError, DEFAULT_BUNDLE_DIR, readBundleFile } from '../../src/graph/data/bundle';
import { ensureSchema, graphCounts, resetGraph, writeBundles, type Progress, type WriteSummary } from '../../src/graph/neo4j/load';
import * as W from '../../src/graph/neo4j/load/cypher';
import { DELETE_BATCHES_PER_STATEMENT, deleteInRounds } from '../../src/graph/neo4j/load/staged';
import type { Bundle } from '../../src/schemas/bundle';
import { generate } from '../../scripts/bench-scale';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, neo4jTestUri, openTestDriver } from '../helpers/neo4j';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ARTICLE = join(DEFAULT_BUNDLE_DIR, 'stratfor-2014-04-23-china-japan.json');
const fixture = (name: string): Bundle => JSON.parse(readFileSync(join(FIXTURE_BUNDLE_DIR, name), 'utf8'));
const total = (s: WriteSummary) => ({ nodes: s.nodes, relationships: s.relationships });

describeNeo4j('seed loader (Neo4j)', () => {
  let driver: Driver;

  beforeAll(async () => {
    driver = openTestDriver();
    await ensureSchema(driver);
  });

  afterAll(async () => {
    await driver?.close();
  });

  const cypher = async (query: string, params: Record<string, unknown> = {}) =>
    (await driver.executeQuery(query, params)).records.map((r) => r.toObject());

  describe('the article bundle', () => {
    let first: WriteSummary;
    let second: WriteSummary;
    let countsAfterFirst: { nodes: number; relationships: number };
    const progress: Progress['stage'][] = [];

    beforeAll(async () => {
      const article = readBundleFile(ARTICLE);
      first = await writeBundles(driver, [article], { reset: true, onProgress: (p) => progress.push(p.stage) });
      countsAfterFirst = await graphCounts(driver);
      second = await writeBundles(driver, [readBundleFile(ARTICLE)]);
    });

    it('creates every record on the first run', () => {
      const article = readBundleFile(ARTICLE);
      const [b] = first.bundles;
      expect(b!.entities).toEqual({ created: article.entities.length, updated: 0, unchanged: 0, deleted: 0 });
      expect(b!.relations).toEqual({ created: article.relations.length, updated: 0, unchanged: 0, deleted: 0 });
      expect(b!.documents.created).toBe(1);
      expect(countsAfterFirst).toEqual({
        nodes: article.entities.length + 1,
        relationships: article.relations.length + article.entities.length, // relations + one mention link per entity
      });
      expect(progress.filter((s) => s !== 'batch' && s !== 'cleanup')).toEqual(['validated', 'schema', 'writing', 'written', 'switched', 'reset']);
      expect(progress).toContain('batch');
    });

    it('changes and duplicates nothing on a second run', async () => {
      expect(await graphCounts(driver)).toEqual(countsAfterFirst);
      const all = (n: number) => ({ created: 0, updated: 0, unchanged: n, deleted: 0 });
      expect(total(second)).toEqual({ nodes: all(countsAfterFirst.nodes), relationships: all(countsAfterFirst.relationships) });
      const dupes = await cypher(`
        MATCH (e:Entity) WITH e.id AS id, count(*) AS n WHERE n > 1 RETURN id
        UNION ALL
        MATCH ()-[r]->() WHERE r.id IS NOT NULL WITH r.id AS id, count(*) AS n WHERE n > 1 RETURN id`);
      expect(dupes).toEqual([]);
    });

    it('stores Masuzoe as governor of Tokyo from February 2014, ongoing, with its time keys', async () => {
      const rows = await cypher(`
        MATCH (p:Entity:Person {id: 'yoichi-masuzoe'})-[r:HOLDS_OFFICE]->(t:Entity:Place {id: 'tokyo'})
        RETURN r.id AS id, r.role AS role, r.time AS time, r.validFrom AS validFrom, r.ongoing AS ongoing,
               [r.minStart, r.maxStart, r.minEnd, r.maxEnd] AS keys, r.modality AS modality, r.document AS document`);
      expect(rows).toEqual([
        {
          id: 'masuzoe-governor-of-tokyo',
          role: 'Governor of Tokyo',
          time: 'dated',
          validFrom: '2014-02',
          ongoing: true,
          // started in February 2014; known to last at least to the publication (2014-04-23); end unknown
          keys: ['2014-02-01', '2014-02-28', '2014-04-23', '9999-12-31'],
          modality: 'stated',
          document: 'stratfor-2014-04-23-china-japan-city-diplomacy',
        },
      ]);
    });

    it('stores Hu Deping as a child of Hu Yaobang, with evidence in the article', async () => {
      const [row] = await cypher(`
        MATCH (:Entity {id: 'hu-deping'})-[r:CHILD_OF]->(:Entity {id: 'hu-yaobang'}) RETURN r.id AS id, r.evidence AS evidence`);
      expect(row!.id).toBe('hu-deping-son-of-hu-yaobang');
      const evidence = JSON.parse(row!.evidence as string) as Array<{ document: string; paragraph: number; sha256: string }>;
      expect(evidence.length).toBeGreaterThan(0);
      expect(evidence[0]!.document).toBe('stratfor-2014-04-23-china-japan-city-diplomacy');
      expect(evidence[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('labels entities by kind and links the document to its publisher', async () => {
      const rows = await cypher(`
        MATCH (d:Document {id: 'stratfor-2014-04-23-china-japan-city-diplomacy'})
        MATCH (p:Entity:Organization {id: d.publisher})
        RETURN d.published AS published, p.subtype AS subtype,
               COUNT { (e:Entity)-[:MENTIONED_IN]->(d) } AS linked,
               COUNT { (x:Entity:Event) WHERE NOT x:Person AND NOT x:Place AND NOT x:Organization } AS events`);
      expect(rows[0]!.published).toBe('2014-04-23');
      expect(rows[0]!.subtype).toBe('news-publisher');
      expect(Number(rows[0]!.linked)).toBe(readBundleFile(ARTICLE).entities.length);
      expect(Number(rows[0]!.events)).toBe(readBundleFile(ARTICLE).entities.filter((e) => e.kind === 'event').length);
    });

    it('finds Masuzoe through the full-text index with a typo', async () => {
      const rows = await cypher(`CALL db.index.fulltext.queryNodes('entity_search', 'masuzo~1') YIELD node RETURN node.id AS id LIMIT 1`);
      expect(rows).toEqual([{ id: 'yoichi-masuzoe' }]);
    });
  });

  describe('bad bundles', () => {
    const small = fixture('fixture-b.json');
    const mutated = (mutate: (b: Mutable) => void): Bundle => {
      const copy = structuredClone(small) as Mutable;
      mutate(copy);
      return copy as Bundle;
    };
    let before: { nodes: number; relationships: number };

    beforeAll(async () => {
      await writeBundles(driver, [readBundleFile(ARTICLE)], { reset: true });
      before = await graphCounts(driver);
    });

    it.each<[string, (b: Mutable) => void, string]>([
      ['a dangling relation endpoint', (b) => (b.relations[0].object = 'ghost'), 'relation "kestovar-plans-talks" field object: unknown entity "ghost"'],
      ['an unknown relation type', (b) => (b.relations[0].type = 'LOVES'), 'relation "kestovar-plans-talks" field type: '],
      ['a malformed date', (b) => (b.relations[0].validFrom = '2014-6'), 'relation "kestovar-plans-talks" field validFrom: '],
      ['an impossible date', (b) => (b.entities[8].validFrom = '2014-02-30'), 'entity "islands-talks" field validFrom: "2014-02-30" is not a real date'],
      [
        'offsets out of range',
        (b) => (b.relations[1].evidence[0].end = 5000),
        `relation "talks-target-tarvos" field evidence[0]: end 5000 is past the document's 276 characters`,
      ],
      ['a duplicate entity id', (b) => b.entities.push({ ...b.entities[2] }), 'entity "oswin-quillfeather" field id: duplicate id'],
      ['a duplicate relation id', (b) => b.relations.push({ ...b.relations[3] }), 'relation "compact-backs-vardania" field id: duplicate id'],
    ])('rejects %s with a precise message and writes nothing', async (_what, mutate, message) => {
      const attempt = writeBundles(driver, [fixture('fixture-a.json'), { source: 'bad.json', bundle: mutated(mutate) }], { reset: true });
      const err = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BundleError);
      const problems = (err as BundleError).problems;
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]!.startsWith(`bad.json: ${message}`)).toBe(true);
      // Nothing written: neither the reset nor the valid bundle next to the bad one.
      expect(await graphCounts(driver)).toEqual(before);
      expect(await cypher(`MATCH (d:Document) WHERE d.id STARTS WITH 'fixture' RETURN d.id AS id`)).toEqual([]);
    });
  });

  describe('re-running with edited bundles', () => {
    beforeEach(async () => {
      await writeBundles(driver, [fixture('fixture-a.json'), fixture('fixture-b.json')], { reset: true });
    });

    it('updates what changed, deletes what the bundle dropped, keeps the rest', async () => {
      const before = await graphCounts(driver);
      const b = structuredClone(fixture('fixture-b.json')) as Mutable;
      b.relations[0].summary = 'Kestovar now plans the talks for the autumn.';
      b.relations = b.relations.filter((r: Mutable) => r.id !== 'compact-backs-vardania');
      const s = await writeBundles(driver, [fixture('fixture-a.json'), b as Bundle]);
      const [, second] = s.bundles;
      expect(second!.relations).toEqual({ created: 0, updated: 1, unchanged: 2, deleted: 1 });
      expect(s.bundles[0]!.relations.updated + s.bundles[0]!.relations.created + s.bundles[0]!.relations.deleted).toBe(0);
      expect(await graphCounts(driver)).toEqual({ nodes: before.nodes, relationships: before.relationships - 1 });
      expect(await cypher(`MATCH ()-[r:INITIATED {id: 'kestovar-plans-talks'}]->() RETURN r.summary AS summary`)).toEqual([
        { summary: 'Kestovar now plans the talks for the autumn.' },
      ]);
      expect(await cypher(`MATCH ()-[r {id: 'compact-backs-vardania'}]->() RETURN r.id`)).toEqual([]);
    });

    it('sets and clears outsideKnowledge as a relationship property that only true writes', async () => {
      const flag = `MATCH ()-[r {id: $id}]->() RETURN r.outsideKnowledge AS flag`;
      // roth-member-of-civic-union is flagged in the fixture; nothing else has the property.
      expect(await cypher(`MATCH ()-[r]->() WHERE r.outsideKnowledge IS NOT NULL RETURN r.id AS id, r.outsideKnowledge AS flag`)).toEqual([
        { id: 'roth-member-of-civic-union', flag: true },
      ]);
      const b = structuredClone(fixture('fixture-b.json')) as Mutable;
      b.relations[1].outsideKnowledge = true; // talks-target-tarvos
      const set = await writeBundles(driver, [fixture('fixture-a.json'), b as Bundle]);
      expect(set.bundles[1]!.relations).toEqual({ created: 0, updated: 1, unchanged: 3, deleted: 0 });
      expect(await cypher(flag, { id: 'talks-target-tarvos' })).toEqual([{ flag: true }]);

      const cleared = await writeBundles(driver, [fixture('fixture-a.json'), fixture('fixture-b.json')]);
      expect(cleared.bundles[1]!.relations).toEqual({ created: 0, updated: 1, unchanged: 3, deleted: 0 });
      expect(await cypher(flag, { id: 'talks-target-tarvos' })).toEqual([{ flag: null }]);
    });

    it('moves a relation whose ends changed instead of duplicating it', async () => {
      const b = structuredClone(fixture('fixture-b.json')) as Mutable;
      b.relations[2].subject = 'kestovar'; // vardania-disputes-tarvos, now claimed by Kestovar
      const s = await writeBundles(driver, [fixture('fixture-a.json'), b as Bundle]);
      expect(s.bundles[1]!.relations.updated).toBe(1);
      expect(await cypher(`MATCH (s)-[r:DISPUTES {id: 'vardania-disputes-tarvos'}]->() RETURN s.id AS subject`)).toEqual([{ subject: 'kestovar' }]);
    });

    it('removes an entity no bundle defines any more, with its relations', async () => {
      const b = structuredClone(fixture('fixture-b.json')) as Mutable;
      b.entities = b.entities.filter((e: Mutable) => e.id !== 'islands-talks');
      b.relations = b.relations.filter((r: Mutable) => r.subject !== 'islands-talks' && r.object !== 'islands-talks');
      const s = await writeBundles(driver, [fixture('fixture-a.json'), b as Bundle]);
      expect(s.bundles[1]!.entities.deleted).toBe(1);
      expect(s.bundles[1]!.mentions.deleted).toBe(1);
      expect(await cypher(`MATCH (e:Entity {id: 'islands-talks'}) RETURN e.id`)).toEqual([]);
      // an entity still defined by the other bundle stays
      expect(await cypher(`MATCH (e:Entity {id: 'tarvos-islands'}) RETURN e.id AS id`)).toEqual([{ id: 'tarvos-islands' }]);
    });
  });

  describe('reloads are atomic', () => {
    const ROOT = resolve(__dirname, '../..');
    let before: { nodes: number; relationships: number };
    const liveDocuments = async () => (await cypher('MATCH (d:Document) RETURN d.id AS id ORDER BY id')).map((r) => r.id);

    beforeAll(async () => {
      await writeBundles(driver, [fixture('fixture-a.json'), fixture('fixture-b.json')], { reset: true });
      before = await graphCounts(driver);
    });

    it('keeps the previous graph serving when `npm run seed -- --reset` is killed mid-write', async () => {
      // Tiny batches: the reload is many transactions; kill it once its first batch is committed.
      const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['seed/cli.ts', '--reset', '--batch', '5'], {
        cwd: ROOT,
        env: { ...process.env, NEO4J_URI: neo4jTestUri() },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
      await new Promise<void>((started, failed) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (/^batch .* relations/m.test(output)) started();
        });
        child.on('exit', () => failed(new Error(`the loader ended before writing relations:\n${output}`)));
      });
      process.kill(-child.pid!, 'SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(output).not.toMatch(/switched/);

      // The old graph, whole, is what the database serves; the staged half of the new one is invisible.
      expect(await graphCounts(driver)).toEqual(before);
      expect(await liveDocuments()).toEqual(['fixture-a', 'fixture-b']);
      const [staged] = await cypher('RETURN COUNT { (:StagedEntity) } AS n');
      expect(Number(staged!.n)).toBeGreaterThan(0);

      // The next reload cleans up what the killed one left, then switches.
      const stages: Progress[] = [];
      await writeBundles(driver, [readBundleFile(ARTICLE)], { reset: true, onProgress: (p) => stages.push(p) });
      expect(stages.find((p) => p.stage === 'cleanup')).toBeDefined();
      expect(await liveDocuments()).toEqual(['stratfor-2014-04-23-china-japan-city-diplomacy']);
      const [left] = await cypher('RETURN COUNT { (:StagedEntity) } + COUNT { (:StagedDocument) } + COUNT { (:Retired) } AS n');
      expect(Number(left!.n)).toBe(0);
    }, 60_000);

    it('plans the staged writes without an Eager (which would hold a whole batch before writing any of it)', async () => {
      type Plan = Exclude<ResultSummary['plan'], false>;
      const operators = (plan: Plan): string[] => [plan.operatorType.split('@')[0]!, ...plan.children.flatMap(operators)];
      const statements = [W.stageEntities('person', ['id', 'name']), W.stageMentions(['count', 'spans']), W.stageRelations(['id', 'summary'])];
      for (const statement of statements) {
        const { summary } = await driver.executeQuery(`EXPLAIN ${statement}`, { rows: [], doc: '' });
        const ops = operators(summary.plan as Plan);
        expect(ops).toContain('Create');
        expect(ops).not.toContain('Eager');
      }
    });

    it('writes a bundle bigger than one batch in several transactions, with the same result', async () => {
      await writeBundles(driver, [fixture('fixture-a.json'), fixture('fixture-b.json')], { reset: true, batchSize: 3 });
      expect(await graphCounts(driver)).toEqual(before);
      const b = structuredClone(fixture('fixture-b.json')) as Mutable;
      b.relations[0].summary = 'Kestovar now plans the talks for the autumn.';
      b.relations = b.relations.filter((r: Mutable) => r.id !== 'compact-backs-vardania');
      const batches: Progress[] = [];
      const s = await writeBundles(driver, [fixture('fixture-a.json'), b as Bundle], { batchSize: 1, onProgress: (p) => batches.push(p) });
      expect(s.bundles[1]!.relations).toEqual({ created: 0, updated: 1, unchanged: 2, deleted: 1 });
      expect(batches.filter((p) => p.stage === 'batch').length).toBeGreaterThan(0);
      expect(await graphCounts(driver)).toEqual({ nodes: before.nodes, relationships: before.relationships - 1 });
    });
  });

  describe('deleting a graph with hubs', () => {
    // Deletion batches far smaller than a hub's degree: each hub's relationships span several transactions.
    const BATCH = 20;
    const everything = async () => {
      const [row] = await cypher(`RETURN COUNT { (n) WHERE NOT n:GraphVersion } AS nodes, COUNT { ()-[]->() } AS relationships,
        COUNT { (:Retired) } + COUNT { (:StagedEntity) } + COUNT { (:StagedDocument) } AS leftovers`);
      return { nodes: Number(row!.nodes), relationships: Number(row!.relationships), leftovers: Number(row!.leftovers) };
    };
    const maxDegree = async () => Number((await cypher('MATCH (n) RETURN max(COUNT { (n)--() }) AS d'))[0]!.d);

    it('a reset reload over a graph with hubs leaves exactly the new graph', async () => {
      await writeBundles(driver, generate(300, 5, 2).bundles, { reset: true });
      expect(await maxDegree()).toBeGreaterThan(5 * BATCH);
      const next = generate(240, 6, 1);
      const s = await writeBundles(driver, next.bundles, { reset: true, deleteBatchSize: BATCH });
      const expected = { nodes: s.nodes.created, relationships: s.relationships.created };
      expect(expected.relationships).toBe(next.bundles.reduce((n, b) => n + b.relations.length + b.entities.length, 0));
      expect(await graphCounts(driver)).toEqual(expected);
      expect(await everything()).toEqual({ ...expected, leftovers: 0 });
    });

    it('cleans up a staged graph with hubs that a reload left, before the next one', async () => {
      // A staged graph as a killed reload leaves it: written beside the live one, never switched.
      const live = generate(200, 8, 1);
      await writeBundles(driver, live.bundles, { reset: true });
      const before = await everything();
      await driver.executeQuery('MATCH (n:Entity) REMOVE n:Entity SET n:StagedEntity');
      await driver.executeQuery('MATCH (n:Document) REMOVE n:Document SET n:StagedDocument');
      await writeBundles(driver, live.bundles); // a live graph again, beside the staged one (no reset: no clean-up)
      expect(await everything()).toEqual({ ...before, nodes: before.nodes * 2, relationships: before.relationships * 2, leftovers: before.nodes });
      const stages: Progress[] = [];
      await writeBundles(driver, live.bundles, { reset: true, deleteBatchSize: BATCH, onProgress: (p) => stages.push(p) });
      expect(stages).toContainEqual({ stage: 'cleanup', deleted: before.nodes });
      expect(await everything()).toEqual(before);
    });

    it('runs a deleting statement again until it deletes fewer than its rows (one outer transaction each)', async () => {
      await resetGraph(driver);
      const n = 2 * DELETE_BATCHES_PER_STATEMENT + 50; // three statements of batches of 1
      await cypher('UNWIND range(1, $n) AS i CREATE (:Retired {id: i})-[:MET]->(:Retired {id: -i})', { n: neo4j.int(n) });
      const session = driver.session();
      try {
        expect(await deleteInRounds(session, W.DELETE_LABELLED_RELATIONSHIPS(W.RETIRED)[0]!, 1)).toBe(n);
        expect(await deleteInRounds(session, W.DELETE_LABELLED(W.RETIRED), 1)).toBe(2 * n);
      } finally {
        await session.close();
      }
      expect(await everything()).toEqual({ nodes: 0, relationships: 0, leftovers: 0 });
    });

    it('resetGraph deletes a graph with hubs, relationships first, in small batches', async () => {
      await writeBundles(driver, generate(300, 5, 2).bundles, { reset: true });
      expect(await maxDegree()).toBeGreaterThan(5 * BATCH);
      const { nodes } = await everything();
      expect(await resetGraph(driver, { batch: BATCH })).toBe(nodes + 1); // and the :GraphVersion node
      expect(await everything()).toEqual({ nodes: 0, relationships: 0, leftovers: 0 });
    });
  });
});
