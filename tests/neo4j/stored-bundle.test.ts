// A document's bundle is kept packed on its :Document node (load/stored-bundle.ts): gzip and base64 behind
// a prefix, a third of the JSON text's size. Documents stored before as JSON text are still read, and
// written over, without a migration.
import type { Driver } from 'neo4j-driver';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { bundleVersion } from '../../src/graph/data/documents';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { writeBundles } from '../../src/graph/neo4j/load';
import { PACKED_PREFIX, packBundle, unpackBundle } from '../../src/graph/neo4j/load/stored-bundle';
import type { Bundle } from '../../src/schemas/bundle';
import { generate } from '../../scripts/bench-scale';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';

const fixtures = () => bundleFiles(FIXTURE_BUNDLE_DIR).map(readBundleFile) as Bundle[];

describe('packing a stored bundle', () => {
  it('gives back the bundle it packed', async () => {
    for (const bundle of fixtures()) {
      const packed = await packBundle(bundle);
      expect(packed.startsWith(PACKED_PREFIX)).toBe(true);
      expect(await unpackBundle(packed)).toEqual(bundle);
    }
  });

  it('keeps a large bundle in well under half its JSON text', async () => {
    const [big] = generate(3000, 1, 1).bundles as Bundle[];
    const packed = await packBundle(big!);
    expect(packed.length).toBeLessThan(JSON.stringify(big).length / 2.5);
    expect(await unpackBundle(packed)).toEqual(big);
  });

  it('reads the JSON text of documents stored before the packing', async () => {
    const [bundle] = fixtures();
    expect(await unpackBundle(JSON.stringify(bundle))).toEqual(bundle);
  });

  it('fails on a packed text that is not a gzip stream, rather than answer with something else', async () => {
    await expect(unpackBundle(`${PACKED_PREFIX}bm90IGd6aXA=`)).rejects.toThrow();
    await expect(unpackBundle('not json')).rejects.toThrow();
  });
});

describeNeo4j('stored bundles on Neo4j', () => {
  let driver: Driver;
  let store: Neo4jGraphStore;
  const [a, b] = fixtures() as [Bundle, Bundle];
  const storedText = async (id: string) =>
    (await driver.executeQuery('MATCH (d:Document {id: $id}) RETURN d.bundle AS bundle', { id })).records[0]?.get('bundle') as string;

  beforeAll(async () => {
    driver = openTestDriver();
    await writeBundles(driver, [a, b], { reset: true });
    store = new Neo4jGraphStore(openTestDriver());
  });
  afterAll(async () => {
    await store?.close();
    await driver?.close();
  });

  it('keeps what the loader writes packed, and gives the bundle back', async () => {
    for (const bundle of [a, b]) {
      const text = await storedText(bundle.document.id);
      expect(text.startsWith(PACKED_PREFIX)).toBe(true);
      const stored = (await store.getStoredDocument(bundle.document.id))!;
      expect(stored.bundle).toEqual(bundle);
      expect(stored.version).toBe(bundleVersion(bundle));
    }
  });

  it('reads a document stored as JSON text, writes others beside it, and packs it when it is written again', async () => {
    await driver.executeQuery('MATCH (d:Document {id: $id}) SET d.bundle = $json', { id: a.document.id, json: JSON.stringify(a) });
    expect((await store.getStoredDocument(a.document.id))!.bundle).toEqual(a);

    // a write reads every stored bundle, the JSON one too, to merge them
    const c: Bundle = { ...b, document: { ...b.document, id: 'copy-of-b' } };
    const put = await store.putDocument({ bundle: c, author: 'tester', spansVerified: false });
    expect(put.created).toBe(true);
    expect((await store.getStoredDocument('copy-of-b'))!.bundle).toEqual(c);
    expect((await store.listRelations({ document: a.document.id, limit: 500 })).total).toBe(a.relations.length);
    expect(await storedText(a.document.id)).toBe(JSON.stringify(a));

    await store.putDocument({ bundle: a, author: 'tester', spansVerified: false });
    expect((await storedText(a.document.id)).startsWith(PACKED_PREFIX)).toBe(true);
    expect((await store.getStoredDocument(a.document.id))!.bundle).toEqual(a);
  });
});
