// Search on the memory store when a word is in most of a large graph's entities: the page is the first
// hits in (score, id) order, and nothing may fail on the number of hits. With 300,000 entities whose
// summaries share a word (as a synthetic 10^6-relation graph's do), the lift for exact names was taken with
// Math.max(...scores): a call with that many arguments overflowed the stack, a 500.
import { MemoryGraphStore } from '../../src/graph/memory';
import type { EntityRecord } from '../../src/graph/data/bundle';
import { firstK } from '../../src/graph/memory/first-k';
import { prng } from '../../scripts/prng';

function entity(i: number, summary: string): EntityRecord {
  const id = `e-${String(i).padStart(6, '0')}`;
  return { id, kind: i % 2 ? 'event' : 'organization', subtype: i % 2 ? 'meeting' : 'company', name: `Name ${i}`, aliases: [], summary, mentions: [], documents: ['d'] } as unknown as EntityRecord;
}

describe('memory store search over many hits', () => {
  const size = 150_000;
  // every summary holds "shared"; "rare" in a few; one entity is named exactly "shared"
  const entities = Array.from({ length: size }, (_, i) => entity(i, i % 10_000 === 7 ? 'shared rare words' : 'shared words'));
  entities[size - 1] = { ...entities[size - 1]!, name: 'Shared' };
  const store = MemoryGraphStore.fromGraphData({ documents: [], entities, relations: [] });

  it('answers a word that 150,000 entities hold, the exact name first, then by score and id', async () => {
    const hits = await store.search({ q: 'shared', limit: 20 });
    expect(hits).toHaveLength(20);
    expect(hits[0]!.entity.id).toBe(entities[size - 1]!.id); // an exact name ranks above every other hit
    for (let i = 2; i < hits.length; i++) {
      const [a, b] = [hits[i - 1]!, hits[i]!];
      expect(a.score > b.score || (a.score === b.score && a.entity.id < b.entity.id)).toBe(true);
    }
    const kindOnly = await store.search({ q: 'shared', limit: 5, kinds: ['event'] });
    expect(kindOnly.map((h) => h.entity.kind)).toEqual(Array(5).fill('event'));
  }, 60_000);

  it('gives the same page as sorting every hit', async () => {
    const hits = await store.search({ q: 'rare', limit: 10 });
    expect(hits.map((h) => h.entity.id)).toEqual(
      entities
        .filter((e) => e.summary.includes('rare'))
        .map((e) => e.id)
        .slice(0, 10), // equal scores: id order
    );
  });
});

describe('firstK', () => {
  it('equals sorting and slicing, for random lists with ties, any k', () => {
    const rng = prng(11);
    for (let round = 0; round < 300; round++) {
      const items = Array.from({ length: Math.floor(rng() * 60) }, (_, i) => ({ score: Math.floor(rng() * 8), id: `x${i}` }));
      const k = Math.floor(rng() * 70) - 2;
      const compare = (a: { score: number; id: string }, b: { score: number; id: string }) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      expect(firstK(items, k, compare)).toEqual([...items].sort(compare).slice(0, Math.max(k, 0)));
    }
  });
});
