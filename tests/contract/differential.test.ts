// Both stores against each other on a synthetic graph of a few thousand relations (scripts/bench-scale.ts:
// every relation type, partial dates of every precision, undated and open-ended facts, hubs), with seeded
// random queries: time windows, types, anchors, directions, modalities, document and kind filters, and
// every page of each answer through its cursors; entity pages, stats, paths, neighbourhoods and entity
// detail too (search is left out: the two full-text engines may rank fuzzy matches differently). The contract suites check the stores on hand-made
// fixtures; this one looks for the cases nobody wrote down. Neo4j walks its per-type indexes here (the
// statements it uses on large graphs), and the same queries run once more after a write.
import { generate } from '../../scripts/bench-scale';
import { prng } from '../../scripts/prng';
import { MemoryGraphStore } from '../../src/graph/memory';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import type { GraphStore, Page, RelationQuery, TimeFilter, TimelineQuery } from '../../src/graph/store';
import { ENTITY_KINDS, MODALITY_NAMES, RELATION_TYPE_NAMES } from '../../src/schemas/vocabulary';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';

const QUERIES = Number(process.env.DIFFERENTIAL_QUERIES ?? 80);
const MAX_PAGES = 4;

/** Random query parts from a seeded generator. */
function randomizer(seed: number, ids: string[], documents: string[], asserters: string[]) {
  const rng = prng(seed);
  const int = (k: number) => Math.floor(rng() * k);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const maybe = (p: number) => rng() < p;
  const some = <T>(xs: readonly T[], most: number): T[] => [...new Set(Array.from({ length: 1 + int(most) }, () => pick(xs)))];
  const date = () => {
    const y = 1940 + int(90);
    const m = String(1 + int(12)).padStart(2, '0');
    const d = String(1 + int(28)).padStart(2, '0');
    return pick([`${y}`, `${y}-${m}`, `${y}-${m}-${d}`]);
  };
  const time = (): TimeFilter => {
    const possible = maybe(0.5) ? { possible: maybe(0.5) } : {};
    switch (int(5)) {
      case 0:
        return { asOf: date(), ...possible };
      case 1:
        return { since: date(), ...possible };
      case 2:
        return { until: date(), ...possible };
      case 3: {
        const [a, b] = [date(), date()].sort();
        return { since: a, until: b, ...possible };
      }
      default:
        return {};
    }
  };
  const relations = (): RelationQuery => ({
    limit: pick([1, 3, 10, 50]),
    ...time(),
    ...(maybe(0.3) ? { types: some(RELATION_TYPE_NAMES, 3) } : {}),
    ...(maybe(0.35) ? { entity: pick(ids), direction: pick(['out', 'in', 'both'] as const) } : {}),
    ...(maybe(0.15) ? { counterpartKinds: some(ENTITY_KINDS, 2) } : {}),
    ...(maybe(0.15) ? { subject: pick(ids) } : {}),
    ...(maybe(0.1) ? { object: pick(ids) } : {}),
    ...(maybe(0.15) ? { modalities: some(MODALITY_NAMES, 2) } : {}),
    ...(maybe(0.1) ? { endpointKinds: some(ENTITY_KINDS, 2) } : {}),
    ...(maybe(0.1) ? { assertedBy: pick(asserters) } : {}),
    ...(maybe(0.1) ? { document: pick(documents) } : {}),
  });
  const timeline = (): TimelineQuery => ({
    limit: pick([1, 5, 20, 50]),
    ...time(),
    ...(maybe(0.3) ? { types: some(RELATION_TYPE_NAMES, 3) } : {}),
    ...(maybe(0.35) ? { entity: pick(ids) } : {}),
    ...(maybe(0.2) ? { itemTypes: [pick(['event', 'relation'] as const)] } : {}),
    ...(maybe(0.1) ? { document: pick(documents) } : {}),
  });
  return { int, pick, maybe, time, relations, timeline, id: () => pick(ids) };
}

