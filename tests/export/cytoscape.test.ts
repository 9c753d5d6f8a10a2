// Cytoscape.js JSON export, parsed as plain JSON and checked against the store.
import { describeStores, download, evidenceText, expectedScope } from './support';

interface Element {
  data: Record<string, unknown>;
}

describeStores('GET /export/cytoscape', (target) => {
  test('elements.nodes / elements.edges hold exactly the store’s entities and relations', async () => {
    const { app, store } = target();
    const expected = await expectedScope(store);
    const res = await download(app, '/export/cytoscape');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kg-graph.cyjs"');
    const { elements, directed, multigraph } = res.json() as { elements: { nodes: Element[]; edges: Element[] }; directed: boolean; multigraph: boolean };
    expect([directed, multigraph]).toEqual([true, true]);
    expect(elements.nodes).toHaveLength(expected.nodes.size);
    expect(elements.edges).toHaveLength(expected.edges.size);

    for (const { data } of elements.nodes) {
      const e = expected.nodes.get(data.id as string)!;
      expect(data).toEqual(
        JSON.parse(JSON.stringify({ id: e.id, value: e.id, label: e.name, name: e.name, kind: e.kind, subtype: e.subtype, summary: e.summary, aliases: e.aliases, wikidata: e.wikidata, time: e.time, validFrom: e.validFrom, validTo: e.validTo, ongoing: e.ongoing })),
      );
    }
    for (const { data } of elements.edges) {
      const r = expected.edges.get(data.id as string)!;
      expect(data).toEqual(
        JSON.parse(
          JSON.stringify({
            id: r.id,
            source: r.subject.id,
            target: r.object.id,
            key: r.id,
            label: r.type,
            interaction: r.type,
            relation_type: r.type,
            role: r.role,
            time: r.time,
            validFrom: r.validFrom,
            validTo: r.validTo,
            ongoing: r.ongoing,
            modality: r.modality,
            assertedBy: r.assertedBy.id,
            assertedByName: r.assertedBy.name,
            summary: r.summary,
            outsideKnowledge: r.outsideKnowledge,
            evidence: r.evidence.map((ev) => evidenceText([ev])),
          }),
        ),
      );
    }
    const ids = new Set(elements.nodes.map((n) => n.data.id));
    for (const { data } of elements.edges) expect(ids.has(data.source) && ids.has(data.target)).toBe(true);
  });
});
