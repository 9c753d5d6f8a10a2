import { createHash } from 'node:crypto';
import { DocumentInfo, SchemaInfo, Stats } from '../../../src/schemas/domain';
import { ENTITY_KINDS, ENTITY_SUBTYPES, MODALITIES, MODALITY_NAMES, RELATION_TYPES, RELATION_TYPE_NAMES } from '../../../src/schemas/vocabulary';
import { join } from 'node:path';
import { readBundleFile } from '../../../src/graph/data/bundle';
import { bundleVersion } from '../../../src/graph/data/documents';
import { FIXTURE_BUNDLE_DIR, fixtureText } from '../../fixtures';
import { DEGREES, KIND_COUNTS, MODALITY_COUNTS, REF, SUBTYPE_COUNTS, TYPE_COUNTS } from './facts';
import { expectShape, type StoreRef } from './helpers';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const DOC_A = () => ({
  id: 'fixture-a',
  title: 'Vardania and Kestovar Circle the Tarvos Islands',
  publisher: REF.gazette,
  published: '2014-04-23',
  sha256: sha(fixtureText('tests/fixtures/fixture-a.txt')),
  characters: 1177,
  paragraphs: 8,
  sourceFile: 'tests/fixtures/fixture-a.txt',
  entityCount: 17, // every entity but islands-talks
  relationCount: 22,
  version: bundleVersion(readBundleFile(join(FIXTURE_BUNDLE_DIR, 'fixture-a.json'))),
});
const DOC_B = () => ({
  id: 'fixture-b',
  title: 'Talks Planned over the Tarvos Islands',
  publisher: REF.gazette,
  published: '2014-05',
  sha256: sha(fixtureText('tests/fixtures/fixture-b.txt')),
  characters: 276,
  paragraphs: 5,
  sourceFile: 'tests/fixtures/fixture-b.txt',
  entityCount: 8, // harbor-gazette is declared in fixture-b but never named there
  relationCount: 4,
  version: bundleVersion(readBundleFile(join(FIXTURE_BUNDLE_DIR, 'fixture-b.json'))),
});

export function aggregateContract(store: StoreRef): void {
  describe('schema', () => {
    it('lists every kind with every subtype, every relation type and every modality, with counts', async () => {
      const s = await store().schema();
      expectShape(SchemaInfo, s);
      expect(s.kinds).toEqual(
        ENTITY_KINDS.map((kind) => ({
          kind,
          count: KIND_COUNTS[kind],
          subtypes: ENTITY_SUBTYPES[kind].map((subtype) => ({ subtype, count: SUBTYPE_COUNTS[`${kind}/${subtype}`] ?? 0 })),
        })),
      );
      expect(s.relationTypes).toEqual(
        RELATION_TYPE_NAMES.map((type) => ({
          type,
          description: RELATION_TYPES[type].description,
          subjectKinds: [...RELATION_TYPES[type].subject],
          objectKinds: [...RELATION_TYPES[type].object],
          symmetric: RELATION_TYPES[type].symmetric,
          count: TYPE_COUNTS[type] ?? 0,
        })),
      );
      expect(s.modalities).toEqual(MODALITY_NAMES.map((m) => ({ modality: m, description: MODALITIES[m], count: MODALITY_COUNTS[m] })));
    });
  });

  describe('documents', () => {
    it('lists the documents by id with entity and relation counts', async () => {
      const docs = await store().listDocuments();
      for (const d of docs) expectShape(DocumentInfo, d);
      expect(docs).toEqual([DOC_A(), DOC_B()]);
    });

    it('gets one document, or null', async () => {
      expect(await store().getDocument('fixture-b')).toEqual(DOC_B());
      expect(await store().getDocument('no-such-document')).toBeNull();
    });
  });

  describe('stats', () => {
    it('counts by kind and type (present ones only) and ranks by degree, ties by id', async () => {
      const s = await store().stats(5);
      expectShape(Stats, s);
      expect(s.entities).toEqual({ total: 18, byKind: KIND_COUNTS });
      expect(s.relations).toEqual({ total: 26, byType: TYPE_COUNTS });
      expect(s.documents).toBe(2);
      expect(s.mostConnected.map((m) => [m.entity.id, m.degree])).toEqual(DEGREES.slice(0, 5));
    });

    it('ranks every entity, counting a self-loop once and isolated entities as 0', async () => {
      const s = await store().stats(100);
      expect(s.mostConnected.map((m) => [m.entity.id, m.degree])).toEqual(DEGREES);
      expect((await store().stats(0)).mostConnected).toEqual([]);
    });
  });

  describe('store', () => {
    it('pings and describes itself', async () => {
      await expect(store().ping()).resolves.toBeUndefined();
      expect(['memory', 'neo4j']).toContain(store().kind);
      expect(await store().describe()).toEqual({ store: store().kind, entities: 18, relations: 26, documents: 2 });
    });
  });
}
