// Export scopes through HTTP: neighbourhoods equal store.neighbourhood, kind/type/time filters, headers, errors, docs.
import { EXPORT_FORMATS } from '../../src/export/formats';
import type { GraphStore } from '../../src/graph/store';
import { describeStores, download, expectedScope, type ScopeQuery } from './support';

interface Line {
  type: 'entity' | 'relation';
  id: string;
  kind?: string;
  relationType?: string;
  subject?: { id: string };
  object?: { id: string };
}
const lines = (body: string) => body.trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);
const ids = (ls: Line[], type: Line['type']) => ls.filter((l) => l.type === type).map((l) => l.id);

async function centreOf(store: GraphStore) {
  return (await store.stats(1)).mostConnected[0]!.entity.id;
}

const ENDPOINTS: Array<[string, string, string]> = EXPORT_FORMATS.map((f) => [f.path, f.contentType, f.fileName('kg-SCOPE')]);

describeStores(
  'export scopes',
  (target) => {
    test.each([1, 2, 3])('the neighbourhood at depth %i is exactly store.neighbourhood', async (depth) => {
      const { app, store } = target();
      const centre = await centreOf(store);
      const sub = (await store.neighbourhood(centre, { depth, maxNodes: 500, maxEdges: 2000 }))!;
      const res = await download(app, `/export/ndjson?entity=${centre}&depth=${depth}`);
      expect(res.headers['x-export-truncated']).toBe(String(sub.truncated));
      const ls = lines(res.body);
      expect(ids(ls, 'entity')).toEqual(sub.nodes.map((n) => n.id));
      expect(ids(ls, 'relation')).toEqual(sub.edges.map((r) => r.id));
    });

    test('a neighbourhood with types, a time window and kinds: the store’s answer, cut to the kinds', async () => {
      const { app, store } = target();
      const centre = await centreOf(store);
      const types = ['MET', 'PARTICIPATED_IN', 'HOLDS_OFFICE', 'LOCATED_IN', 'VISITED'] as const;
      const sub = (await store.neighbourhood(centre, { depth: 2, types: [...types], since: '2012', maxNodes: 500, maxEdges: 2000 }))!;
      const query = `entity=${centre}&depth=2&since=2012&${types.map((t) => `type=${t}`).join('&')}`;
      const all = lines((await download(app, `/export/ndjson?${query}`)).body);
      expect(ids(all, 'entity')).toEqual(sub.nodes.map((n) => n.id));
      expect(ids(all, 'relation')).toEqual(sub.edges.map((r) => r.id));

      const people = lines((await download(app, `/export/ndjson?${query}&kind=person`)).body);
      const kept = sub.nodes.filter((n) => n.kind === 'person').map((n) => n.id);
      expect(ids(people, 'entity')).toEqual(kept);
      expect(ids(people, 'relation')).toEqual(sub.edges.filter((r) => kept.includes(r.subject.id) && kept.includes(r.object.id)).map((r) => r.id));
    });

    test('kind and type filters on the whole graph match listEntities / listRelations', async () => {
      const { app, store } = target();
      const cases: Array<[string, ScopeQuery]> = [
        ['kind=event&kind=place', { kind: ['event', 'place'] }],
        ['type=LOCATED_IN&type=MEMBER_OF', { type: ['LOCATED_IN', 'MEMBER_OF'] }],
        ['kind=place&kind=organization&type=DISPUTES&type=MEMBER_OF&type=PART_OF', { kind: ['place', 'organization'], type: ['DISPUTES', 'MEMBER_OF', 'PART_OF'] }],
        ['asOf=2014-03-15', { asOf: '2014-03-15' }],
        ['asOf=2014-03-15&possible=true', { asOf: '2014-03-15', possible: true }],
        ['since=2013&until=2013-06&possible=true', { since: '2013', until: '2013-06', possible: true }],
      ];
      for (const [query, q] of cases) {
        const expected = await expectedScope(store, q);
        expect(expected.edges.size).toBeGreaterThan(0);
        const ls = lines((await download(app, `/export/ndjson?${query}`)).body);
        expect(ids(ls, 'entity')).toEqual([...expected.nodes.keys()]);
        expect(ids(ls, 'relation')).toEqual([...expected.edges.keys()]);
        const nodeIds = new Set(ids(ls, 'entity'));
        for (const r of ls.filter((l) => l.type === 'relation')) expect(nodeIds.has(r.subject!.id) && nodeIds.has(r.object!.id)).toBe(true);
      }
    });

    test('a time window keeps what is known to hold by default, and what may hold with possible=true', async () => {
      const { app, store } = target();
      const known = await expectedScope(store, { asOf: '2014-03-15' });
      const possible = await expectedScope(store, { asOf: '2014-03-15', possible: true });
      expect(possible.edges.size).toBeGreaterThan(known.edges.size);
      for (const id of known.edges.keys()) expect(possible.edges.has(id)).toBe(true);
      const ls = lines((await download(app, '/export/ndjson?asOf=2014-03-15&possible=true')).body);
      expect(ids(ls, 'relation')).toEqual([...possible.edges.keys()]);
    });

    test.each(ENDPOINTS)('/export/%s: content type and attachment file name, whole graph and neighbourhood', async (path, type, file) => {
      const { app, store } = target();
      const centre = await centreOf(store);
      const scopes: Array<[string, string]> = [
        ['', 'graph'],
        [`?entity=${centre}&depth=2`, `${centre}-depth2`],
      ];
      for (const [query, scope] of scopes) {
        const res = await download(app, `/export/${path}${query}`);
        expect(res.headers['content-type']).toBe(type);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="${file.replace('SCOPE', scope)}"`);
        expect(res.rawPayload.length).toBeGreaterThan(0);
      }
    });

    test.each(ENDPOINTS)('/export/%s: 404 problem for an unknown entity, 400 for bad parameters', async (path) => {
      const { app } = target();
      const missing = await app.inject(`/export/${path}?entity=no-such-entity`);
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.json().detail).toContain('no-such-entity');
      for (const bad of ['depth=4&entity=x', 'kind=robot', 'type=LIKES', 'asOf=2014-13', 'entity=Not%20A%20Slug', 'format=xml']) {
        const res = await app.inject(`/export/${path}?${bad}`);
        expect(res.statusCode).toBe(400);
        expect(res.json().type).toBe('urn:kg-api:problem:invalid-parameter');
      }
    });
  },
  { articleOnNeo4j: true },
);
