import { Path as PathSchema, Subgraph as SubgraphSchema } from '../../../src/schemas/domain';
import type { Path } from '../../../src/schemas/domain';
import type { NeighbourhoodQuery, PathQuery } from '../../../src/graph/store';
import { expectShape, ids, type StoreRef } from './helpers';

const big = { maxNodes: 100, maxEdges: 100 };
const rels = (paths: Path[]) => paths.map((p) => p.hops.map((h) => h.relation.id));

export function traversalContract(store: StoreRef): void {
  const hood = async (id: string, q: Partial<NeighbourhoodQuery>) => {
    const g = await store().neighbourhood(id, { depth: 1, ...big, ...q });
    if (g) expectShape(SubgraphSchema, g);
    return g && { nodes: ids(g.nodes), edges: ids(g.edges), truncated: g.truncated };
  };

  describe('neighbourhood', () => {
    it('takes nodes by distance then id, and every relation among them', async () => {
      expect(await hood('gray-sea', { depth: 1 })).toEqual({
        nodes: ['gray-sea', 'gray-tide-exercise', 'tarvos-islands'],
        edges: ['gray-tide-in-gray-sea', 'tarvos-in-gray-sea'],
        truncated: false,
      });
      expect(await hood('gray-sea', { depth: 2 })).toEqual({
        nodes: ['gray-sea', 'gray-tide-exercise', 'tarvos-islands', 'islands-talks', 'kestovar', 'vardania', 'vardanian-navy'],
        edges: [
          'gray-tide-in-gray-sea', 'kestovar-disputes-tarvos', 'kestovar-plans-talks', 'kestovar-rival-of-vardania', 'navy-in-gray-tide',
          'navy-part-of-vardania', 'talks-target-tarvos', 'tarvos-in-gray-sea', 'vardania-disputes-tarvos', 'vardania-engages-kestovar',
        ],
        truncated: false,
      });
    });

    it('reaches depth 3 (anika-roth is three hops from gray-sea, never fewer)', async () => {
      expect(await hood('gray-sea', { depth: 3 })).toEqual({
        nodes: [
          'gray-sea', 'gray-tide-exercise', 'tarvos-islands', 'islands-talks', 'kestovar', 'vardania', 'vardanian-navy',
          'anika-roth', 'bren-okafor', 'northern-compact', 'port-halden',
        ],
        edges: [
          'compact-backs-vardania', 'gray-tide-in-gray-sea', 'kestovar-disputes-tarvos', 'kestovar-plans-talks', 'kestovar-rival-of-vardania',
          'navy-in-gray-tide', 'navy-part-of-vardania', 'okafor-minister-of-kestovar', 'okafor-visited-port-halden', 'port-halden-in-vardania',
          'roth-met-okafor', 'roth-met-okafor-again', 'roth-president-of-vardania', 'talks-target-tarvos', 'tarvos-in-gray-sea',
          'vardania-disputes-tarvos', 'vardania-engages-kestovar', 'vardania-joins-compact',
        ],
        truncated: false,
      });
    });

    it('includes relations between neighbours, parallel relations and self-loops', async () => {
      expect(await hood('anika-roth', { depth: 1 })).toEqual({
        nodes: ['anika-roth', 'bren-okafor', 'civic-union-party', 'halden-summit', 'vardania'],
        edges: [
          'civic-union-infighting', 'okafor-at-halden-summit', 'roth-at-halden-summit', 'roth-member-of-civic-union',
          'roth-met-okafor', 'roth-met-okafor-again', 'roth-president-of-vardania',
        ],
        truncated: false,
      });
    });

    it('applies the node and edge budgets and says so', async () => {
      expect(await hood('gray-sea', { depth: 2, maxNodes: 4 })).toEqual({
        nodes: ['gray-sea', 'gray-tide-exercise', 'tarvos-islands', 'islands-talks'],
        edges: ['gray-tide-in-gray-sea', 'talks-target-tarvos', 'tarvos-in-gray-sea'],
        truncated: true,
      });
      expect(await hood('gray-sea', { depth: 1, maxEdges: 1 })).toEqual({
        nodes: ['gray-sea', 'gray-tide-exercise', 'tarvos-islands'],
        edges: ['gray-tide-in-gray-sea'],
        truncated: true,
      });
      expect(await hood('gray-sea', { depth: 1, maxNodes: 3, maxEdges: 2 })).toMatchObject({ truncated: false });
      expect(await hood('gray-sea', { depth: 3, maxNodes: 1 })).toEqual({ nodes: ['gray-sea'], edges: [], truncated: true });
    });

    it('follows only the relation types asked for', async () => {
      expect(await hood('anika-roth', { depth: 2, types: ['MET'] })).toEqual({
        nodes: ['anika-roth', 'bren-okafor'],
        edges: ['roth-met-okafor', 'roth-met-okafor-again'],
        truncated: false,
      });
    });

    it('follows only relations known in the time window, or possible ones on request, marking each edge', async () => {
      expect(await hood('gray-sea', { depth: 2, asOf: '2014-02-15' })).toEqual({
        nodes: ['gray-sea', 'gray-tide-exercise', 'tarvos-islands', 'islands-talks', 'kestovar'],
        edges: ['gray-tide-in-gray-sea', 'kestovar-disputes-tarvos', 'talks-target-tarvos', 'tarvos-in-gray-sea'],
        truncated: false,
      });
      // vardania-disputes-tarvos is observed in 2014-05 and may hold in February; kestovar-rival-of-vardania likewise
      expect(await hood('gray-sea', { depth: 2, asOf: '2014-02-15', possible: true })).toEqual({
        nodes: ['gray-sea', 'gray-tide-exercise', 'tarvos-islands', 'islands-talks', 'kestovar', 'vardania'],
        edges: ['gray-tide-in-gray-sea', 'kestovar-disputes-tarvos', 'kestovar-rival-of-vardania', 'talks-target-tarvos', 'tarvos-in-gray-sea', 'vardania-disputes-tarvos'],
        truncated: false,
      });
      const g = (await store().neighbourhood('gray-sea', { depth: 2, ...big, asOf: '2014-02-15', possible: true }))!;
      expect(g.edges.map((e) => [e.id, e.timeMatch])).toEqual([
        ['gray-tide-in-gray-sea', 'known'], ['kestovar-disputes-tarvos', 'known'], ['kestovar-rival-of-vardania', 'possible'],
        ['talks-target-tarvos', 'known'], ['tarvos-in-gray-sea', 'known'], ['vardania-disputes-tarvos', 'possible'],
      ]);
      const plain = (await store().neighbourhood('gray-sea', { depth: 2, ...big }))!;
      expect(plain.edges.filter((e) => 'timeMatch' in e)).toEqual([]);
    });

    it('returns the lone centre of an isolated entity, and null for an unknown one', async () => {
      expect(await hood('ember-reach', { depth: 3 })).toEqual({ nodes: ['ember-reach'], edges: [], truncated: false });
      expect(await store().neighbourhood('no-such-entity', { depth: 1, ...big })).toBeNull();
    });
  });

  describe('paths', () => {
    const paths = async (from: string, to: string, q: Partial<PathQuery> = {}) => {
      const found = await store().paths(from, to, { maxHops: 6, k: 10, ...q });
      for (const p of found ?? []) checkPath(p, from, to);
      return found;
    };
    const A_TO_T = [
      ['roth-president-of-vardania', 'vardania-disputes-tarvos'],
      // "roth-met-okafor-again|…" sorts before "roth-met-okafor|…" ('-' < '|'): ids joined, not compared as lists
      ['roth-met-okafor-again', 'okafor-minister-of-kestovar', 'kestovar-disputes-tarvos'],
      ['roth-met-okafor', 'okafor-minister-of-kestovar', 'kestovar-disputes-tarvos'],
      ['roth-president-of-vardania', 'kestovar-rival-of-vardania', 'kestovar-disputes-tarvos'],
      ['roth-president-of-vardania', 'vardania-engages-kestovar', 'kestovar-disputes-tarvos'],
    ];

    it('returns the shortest paths and those one hop longer, ordered by length then joined ids', async () => {
      const found = (await paths('anika-roth', 'tarvos-islands'))!;
      expect(rels(found)).toEqual(A_TO_T);
      expect(found.map((p) => p.length)).toEqual([2, 3, 3, 3, 3]);
      expect(found.map((p) => ids(p.nodes))[3]).toEqual(['anika-roth', 'vardania', 'kestovar', 'tarvos-islands']);
      expect(found[3]!.hops.map((h) => h.direction)).toEqual(['forward', 'backward', 'forward']);
    });

    it('keeps the first k', async () => {
      expect(rels((await paths('anika-roth', 'tarvos-islands', { k: 3 }))!)).toEqual(A_TO_T.slice(0, 3));
      expect(rels((await paths('anika-roth', 'tarvos-islands', { k: 1 }))!)).toEqual(A_TO_T.slice(0, 1));
    });

    it('cuts at maxHops', async () => {
      expect(rels((await paths('anika-roth', 'tarvos-islands', { maxHops: 2 }))!)).toEqual(A_TO_T.slice(0, 1));
      expect(await paths('anika-roth', 'tarvos-islands', { maxHops: 1 })).toEqual([]);
    });

    it('walks relations against their direction and orders a shorter id first at the end', async () => {
      const found = (await paths('gray-sea', 'anika-roth'))!;
      expect(rels(found)).toEqual([
        ['tarvos-in-gray-sea', 'vardania-disputes-tarvos', 'roth-president-of-vardania'],
        ['gray-tide-in-gray-sea', 'navy-in-gray-tide', 'navy-part-of-vardania', 'roth-president-of-vardania'],
        ['tarvos-in-gray-sea', 'kestovar-disputes-tarvos', 'kestovar-rival-of-vardania', 'roth-president-of-vardania'],
        ['tarvos-in-gray-sea', 'kestovar-disputes-tarvos', 'okafor-minister-of-kestovar', 'roth-met-okafor'],
        ['tarvos-in-gray-sea', 'kestovar-disputes-tarvos', 'okafor-minister-of-kestovar', 'roth-met-okafor-again'],
        ['tarvos-in-gray-sea', 'kestovar-disputes-tarvos', 'vardania-engages-kestovar', 'roth-president-of-vardania'],
      ]);
      expect(found[0]!.hops.map((h) => h.direction)).toEqual(['backward', 'backward', 'backward']);
      expect(found[1]!.hops.map((h) => h.direction)).toEqual(['backward', 'backward', 'forward', 'backward']);
    });

    it('gives each parallel relation its own path', async () => {
      const found = (await paths('bren-okafor', 'anika-roth'))!;
      expect(rels(found)).toEqual([['roth-met-okafor'], ['roth-met-okafor-again'], ['okafor-at-halden-summit', 'roth-at-halden-summit']]);
      expect(found[0]!.hops[0]).toMatchObject({ from: 'bren-okafor', to: 'anika-roth', direction: 'backward' });
    });

    it('follows only the relation types asked for', async () => {
      expect(rels((await paths('anika-roth', 'tarvos-islands', { types: ['HOLDS_OFFICE', 'DISPUTES'] }))!)).toEqual(A_TO_T.slice(0, 1));
      expect(await paths('anika-roth', 'tarvos-islands', { types: ['MET', 'HOLDS_OFFICE'] })).toEqual([]);
    });

    it('follows only relations known in the time window (a time-windowed path), or possible ones on request', async () => {
      // on 2014-04-23 (fixture-a's publication) the rivalry and the courting are known; the dispute of
      // vardania-disputes-tarvos is observed only in 2014-05, so the 2-hop path is merely possible
      const known = (await paths('anika-roth', 'tarvos-islands', { asOf: '2014-04-23' }))!;
      expect(rels(known)).toEqual([A_TO_T[3], A_TO_T[4]]);
      expect(known.flatMap((p) => p.hops.map((h) => h.relation.timeMatch))).toEqual(Array(6).fill('known'));
      const possible = (await paths('anika-roth', 'tarvos-islands', { asOf: '2014-04-23', possible: true }))!;
      expect(rels(possible)).toEqual([A_TO_T[0], A_TO_T[3], A_TO_T[4]]);
      expect(possible[0]!.hops.map((h) => h.relation.timeMatch)).toEqual(['known', 'possible']);
      // in February 2014 nothing links them for sure; what may link them is the old answer
      expect(await paths('anika-roth', 'tarvos-islands', { asOf: '2014-02-15' })).toEqual([]);
      expect(rels((await paths('anika-roth', 'tarvos-islands', { asOf: '2014-02-15', possible: true }))!)).toEqual([A_TO_T[0], A_TO_T[3]]);
      expect(await paths('anika-roth', 'tarvos-islands', { asOf: '1990', possible: true })).toEqual([]);
      expect((await paths('anika-roth', 'tarvos-islands'))!.flatMap((p) => p.hops.filter((h) => 'timeMatch' in h.relation))).toEqual([]);
    });

    it('returns [] without a path and null for an unknown end', async () => {
      expect(await paths('ember-reach', 'anika-roth')).toEqual([]);
      expect(await paths('anika-roth', 'anika-roth')).toEqual([]);
      expect(await paths('no-such-entity', 'anika-roth')).toBeNull();
      expect(await paths('anika-roth', 'no-such-entity')).toBeNull();
    });
  });
}

/** A path is a chain: nodes[i] -> nodes[i+1] through hops[i], each hop naming its relation's ends. */
function checkPath(p: Path, from: string, to: string): void {
  expectShape(PathSchema, p);
  expect(p.length).toBe(p.hops.length);
  expect(p.nodes).toHaveLength(p.length + 1);
  expect(p.nodes[0]!.id).toBe(from);
  expect(p.nodes[p.length]!.id).toBe(to);
  expect(new Set(ids(p.nodes)).size).toBe(p.nodes.length);
  p.hops.forEach((h, i) => {
    expect([h.from, h.to]).toEqual([p.nodes[i]!.id, p.nodes[i + 1]!.id]);
    const ends = h.direction === 'forward' ? [h.relation.subject.id, h.relation.object.id] : [h.relation.object.id, h.relation.subject.id];
    expect(ends).toEqual([h.from, h.to]);
    expect(h.relation.evidence.length).toBeGreaterThan(0);
  });
}
