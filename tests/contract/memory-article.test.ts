/**
 * The memory store over the real article bundle(s) in seed/bundles: it loads through the same
 * loadGraphData() as the Neo4j seeder and holds every entity and relation the bundles define.
 */
import { existsSync } from 'node:fs';
import { MemoryGraphStore } from '../../src/graph/memory';
import { bundleFiles, DEFAULT_BUNDLE_DIR, loadGraphData, readBundleFile } from '../../src/graph/data/bundle';

const files = existsSync(DEFAULT_BUNDLE_DIR) ? bundleFiles(DEFAULT_BUNDLE_DIR) : [];
const suite = files.length > 0 ? describe : describe.skip;
if (files.length === 0) console.warn(`memory-article: no bundles in ${DEFAULT_BUNDLE_DIR}; skipping`);

suite('MemoryGraphStore over the article bundles', () => {
  const bundles = files.map(readBundleFile);
  const entityIds = new Set(bundles.flatMap((b) => b.entities.map((e) => e.id)));
  const relationCount = bundles.reduce((n, b) => n + b.relations.length, 0);
  const store = MemoryGraphStore.fromGraphData(loadGraphData(DEFAULT_BUNDLE_DIR));

  it('holds every entity, relation and document of the bundles', async () => {
    expect(await store.describe()).toEqual({ store: 'memory', entities: entityIds.size, relations: relationCount, documents: bundles.length });
    expect((await store.listEntities({ limit: 1 })).total).toBe(entityIds.size);
    expect((await store.listRelations({ limit: 1 })).total).toBe(relationCount);
    const stats = await store.stats(10);
    expect(stats.entities.total).toBe(entityIds.size);
    expect(stats.relations.total).toBe(relationCount);
  });

  it('answers every relation by id and counts it once in the schema', async () => {
    for (const b of bundles) for (const r of b.relations) expect((await store.getRelation(r.id))?.id).toBe(r.id);
    const schema = await store.schema();
    expect(schema.relationTypes.reduce((n, t) => n + t.count, 0)).toBe(relationCount);
    expect(schema.kinds.reduce((n, k) => n + k.count, 0)).toBe(entityIds.size);
  });

  it('lists each document with its relations', async () => {
    const docs = await store.listDocuments();
    expect(docs.map((d) => d.id)).toEqual(bundles.map((b) => b.document.id).sort());
    for (const b of bundles) expect(docs.find((d) => d.id === b.document.id)?.relationCount).toBe(b.relations.length);
  });
});
