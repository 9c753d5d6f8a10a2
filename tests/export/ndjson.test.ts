// NDJSON export, read line by line with JSON.parse: every entity, then every relation with full evidence.
import { describeStores, download, expectedScope, outsideKnowledgeIds } from './support';

describeStores(
  'GET /export/ndjson',
  (target) => {
    test('one line per entity, then one per relation, each the API’s domain object', async () => {
      const { app, store } = target();
      const expected = await expectedScope(store);
      const res = await download(app, '/export/ndjson');
      expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="kg-graph.ndjson"');
      expect(res.body.endsWith('\n')).toBe(true);
      const lines = res.body.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      const types = lines.map((l) => l.type);
      expect(types).toEqual([...Array(expected.nodes.size).fill('entity'), ...Array(expected.edges.size).fill('relation')]);

      for (const { type: _record, ...entity } of lines.filter((l) => l.type === 'entity')) {
        expect(entity).toEqual(expected.nodes.get(entity.id as string));
      }
      for (const { type: _record, relationType, ...rest } of lines.filter((l) => l.type === 'relation')) {
        expect({ type: relationType, ...rest }).toEqual(expected.edges.get(rest.id as string));
      }
    });

    test('outsideKnowledge is true on exactly the flagged relations and absent on the others', async () => {
      const { app, store } = target();
      const flagged = outsideKnowledgeIds(await expectedScope(store));
      const relations = (await download(app, '/export/ndjson')).body
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((l) => l.type === 'relation');
      const marked = relations.filter((l) => 'outsideKnowledge' in l);
      expect(marked.map((l) => l.id).sort()).toEqual(flagged);
      expect(marked.every((l) => l.outsideKnowledge === true)).toBe(true);
    });

  },
  { articleOnNeo4j: true },
);