/** Every page of a list (at most MAX_PAGES), or the error it ended with, by class name. */
async function pages<T>(list: (cursor?: string) => Promise<Page<T>>): Promise<unknown[]> {
  const out: unknown[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await list(cursor).catch((err: Error) => ({ error: err.constructor.name }));
    out.push(page);
    if ('error' in page || page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return out;
}

const settle = (p: Promise<unknown>) => p.catch((err: Error) => ({ error: err.constructor.name }));

describeNeo4j('memory and Neo4j answer alike on a synthetic graph', () => {
  const g = generate(900, 11, 3);
  const ids = g.byDegree.map((e) => e.id);
  const documents = [...g.bundles.map((b) => b.document.id), 'no-such-document'];
  const asserters = [...new Set(g.bundles.flatMap((b) => b.relations.flatMap((rel) => (rel.assertedBy ? [rel.assertedBy] : []))))].concat(ids[0]!);
  let neo4j: Neo4jGraphStore;
  let memory: MemoryGraphStore;

  beforeAll(async () => {
    const driver = openTestDriver();
    await writeBundles(driver, g.bundles, { reset: true });
    // a longer timeout, as in the contract suite (neo4j.test.ts): Neo4j may replan the per-type pages inline
    neo4j = new Neo4jGraphStore(driver, undefined, { perTypePagesMinRelations: 0, queryTimeoutMs: 60_000 });
    await neo4j.warmUp();
    memory = MemoryGraphStore.fromBundles(g.bundles);
  }, 180_000);
  afterAll(async () => neo4j?.close());

  /** Answers with something in them (items, nodes, paths), so the test can tell it compared more than empty lists. */
  let nonEmpty = 0;
  const both = async (ask: (store: GraphStore) => Promise<unknown>, what: unknown) => {
    const [a, b] = [await ask(memory), await ask(neo4j)];
    expect({ what, answer: b }).toEqual({ what, answer: a });
    if (/"(items|nodes|relations)":\[\{/.test(JSON.stringify(a))) nonEmpty++;
  };

  const checkAll = (seed: number) => async () => {
    nonEmpty = 0;
    const r = randomizer(seed, ids, documents, asserters);
    for (let i = 0; i < QUERIES; i++) {
      const rq = r.relations();
      await both((s) => pages((cursor) => s.listRelations({ ...rq, cursor })), { relations: rq });
      const tq = r.timeline();
      await both((s) => pages((cursor) => s.timeline({ ...tq, cursor })), { timeline: tq });
    }
    for (let i = 0; i < QUERIES / 2; i++) {
      const eq = {
        limit: r.pick([1, 7, 100]),
        ...(r.maybe(0.4) ? { kinds: [r.pick(ENTITY_KINDS)] } : {}),
        ...(r.maybe(0.5) ? { prefix: r.id().slice(0, 1 + r.int(3)) } : {}),
        ...(r.maybe(0.2) ? { document: r.pick(documents) } : {}),
      };
      await both((s) => pages((cursor) => s.listEntities({ ...eq, cursor })), { entities: eq });
    }
    await both((s) => s.stats(10), 'stats');
    for (let i = 0; i < QUERIES / 4; i++) {
      const [from, to] = [r.id(), r.id()];
      const pq = { maxHops: 1 + r.int(4), k: 1 + r.int(3), ...r.time() };
      await both((s) => settle(s.paths(from, to, pq)), { paths: [from, to, pq] });
      const nq = { depth: 1 + r.int(2), maxNodes: r.pick([5, 25, 100]), maxEdges: r.pick([5, 50, 500]), ...r.time() };
      const centre = r.id();
      await both((s) => settle(s.neighbourhood(centre, nq)), { neighbourhood: [centre, nq] });
      const entity = r.id();
      await both((s) => s.getEntity(entity), { entity });
    }
    expect(nonEmpty).toBeGreaterThan(QUERIES);
  };

  it('lists relations and the timeline, every page, and traverses alike', checkAll(1), 300_000);

  it('still does after a document is removed', async () => {
    const gone = g.bundles[2]!.document.id;
    expect(await memory.deleteDocument(gone, {})).not.toBeNull();
    expect(await neo4j.deleteDocument(gone, {})).not.toBeNull();
    await neo4j.warmUp();
    await checkAll(2)();
  }, 300_000);
});
