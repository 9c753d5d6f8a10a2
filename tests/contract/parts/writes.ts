/**
 * Document writes and many documents in one graph, on any store. The setup gives a store holding the
 * fixture bundles (fixture-a, fixture-b) that may be written to; the tests run in order and build on
 * each other: add fixture-c (which restates a fixture-a relation), replace it, refuse stale and
 * conflicting writes, then delete documents until only fixture-a is left, and compare that with a
 * store built from fixture-a alone.
 */
import { join } from 'node:path';
import { readBundleFile } from '../../../src/graph/data/bundle';
import { bundleVersion } from '../../../src/graph/data/documents';
import { DocumentConflictError, PreconditionFailedError } from '../../../src/graph/errors';
import { MemoryGraphStore } from '../../../src/graph/memory';
import type { GraphStore } from '../../../src/graph/store';
import { DocumentInfo, EntityDetail, Relation } from '../../../src/schemas/domain';
import { FIXTURE_BUNDLE_DIR } from '../../fixtures';
import { conflictingBundle, fixtureC, laterObservation } from '../../fixtures/ingest';
import { expectShape, ids, type StoreRef } from './helpers';

const bundleA = () => readBundleFile(join(FIXTURE_BUNDLE_DIR, 'fixture-a.json'));
const put = (store: GraphStore, bundle = fixtureC(), extra: { ifMatch?: string; ifNoneMatch?: string } = {}) =>
  store.putDocument({ bundle, author: 'alice', spansVerified: true, ...extra });

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

/** Everything a reader can see, for before/after comparisons. */
async function snapshot(store: GraphStore) {
  const entities = (await store.listEntities({ limit: 1000 })).items;
  const details = await Promise.all(entities.map((e) => store.getEntity(e.id)));
  return {
    describe: await store.describe().then(({ store: _s, ...counts }) => counts),
    details,
    relations: (await store.listRelations({ limit: 1000 })).items,
    timeline: (await store.timeline({ limit: 100 })).items,
    documents: await store.listDocuments(),
    stats: await store.stats(100),
  };
}

