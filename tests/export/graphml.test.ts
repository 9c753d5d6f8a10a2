// GraphML export, read back with graphology-graphml (an independent GraphML parser on @xmldom/xmldom).
import { MultiDirectedGraph } from 'graphology';
import { parse } from 'graphology-graphml';
import { defined, describeStores, download, expectedScope, typedEdgeColumns, typedNodeColumns } from './support';

describeStores('GET /export/graphml', (target) => {
  test('holds exactly the store’s entities and relations, with every attribute', async () => {
    const { app, store } = target();
    const expected = await expectedScope(store);
    const res = await download(app, '/export/graphml');
    expect(res.headers['content-type']).toBe('application/graphml+xml; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kg-graph.graphml"');

    const graph = parse(MultiDirectedGraph, res.body);
    expect(graph.order).toBe(expected.nodes.size);
    expect(graph.size).toBe(expected.edges.size);
    expect(graph.type).toBe('directed');

    for (const [id, e] of expected.nodes) {
      expect(graph.getNodeAttributes(id)).toEqual(defined({ label: e.name, ...typedNodeColumns(e) }));
    }
    for (const [id, r] of expected.edges) {
      expect(graph.source(id)).toBe(r.subject.id);
      expect(graph.target(id)).toBe(r.object.id);
      expect(graph.getEdgeAttributes(id)).toEqual(defined({ label: r.type, weight: 1, ...typedEdgeColumns(r) }));
    }
  });

  test('a kind and type scope keeps only those, and every edge joins exported nodes', async () => {
    const { app, store } = target();
    const q = { kind: ['person', 'place'] as const, type: ['MET', 'VISITED', 'LOCATED_IN'] as const };
    const expected = await expectedScope(store, { kind: [...q.kind], type: [...q.type] });
    expect(expected.edges.size).toBeGreaterThan(0);
    const res = await download(app, '/export/graphml?kind=person&kind=place&type=MET&type=VISITED&type=LOCATED_IN');
    const graph = parse(MultiDirectedGraph, res.body); // throws if an edge names a missing node
    expect(graph.order).toBe(expected.nodes.size);
    expect(graph.size).toBe(expected.edges.size);
    expect(new Set(graph.mapEdges((_e, a) => a.relation_type))).toEqual(new Set([...expected.edges.values()].map((r) => r.type)));
    graph.forEachNode((_n, a) => expect(['person', 'place']).toContain(a.kind));
  });
});
