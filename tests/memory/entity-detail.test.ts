// Entity detail of a hub on the memory store: its relation counts are kept per graph version (a hub's
// counts walk thousands of relations), and they are the counts of its relations, before and after a write.
import { generate } from '../../scripts/bench-scale';
import { MemoryGraphStore } from '../../src/graph/memory';
import type { MemoryGraphStore as Store } from '../../src/graph/memory';

/** (type, direction) -> count, tallied from the whole graph's relation stream. */
async function tally(store: Store, id: string) {
  const counts = new Map<string, number>();
  for await (const r of store.streamRelations({})) {
    if (r.subject.id === id) counts.set(`${r.type} out`, (counts.get(`${r.type} out`) ?? 0) + 1);
    if (r.object.id === id) counts.set(`${r.type} in`, (counts.get(`${r.type} in`) ?? 0) + 1);
  }
  return counts;
}

const asMap = (rows: Array<{ type: string; direction: string; count: number }>) => new Map(rows.map((c) => [`${c.type} ${c.direction}`, c.count]));

describe('memory store: entity detail of a hub', () => {
  const g = generate(1500, 7, 2);
  const store = MemoryGraphStore.fromBundles(g.bundles);
  const hub = g.byDegree[0]!.id;

  it('counts the relations of an entity with hundreds of them, the same on every request', async () => {
    const expected = await tally(store, hub);
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(256);
    const first = (await store.getEntity(hub))!.relationCounts;
    expect(asMap(first)).toEqual(expected);
    expect((await store.getEntity(hub))!.relationCounts).toEqual(first);
  });

  it('counts again after a write (a removed document takes its relations with it)', async () => {
    const before = (await store.getEntity(hub))!.relationCounts;
    expect(await store.deleteDocument(g.bundles[1]!.document.id, {})).not.toBeNull();
    const after = (await store.getEntity(hub))!.relationCounts;
    expect(after).not.toEqual(before);
    expect(asMap(after)).toEqual(await tally(store, hub));
  });
});