export function writeContract(store: StoreRef): void {
  describe('document writes: many documents, one graph', () => {
    let versionC = '';

    it('adds a document: new entities and relations, shared ones merged, counted', async () => {
      // Read derived figures first, so a store that keeps them per graph version must notice the write.
      const before = { total: (await store().listRelations({ limit: 1 })).total, stats: await store().stats(5), described: await store().describe() };
      const result = await put(store());
      expect((await store().listRelations({ limit: 1 })).total).toBe(before.total + 1);
      expect((await store().stats(5)).relations.total).toBe(before.stats.relations.total + 1);
      expect((await store().describe()).relations).toBe(before.described.relations + 1);
      versionC = bundleVersion(fixtureC());
      expect(result).toEqual({
        document: 'fixture-c',
        version: versionC,
        created: true,
        // lena-varga is new; Roth, Okafor, the Gazette and Quillfeather gain fixture-c's mentions.
        entities: { created: 1, updated: 4, deleted: 0 },
        // varga-met-roth is new; roth-met-okafor gains fixture-c's evidence and assertion.
        relations: { created: 1, updated: 1, deleted: 0 },
      });
      expect((await store().describe()).documents).toBe(3);
    });

    it('keeps one relation with both evidences and both assertions; fields from the first document', async () => {
      const r = (await store().getRelation('roth-met-okafor'))!;
      expectShape(Relation, r);
      expect(r.documents).toEqual(['fixture-a', 'fixture-c']);
      expect(r.assertions).toEqual([
        { document: 'fixture-a', assertedBy: 'harbor-gazette', modality: 'stated' },
        { document: 'fixture-c', assertedBy: 'oswin-quillfeather', modality: 'assessment' },
      ]);
      expect(r.evidence.map((e) => e.document)).toEqual(['fixture-a', 'fixture-c']);
      expect(r).toMatchObject({ summary: 'First meeting of Roth and Okafor.', modality: 'stated', assertedBy: { id: 'harbor-gazette' } });
      const only = (await store().getRelation('varga-met-roth'))!;
      expect(only.documents).toEqual(['fixture-c']);
    });

    it('matches assertedBy and modality filters against every assertion of a relation', async () => {
      const byOswin = ids((await store().listRelations({ assertedBy: 'oswin-quillfeather', limit: 100 })).items);
      expect(byOswin).toContain('roth-met-okafor'); // asserted by the Gazette in fixture-a, by the reporter in fixture-c
      const assessed = ids((await store().listRelations({ modalities: ['assessment'], entity: 'anika-roth', limit: 100 })).items);
      expect(assessed).toEqual(['roth-met-okafor']);
      const stated = ids((await store().listRelations({ modalities: ['stated'], subject: 'anika-roth', object: 'bren-okafor', limit: 100 })).items);
      expect(stated).toEqual(['roth-met-okafor', 'roth-met-okafor-again']);
    });

    it('keeps one entity per id, listing the documents that define it', async () => {
      const roth = (await store().getEntity('anika-roth'))!;
      expectShape(EntityDetail, roth);
      expect(roth.documents).toEqual(['fixture-a', 'fixture-b', 'fixture-c']);
      expect(roth.summary).toBe('Fictional head of state of Vardania.');
      expect(roth.mentions.filter((m) => m.document === 'fixture-c')).toHaveLength(2);
      expect((await store().getEntity('lena-varga'))!.documents).toEqual(['fixture-c']);
      expect((await store().listEntities({ prefix: 'anika', limit: 10 })).total).toBe(1);
    });

    it('filters every list by document', async () => {
      expect(ids((await store().listEntities({ document: 'fixture-c', limit: 100 })).items)).toEqual([
        'anika-roth',
        'bren-okafor',
        'harbor-gazette',
        'lena-varga',
        'oswin-quillfeather',
      ]);
      expect(ids((await store().listRelations({ document: 'fixture-c', limit: 100 })).items)).toEqual(['roth-met-okafor', 'varga-met-roth']);
      expect(ids((await store().listRelations({ document: 'fixture-b', limit: 100 })).items)).toHaveLength(4);
      expect(ids((await store().listRelations({ entity: 'anika-roth', document: 'fixture-c', limit: 100 })).items)).toEqual([
        'roth-met-okafor',
        'varga-met-roth',
      ]);
      const timeline = await store().timeline({ document: 'fixture-c', limit: 100 });
      expect(timeline.items.map((i) => `${i.itemType}:${i.id}`)).toEqual(['relation:varga-met-roth', 'relation:roth-met-okafor']);
      expect((await store().listEntities({ document: 'no-such-document', limit: 10 })).total).toBe(0);
      const hits = async (document?: string) => (await store().search({ q: 'roth', document, limit: 10 })).map((h) => h.entity.id);
      expect(await hits()).toContain('anika-roth');
      const inC = ['anika-roth', 'bren-okafor', 'harbor-gazette', 'lena-varga', 'oswin-quillfeather'];
      expect((await hits('fixture-c'))[0]).toBe('anika-roth');
      expect((await hits('fixture-c')).every((id) => inC.includes(id))).toBe(true);
      expect((await store().search({ q: 'varga', document: 'fixture-a', limit: 10 })).length).toBe(0);
      expect((await store().search({ q: 'varga', document: 'fixture-c', limit: 10 })).map((h) => h.entity.id)).toEqual(['lena-varga']);
    });

    it('returns the stored bundle, version and author', async () => {
      const stored = (await store().getStoredDocument('fixture-c'))!;
      expect(stored.bundle).toEqual(fixtureC());
      expect(stored.version).toBe(versionC);
      expect(stored.author).toBe('alice');
      expect(stored.spansVerified).toBe(true);
      const info = (await store().getDocument('fixture-c'))!;
      expectShape(DocumentInfo, info);
      expect(info).toMatchObject({ id: 'fixture-c', version: versionC, author: 'alice', spansVerified: true, entityCount: 5, relationCount: 2 });
      expect((await store().getStoredDocument('fixture-a'))!.bundle).toEqual(bundleA());
      expect(await store().getStoredDocument('no-such-document')).toBeNull();
    });

    it('refuses a stale If-Match and If-None-Match: * on an existing document, changing nothing', async () => {
      const before = await snapshot(store());
      const stale = await rejection(put(store(), fixtureC(), { ifMatch: '"0123456789abcdef0123456789abcdef"' }));
      expect(stale).toBeInstanceOf(PreconditionFailedError);
      expect((stale as PreconditionFailedError).current).toBe(versionC);
      expect(await rejection(put(store(), fixtureC(), { ifNoneMatch: '*' }))).toBeInstanceOf(PreconditionFailedError);
      expect(await rejection(put(store(), { ...fixtureC(), document: { ...fixtureC().document, id: 'fixture-e' } }, { ifMatch: '*' }))).toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(await rejection(store().deleteDocument('fixture-c', { ifMatch: '"stale"' }))).toBeInstanceOf(PreconditionFailedError);
      expect(await snapshot(store())).toEqual(before);
    });

    it('refuses a document that conflicts with the stored ones, naming both, changing nothing', async () => {
      const before = await snapshot(store());
      const err = await rejection(put(store(), conflictingBundle()));
      expect(err).toBeInstanceOf(DocumentConflictError);
      expect((err as DocumentConflictError).problems).toEqual([
        'fixture-d: entity "anika-roth" field kind: "organization" conflicts with "person" in document "fixture-a"',
        'fixture-d: entity "anika-roth" field subtype: "political-party" conflicts with "politician" in document "fixture-a"',
      ]);
      expect(await snapshot(store())).toEqual(before);
      expect(await store().getDocument('fixture-d')).toBeNull();
    });

    it('replaces a document with a matching If-Match: what only it supported goes, the rest stays', async () => {
      const next = fixtureC();
      next.relations = next.relations.filter((r) => r.id === 'varga-met-roth');
      const result = await put(store(), next, { ifMatch: `"${versionC}"` });
      expect(result).toMatchObject({ created: false, version: bundleVersion(next), relations: { created: 0, updated: 1, deleted: 0 } });
      const r = (await store().getRelation('roth-met-okafor'))!;
      expect(r.documents).toEqual(['fixture-a']);
      expect(r.assertions).toHaveLength(1);
      expect(r.evidence.map((e) => e.document)).toEqual(['fixture-a']);
      // Writing the same bundle again changes nothing.
      expect(await put(store(), next, { ifMatch: `"${bundleVersion(next)}"` })).toMatchObject({
        created: false,
        entities: { created: 0, updated: 0, deleted: 0 },
        relations: { created: 0, updated: 0, deleted: 0 },
      });
    });

    it('merges the time keys of a statement made by two documents: known from the first to the last publication', async () => {
      const before = await snapshot(store());
      const rivalry = (q: { asOf?: string; possible?: boolean; subject?: string; document?: string }) =>
        store()
          .listRelations({ types: ['RIVAL_OF'], limit: 10, ...q })
          .then((p) => p.items.map((r) => `${r.id}:${r.timeMatch ?? '-'}`));
      // fixture-a alone observes it at 2014-04-23: 2015 is only possible.
      expect(await rivalry({ asOf: '2015' })).toEqual([]);
      expect(await rivalry({ asOf: '2015', possible: true })).toEqual(['kestovar-rival-of-vardania:possible']);
      await put(store(), laterObservation());
      expect((await store().getRelation('kestovar-rival-of-vardania'))!.documents).toEqual(['fixture-a', 'fixture-e']);
      for (const asOf of ['2014-04-23', '2015', '2016-05']) expect(await rivalry({ asOf })).toEqual(['kestovar-rival-of-vardania:known']);
      expect(await rivalry({ asOf: '2014-04-22' })).toEqual([]);
      expect(await rivalry({ asOf: '2017', possible: true })).toEqual(['kestovar-rival-of-vardania:possible']);
      // Symmetric subject filter and the document filter together, on the merged keys.
      expect(await rivalry({ asOf: '2015', subject: 'vardania', document: 'fixture-e' })).toEqual(['kestovar-rival-of-vardania:known']);
      expect(await rivalry({ asOf: '2015', subject: 'vardania', document: 'fixture-b' })).toEqual([]);
      // Deleting the later document takes its knowledge away again.
      await store().deleteDocument('fixture-e', {});
      expect(await rivalry({ asOf: '2015' })).toEqual([]);
      expect(await snapshot(store())).toEqual(before);
    });

    it('deletes a document: what only it supported goes, shared entities keep the other documents', async () => {
      const result = (await store().deleteDocument('fixture-c', {}))!;
      expect(result).toEqual({
        document: 'fixture-c',
        version: null,
        created: false,
        entities: { created: 0, updated: 4, deleted: 1 },
        relations: { created: 0, updated: 0, deleted: 1 },
      });
      expect(await store().getEntity('lena-varga')).toBeNull();
      expect(await store().getRelation('varga-met-roth')).toBeNull();
      expect((await store().getEntity('anika-roth'))!.documents).toEqual(['fixture-a', 'fixture-b']);
      expect(await store().getDocument('fixture-c')).toBeNull();
      expect(await store().getStoredDocument('fixture-c')).toBeNull();
      expect(await store().deleteDocument('fixture-c', {})).toBeNull();
    });

    it('after deleting fixture-b, the graph is exactly the one built from fixture-a alone', async () => {
      const result = (await store().deleteDocument('fixture-b', { ifMatch: '*' }))!;
      expect(result.entities.deleted).toBe(1); // islands-talks, named only by fixture-b
      expect(result.relations.deleted).toBe(4);
      const alone = MemoryGraphStore.fromBundles([bundleA()]);
      expect(await snapshot(store())).toEqual(await snapshot(alone));
      const search = async (s: GraphStore) => (await s.search({ q: 'tarvos', limit: 10 })).map((h) => h.entity.id).sort();
      expect(await search(store())).toEqual(await search(alone));
    });
  });
}
