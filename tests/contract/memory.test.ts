import { MemoryGraphStore } from '../../src/graph/memory';
import type { EntityRecord, GraphData } from '../../src/graph/data/bundle';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { graphStoreContract } from './graph-store.contract';
import { writeContract } from './parts/writes';
import { fixtureC } from '../fixtures/ingest';

graphStoreContract('memory', async () => {
  const store = MemoryGraphStore.fromBundles(bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile));
  return { store, teardown: () => store.close() };
});

describe('MemoryGraphStore search ranking', () => {
  // Crafted so that text relevance alone prefers the wrong entity: "Beta" fills the name and the
  // summary of beta-harbour, while zeta-port has it only as one alias among several.
  const place = (id: string, name: string, aliases: string[], summary: string): EntityRecord => ({
    id, kind: 'place', subtype: 'city', name, aliases, summary, mentions: [], documents: [],
  });
  const data: GraphData = {
    documents: [],
    relations: [],
    entities: [
      place('beta-harbour', 'Beta Harbour', ['Beta Bay'], 'Beta harbour on Beta bay, the beta town.'),
      place('zeta-port', 'Zeta Port', ['Old Zeta Town', 'Beta', 'Zeta Harbour Town', 'The Port of Zeta'], 'A port.'),
    ],
  };

  it('puts the exact alias match first even when another entity matches the words better', async () => {
    const store = MemoryGraphStore.fromGraphData(data);
    const hits = await store.search({ q: 'beta', limit: 10 });
    expect(hits.map((h) => h.entity.id)).toEqual(['zeta-port', 'beta-harbour']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });
});

describe('MemoryGraphStore writes', () => {
  let store: MemoryGraphStore | undefined;
  beforeAll(() => {
    store = MemoryGraphStore.fromBundles(bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile));
  });
  writeContract(() => store!);

  it('refuses writes when built from merged data without its bundles', async () => {
    const readOnly = MemoryGraphStore.fromGraphData({ documents: [], entities: [], relations: [] });
    await expect(readOnly.deleteDocument('x', {})).resolves.toBeNull();
    await expect(readOnly.putDocument({ bundle: fixtureC(), author: 'a', spansVerified: false })).rejects.toThrow(/cannot take writes/);
  });
});
