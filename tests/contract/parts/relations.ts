import { createHash } from 'node:crypto';
import { Relation } from '../../../src/schemas/domain';
import type { RelationQuery } from '../../../src/graph/store';
import { fixtureText } from '../../fixtures';
import { REF, RELATION_IDS } from './facts';
import { BAD_CURSORS, expectInvalid, expectShape, ids, walkPages, type StoreRef } from './helpers';

const TEXT_A = () => fixtureText('tests/fixtures/fixture-a.txt');
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export function relationContract(store: StoreRef): void {
  const listIds = async (q: Omit<RelationQuery, 'limit'>) => ids((await store().listRelations({ limit: 100, ...q })).items);

  describe('listRelations', () => {
    it('lists every relation by id with the total', async () => {
      const page = await store().listRelations({ limit: 100 });
      expect(ids(page.items)).toEqual(RELATION_IDS);
      expect(page.total).toBe(26);
      expect(page.nextCursor).toBeNull();
      for (const r of page.items) expectShape(Relation, r);
    });

    it.each([1, 3, 7, 26])('walks every page at limit %i without gaps or duplicates', async (limit) => {
      const walk = await walkPages((cursor) => store().listRelations({ limit, cursor }), limit);
      expect(ids(walk.items)).toEqual(RELATION_IDS);
      expect(walk.pages).toBe(Math.ceil(26 / limit));
    });

    it('pages a filtered list', async () => {
      const walk = await walkPages((cursor) => store().listRelations({ limit: 3, entity: 'vardania', cursor }), 3);
      expect(walk.total).toBe(8);
      expect(walk.pages).toBe(3);
    });

    it.each(BAD_CURSORS)('rejects the cursor %p', async (cursor) => {
      await expectInvalid(store().listRelations({ limit: 2, cursor }), 'cursor');
    });

    it('filters by types', async () => {
      expect(await listIds({ types: ['MET'] })).toEqual(['roth-met-okafor', 'roth-met-okafor-again']);
      expect(await listIds({ types: ['MET', 'VISITED'] })).toEqual(['okafor-visited-port-halden', 'roth-met-okafor', 'roth-met-okafor-again']);
      expect(await listIds({ types: [] })).toEqual(RELATION_IDS);
    });

    it('filters by entity and direction (assertedBy does not count as touching; symmetric MET counts either way)', async () => {
      expect(await listIds({ entity: 'anika-roth' })).toEqual([
        'roth-at-halden-summit', 'roth-member-of-civic-union', 'roth-met-okafor', 'roth-met-okafor-again', 'roth-president-of-vardania',
      ]);
      expect(await listIds({ entity: 'bren-okafor', direction: 'out' })).toEqual([
        'okafor-at-halden-summit', 'okafor-minister-of-kestovar', 'okafor-visited-port-halden', 'roth-met-okafor', 'roth-met-okafor-again',
      ]);
      expect(await listIds({ entity: 'bren-okafor', direction: 'in' })).toEqual(['roth-met-okafor', 'roth-met-okafor-again']);
      expect(await listIds({ entity: 'bren-okafor', direction: 'both' })).toEqual([
        'okafor-at-halden-summit', 'okafor-minister-of-kestovar', 'okafor-visited-port-halden', 'roth-met-okafor', 'roth-met-okafor-again',
      ]);
      expect(await listIds({ entity: 'vardania', direction: 'in' })).toEqual([
        'compact-backs-vardania', 'kestovar-rival-of-vardania', 'navy-part-of-vardania', 'port-halden-in-vardania', 'roth-president-of-vardania',
      ]);
      expect(await listIds({ entity: 'vardania', direction: 'out' })).toEqual([
        'kestovar-rival-of-vardania', 'vardania-disputes-tarvos', 'vardania-engages-kestovar', 'vardania-joins-compact',
      ]);
      expect(await listIds({ entity: 'ember-reach' })).toEqual([]);
    });

    it('matches a self-loop in every direction', async () => {
      expect(await listIds({ entity: 'civic-union-party', direction: 'out' })).toEqual(['civic-union-in-2012-election', 'civic-union-infighting']);
      expect(await listIds({ entity: 'civic-union-party', direction: 'in' })).toEqual(['civic-union-infighting', 'roth-member-of-civic-union']);
    });

    it('filters by the kind at the other end (counterpartKinds)', async () => {
      expect(await listIds({ entity: 'vardania', counterpartKinds: ['place'] })).toEqual([
        'kestovar-rival-of-vardania', 'port-halden-in-vardania', 'vardania-disputes-tarvos', 'vardania-engages-kestovar',
      ]);
      expect(await listIds({ entity: 'vardania', direction: 'in', counterpartKinds: ['place'] })).toEqual(['kestovar-rival-of-vardania', 'port-halden-in-vardania']);
      expect(await listIds({ entity: 'vardania', counterpartKinds: ['organization'] })).toEqual([
        'compact-backs-vardania', 'navy-part-of-vardania', 'vardania-joins-compact',
      ]);
      expect(await listIds({ entity: 'civic-union-party', counterpartKinds: ['organization'] })).toEqual(['civic-union-infighting']);
      expect(await listIds({ entity: 'civic-union-party', counterpartKinds: ['person'] })).toEqual(['roth-member-of-civic-union']);
      expect(await listIds({ entity: 'civic-union-party', counterpartKinds: ['event'] })).toEqual(['civic-union-in-2012-election']);
    });

    it('filters by the kinds of both ends (endpointKinds)', async () => {
      expect(await listIds({ endpointKinds: ['place'] })).toEqual([
        'kestovar-disputes-tarvos', 'kestovar-rival-of-vardania', 'port-halden-in-vardania', 'tarvos-in-gray-sea', 'vardania-disputes-tarvos', 'vardania-engages-kestovar',
      ]);
      expect(await listIds({ endpointKinds: ['person'] })).toEqual(['roth-met-okafor', 'roth-met-okafor-again']);
      expect(await listIds({ endpointKinds: ['person', 'organization'] })).toEqual([
        'civic-union-infighting', 'quillfeather-writes-for-gazette', 'roth-member-of-civic-union', 'roth-met-okafor', 'roth-met-okafor-again',
      ]);
    });

    it('filters by subject and object', async () => {
      expect(await listIds({ subject: 'kestovar' })).toEqual(['kestovar-disputes-tarvos', 'kestovar-plans-talks', 'kestovar-rival-of-vardania']);
      expect(await listIds({ object: 'tarvos-islands' })).toEqual(['kestovar-disputes-tarvos', 'talks-target-tarvos', 'vardania-disputes-tarvos']);
      expect(await listIds({ subject: 'kestovar', object: 'tarvos-islands' })).toEqual(['kestovar-disputes-tarvos']);
      expect(await listIds({ subject: 'tarvos-islands', object: 'kestovar' })).toEqual([]);
    });

    it('filters by modalities and assertedBy', async () => {
      expect(await listIds({ modalities: ['assessment', 'intention'] })).toEqual(['civic-union-infighting', 'kestovar-plans-talks', 'kestovar-rival-of-vardania']);
      expect(await listIds({ modalities: ['attributed'] })).toEqual(['compact-backs-vardania', 'vardania-disputes-tarvos']);
      expect((await store().listRelations({ limit: 1, modalities: ['stated'] })).total).toBe(21);
      expect(await listIds({ assertedBy: 'oswin-quillfeather' })).toEqual(['civic-union-infighting', 'kestovar-rival-of-vardania']);
      expect(await listIds({ assertedBy: 'kestovar' })).toEqual(['vardania-disputes-tarvos']);
      expect(await listIds({ assertedBy: 'anika-roth' })).toEqual(['compact-backs-vardania']);
      expect(await listIds({ assertedBy: 'bren-okafor' })).toEqual(['kestovar-plans-talks']);
      expect((await store().listRelations({ limit: 1, assertedBy: 'harbor-gazette' })).total).toBe(21);
    });

    it('combines filters', async () => {
      expect(await listIds({ entity: 'vardania', modalities: ['attributed'] })).toEqual(['compact-backs-vardania', 'vardania-disputes-tarvos']);
      expect(await listIds({ entity: 'vardania', direction: 'out', types: ['DISPUTES', 'RIVAL_OF'] })).toEqual(['kestovar-rival-of-vardania', 'vardania-disputes-tarvos']);
      expect(await listIds({ entity: 'vardania', direction: 'out', types: ['DISPUTES', 'ENGAGED_WITH'] })).toEqual(['vardania-disputes-tarvos', 'vardania-engages-kestovar']);
      expect(await listIds({ entity: 'vardania', asOf: '2014-02-15', counterpartKinds: ['organization'] })).toEqual(['navy-part-of-vardania', 'vardania-joins-compact']);
    });

    it('matches symmetric types (MET, RIVAL_OF) in either stored orientation for subject and object', async () => {
      // stored: anika-roth MET bren-okafor (twice), kestovar RIVAL_OF vardania
      expect(await listIds({ types: ['MET'], subject: 'bren-okafor' })).toEqual(['roth-met-okafor', 'roth-met-okafor-again']);
      expect(await listIds({ types: ['MET'], object: 'anika-roth' })).toEqual(['roth-met-okafor', 'roth-met-okafor-again']);
      expect(await listIds({ subject: 'bren-okafor', object: 'anika-roth' })).toEqual(['roth-met-okafor', 'roth-met-okafor-again']);
      expect(await listIds({ subject: 'anika-roth', object: 'bren-okafor' })).toEqual(['roth-met-okafor', 'roth-met-okafor-again']);
      expect(await listIds({ subject: 'vardania', types: ['RIVAL_OF'] })).toEqual(['kestovar-rival-of-vardania']);
      expect(await listIds({ subject: 'vardania', object: 'kestovar' })).toEqual(['kestovar-rival-of-vardania', 'vardania-engages-kestovar']);
      expect(await listIds({ subject: 'kestovar', object: 'vardania' })).toEqual(['kestovar-rival-of-vardania']);
      // not symmetric: the stored orientation only
      expect(await listIds({ subject: 'kestovar', object: 'vardania', types: ['ENGAGED_WITH'] })).toEqual([]);
      expect(await listIds({ subject: 'vardania', object: 'kestovar', types: ['ENGAGED_WITH'] })).toEqual(['vardania-engages-kestovar']);
      expect(await listIds({ subject: 'bren-okafor', object: 'bren-okafor' })).toEqual([]);
    });

    it('says which stored end the requested entity is (requestedEnd), for symmetric types too', async () => {
      const ends = async (q: Omit<RelationQuery, 'limit'>) =>
        (await store().listRelations({ limit: 100, ...q })).items.map((r) => [r.id, r.requestedEnd]);
      expect(await ends({ entity: 'bren-okafor', direction: 'out', types: ['MET', 'HOLDS_OFFICE'] })).toEqual([
        ['okafor-minister-of-kestovar', 'subject'], ['roth-met-okafor', 'object'], ['roth-met-okafor-again', 'object'],
      ]);
      expect(await ends({ entity: 'vardania', direction: 'in', types: ['RIVAL_OF', 'ENGAGED_WITH', 'HOLDS_OFFICE'] })).toEqual([
        ['kestovar-rival-of-vardania', 'object'], ['roth-president-of-vardania', 'object'],
      ]);
      expect(await ends({ entity: 'kestovar', direction: 'in', types: ['RIVAL_OF', 'ENGAGED_WITH'] })).toEqual([
        ['kestovar-rival-of-vardania', 'subject'], ['vardania-engages-kestovar', 'object'],
      ]);
      // a self-loop: the first end that matches
      expect(await ends({ entity: 'civic-union-party', types: ['OPPOSED'] })).toEqual([['civic-union-infighting', 'subject']]);
      expect(await ends({ entity: 'civic-union-party', direction: 'in', types: ['OPPOSED'] })).toEqual([['civic-union-infighting', 'object']]);
      // subject / object filters: the stored end of the entity asked for, swapped for a symmetric type found the other way
      expect(await ends({ types: ['MET'], subject: 'bren-okafor' })).toEqual([['roth-met-okafor', 'object'], ['roth-met-okafor-again', 'object']]);
      expect(await ends({ types: ['MET'], subject: 'anika-roth' })).toEqual([['roth-met-okafor', 'subject'], ['roth-met-okafor-again', 'subject']]);
      expect(await ends({ types: ['MET'], object: 'anika-roth' })).toEqual([['roth-met-okafor', 'subject'], ['roth-met-okafor-again', 'subject']]);
      expect(await ends({ subject: 'vardania', object: 'kestovar' })).toEqual([['kestovar-rival-of-vardania', 'object'], ['vardania-engages-kestovar', 'subject']]);
      // without an entity, subject or object there is no requested end
      expect((await store().listRelations({ limit: 100, types: ['MET'] })).items.filter((r) => 'requestedEnd' in r)).toEqual([]);
    });

    it.each(['entity', 'subject', 'object', 'assertedBy'] as const)('rejects an unknown id in %s', async (p) => {
      await expectInvalid(store().listRelations({ limit: 10, [p]: 'no-such-entity' }), p);
    });
  });

  describe('getRelation', () => {
    it('returns the relation with refs, dates, role and verifiable evidence', async () => {
      const r = await store().getRelation('roth-president-of-vardania');
      expectShape(Relation, r);
      expect(r).toEqual({
        id: 'roth-president-of-vardania',
        type: 'HOLDS_OFFICE',
        subject: REF.anika,
        object: REF.vardania,
        role: 'President',
        time: 'dated',
        validFrom: '2012-06',
        ongoing: true,
        assertedBy: REF.gazette,
        modality: 'stated',
        summary: 'Roth leads Vardania.',
        evidence: [expect.objectContaining({ document: 'fixture-a', paragraph: 3 })],
        documents: ['fixture-a'],
        assertions: [{ document: 'fixture-a', assertedBy: 'harbor-gazette', modality: 'stated' }],
      });
      const ev = r!.evidence[0]!;
      const slice = TEXT_A().slice(ev.start, ev.end);
      expect(slice).toBe('Anika Roth has served as President of Vardania since June 2012');
      expect(ev.sha256).toBe(sha(slice));
    });

    it('omits role and dates when absent', async () => {
      const r = (await store().getRelation('kestovar-rival-of-vardania'))!;
      expectShape(Relation, r);
      for (const key of ['role', 'validFrom', 'validTo', 'ongoing', 'timeMatch', 'requestedEnd']) expect(r).not.toHaveProperty(key);
      expect(r).toMatchObject({ subject: REF.kestovar, object: REF.vardania, assertedBy: REF.oswin, modality: 'assessment', time: 'observed' });
      const bounded = (await store().getRelation('okafor-minister-of-kestovar'))!;
      expect(bounded).not.toHaveProperty('validFrom');
      expect(bounded).not.toHaveProperty('ongoing');
      expect(bounded).toMatchObject({ time: 'dated', validTo: '2014-02', role: 'Foreign Minister' });
      expect(await store().getRelation('tarvos-in-gray-sea')).toMatchObject({ time: 'timeless' });
    });

    it('orders several evidence records by offset', async () => {
      const r = (await store().getRelation('roth-at-halden-summit'))!;
      expect(r.evidence.map((e) => TEXT_A().slice(e.start, e.end))).toEqual([
        'He and Roth first met at the Halden Summit',
        'both leaders took part in two days of talks',
      ]);
    });

    it('returns a self-loop with the same subject and object', async () => {
      const r = (await store().getRelation('civic-union-infighting'))!;
      expect(r.subject).toEqual(r.object);
      expect(r).toMatchObject({ type: 'OPPOSED', validFrom: '2013', validTo: '2013' });
    });

    it('returns null for an unknown id', async () => {
      expect(await store().getRelation('no-such-relation')).toBeNull();
    });
  });

  describe('outsideKnowledge', () => {
    // The fixture flags one relation: the text relies on Roth's party membership ("her Civic Union Party")
    // without stating it. Every other relation comes from the text and has no such field.
    const FLAGGED = 'roth-member-of-civic-union';

    it('is true on the flagged relation from getRelation, evidence still pointing into the text', async () => {
      const r = (await store().getRelation(FLAGGED))!;
      expectShape(Relation, r);
      expect(r.outsideKnowledge).toBe(true);
      expect(r).toMatchObject({ type: 'MEMBER_OF', subject: REF.anika, modality: 'stated', assertedBy: REF.gazette });
      expect(r.evidence.map((e) => TEXT_A().slice(e.start, e.end))).toEqual(['her Civic Union Party']);
    });

    it('is absent (not false) on a relation from the text', async () => {
      for (const id of ['roth-president-of-vardania', 'kestovar-rival-of-vardania', 'vardania-disputes-tarvos']) {
        expect(await store().getRelation(id)).not.toHaveProperty('outsideKnowledge');
      }
    });

    it('comes back from listRelations on exactly the flagged relation', async () => {
      const { items } = await store().listRelations({ limit: 100 });
      expect(items).toHaveLength(26);
      expect(items.filter((r) => 'outsideKnowledge' in r).map((r) => [r.id, r.outsideKnowledge])).toEqual([[FLAGGED, true]]);
      const filtered = await store().listRelations({ limit: 100, entity: 'civic-union-party', direction: 'in' });
      expect(filtered.items.find((r) => r.id === FLAGGED)?.outsideKnowledge).toBe(true);
    });
  });
}
