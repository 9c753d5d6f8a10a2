/**
 * The memory store's bounded traversals (src/graph/memory/paths.ts, neighbourhood.ts) answer exactly like
 * the whole-graph searches they replaced (tests/memory/reference.ts), on random multigraphs made of the
 * article's entities and relations rewired: parallel relations, self-loops, hubs, relation ids that are
 * prefixes of one another, type and time filters, every budget. The contract suite checks both against
 * the rules; this checks the new walks on many more shapes.
 */
import { loadGraphData, type GraphData, type RelationRecord } from '../../src/graph/data/bundle';
import { buildIndexes, type MemoryIndexes } from '../../src/graph/memory/indexes';
import { findPaths } from '../../src/graph/memory/paths';
import { neighbourhood } from '../../src/graph/memory/neighbourhood';
import { StoreTimeoutError } from '../../src/graph/errors';
import type { RelationType } from '../../src/schemas/vocabulary';
import { referenceNeighbourhood, referencePaths } from './reference';
import { prng } from '../../scripts/prng';


const article = loadGraphData();

function randomGraph(seed: number): { ix: MemoryIndexes; types: RelationType[] } {
  const rng = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const entities = article.entities.filter(() => rng() < 0.25).slice(0, 30);
  const hub = pick(entities).id;
  const n = 20 + Math.floor(rng() * 60);
  const relations: RelationRecord[] = [];
  for (let i = 0; i < n; i++) {
    const base = pick(article.relations);
    const subject = rng() < 0.2 ? hub : pick(entities).id;
    const object = rng() < 0.05 ? subject : rng() < 0.2 ? hub : pick(entities).id;
    // ids with shared prefixes ("r1", "r1-b", "r10") so the joined-key order differs from list order
    const id = `r${Math.floor(rng() * 12)}${rng() < 0.5 ? '' : `-${pick(['a', 'b', 'ab'])}`}-${i}`.replace(/-\d+$/, rng() < 0.5 ? '' : `-${i}`);
    if (relations.some((r) => r.id === id)) continue;
    relations.push({ ...base, id, subject, object, assertedBy: pick(entities).id });
    if (rng() < 0.15) relations.push({ ...base, id: `${id}-p${i}`, subject: object, object: subject, assertedBy: subject }); // parallel
  }
  const data: GraphData = { documents: article.documents, entities, relations };
  return { ix: buildIndexes(data), types: [...new Set(relations.map((r) => r.type))] };
}

const windows = [{}, { asOf: '2014-04-23' }, { since: '2010', until: '2014-03', possible: true }, { asOf: '2014-02-15', possible: true }];

test('paths: the bounded walk gives the reference answer on random multigraphs', () => {
  let nonEmpty = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const { ix, types } = randomGraph(seed);
    const rng = prng(seed * 7919);
    const ids = ix.entityList.map((e) => e.id);
    for (let t = 0; t < 25; t++) {
      const from = ids[Math.floor(rng() * ids.length)]!;
      const to = ids[Math.floor(rng() * ids.length)]!;
      const q = {
        maxHops: 1 + Math.floor(rng() * 6),
        k: 1 + Math.floor(rng() * 10),
        ...(rng() < 0.25 ? { types: types.filter(() => rng() < 0.6) } : {}),
        ...windows[Math.floor(rng() * windows.length)],
      };
      const expected = referencePaths(ix, from, to, q);
      expect({ from, to, q, paths: findPaths(ix, from, to, q) }).toEqual({ from, to, q, paths: expected });
      if (expected?.length) nonEmpty++;
    }
  }
  expect(nonEmpty).toBeGreaterThan(200); // the graphs are connected enough for the comparison to mean something
});

test('neighbourhood: the budgeted walk gives the reference answer on random multigraphs', () => {
  let truncated = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const { ix, types } = randomGraph(seed);
    const rng = prng(seed * 104729);
    for (const e of ix.entityList.filter(() => rng() < 0.5)) {
      const q = {
        depth: 1 + Math.floor(rng() * 3),
        maxNodes: 1 + Math.floor(rng() * 15),
        maxEdges: 1 + Math.floor(rng() * 30),
        ...(rng() < 0.25 ? { types: types.filter(() => rng() < 0.6) } : {}),
        ...windows[Math.floor(rng() * windows.length)],
      };
      const expected = referenceNeighbourhood(ix, e.id, q);
      expect({ id: e.id, q, g: neighbourhood(ix, e.id, q) }).toEqual({ id: e.id, q, g: expected });
      if (expected?.truncated) truncated++;
    }
  }
  expect(truncated).toBeGreaterThan(50);
});

test('paths past their time budget stop with StoreTimeoutError', () => {
  const ix = buildIndexes(article);
  const [a, b] = ix.entityList;
  expect(() => findPaths(ix, a!.id, b!.id, { maxHops: 6, k: 10 }, -1)).toThrow(StoreTimeoutError);
});
