// GEXF export, read back with graphology-gexf; the dynamic parts (which that parser ignores) with @xmldom/xmldom.
import { DOMParser, type Element } from '@xmldom/xmldom';
import { MultiDirectedGraph } from 'graphology';
import { parse } from 'graphology-gexf';
import { endKey, startKey } from '../../src/graph/dates';
import { defined, describeStores, download, expectedScope, typedEdgeColumns, typedNodeColumns } from './support';

const GEXF_NS = 'http://gexf.net/1.3';

/** start/end attributes of each element with an id: partial dates widened to days, open bounds absent. */
function spans(doc: ReturnType<DOMParser['parseFromString']>, tag: string) {
  const out = new Map<string, { start?: string; end?: string }>();
  const list = doc.getElementsByTagNameNS(GEXF_NS, tag);
  for (let i = 0; i < list.length; i++) {
    const el = list.item(i) as Element;
    out.set(el.getAttribute('id')!, defined({ start: el.getAttribute('start') ?? undefined, end: el.getAttribute('end') ?? undefined }));
  }
  return out;
}

// a dated one-off (lone validFrom, not ongoing) ends with its own date: unknown bounds are never "forever"
const daySpan = (x: { time?: string; validFrom?: string; validTo?: string; ongoing?: boolean }) => {
  const oneOff = x.time === 'dated' && x.validFrom && !x.validTo && !x.ongoing;
  return defined({ start: x.validFrom ? startKey(x.validFrom) : undefined, end: x.validTo ? endKey(x.validTo) : oneOff ? endKey(x.validFrom!) : undefined });
};

describeStores('GET /export/gexf', (target) => {
  test('holds exactly the store’s entities and relations, with every attribute', async () => {
    const { app, store } = target();
    const expected = await expectedScope(store);
    const res = await download(app, '/export/gexf');
    expect(res.headers['content-type']).toBe('application/gexf+xml; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kg-graph.gexf"');

    const graph = parse(MultiDirectedGraph, res.body);
    expect(graph.order).toBe(expected.nodes.size);
    expect(graph.size).toBe(expected.edges.size);
    for (const [id, e] of expected.nodes) {
      expect(graph.getNodeAttributes(id)).toEqual(defined({ label: e.name, ...typedNodeColumns(e) }));
    }
    for (const [id, r] of expected.edges) {
      expect([graph.source(id), graph.target(id)]).toEqual([r.subject.id, r.object.id]);
      expect(graph.getEdgeAttributes(id)).toEqual(defined({ label: r.type, kind: r.type, weight: 1, ...typedEdgeColumns(r) }));
    }
  });

  test('is a dynamic GEXF 1.3 whose intervals are the validity days', async () => {
    const { app, store } = target();
    const expected = await expectedScope(store);
    const doc = new DOMParser().parseFromString((await download(app, '/export/gexf')).body, 'application/xml');
    const root = doc.documentElement!;
    expect([root.namespaceURI, root.getAttribute('version')]).toEqual([GEXF_NS, '1.3']);
    const graph = doc.getElementsByTagNameNS(GEXF_NS, 'graph').item(0)!;
    expect(graph.getAttribute('mode')).toBe('dynamic');
    expect(graph.getAttribute('timeformat')).toBe('date');
    expect(graph.getAttribute('defaultedgetype')).toBe('directed');

    const nodeSpans = spans(doc, 'node');
    const edgeSpans = spans(doc, 'edge');
    for (const [id, e] of expected.nodes) expect(nodeSpans.get(id)).toEqual(daySpan(e));
    for (const [id, r] of expected.edges) expect(edgeSpans.get(id)).toEqual(daySpan(r));
    // The fixtures have month and year precision: they must widen, e.g. 2014-02 ends on 2014-02-28.
    const widened = [...expected.edges.values()].filter((r) => (r.validTo ?? '').length === 7 || (r.validFrom ?? '').length === 4);
    expect(widened.length).toBeGreaterThan(0);
  });

  test('a time window keeps the relations valid in it', async () => {
    const { app, store } = target();
    const expected = await expectedScope(store, { since: '2014-03', until: '2014-04' });
    const all = await expectedScope(store);
    expect(expected.edges.size).toBeLessThan(all.edges.size);
    const graph = parse(MultiDirectedGraph, (await download(app, '/export/gexf?since=2014-03&until=2014-04')).body);
    expect(graph.order).toBe(expected.nodes.size);
    expect(new Set(graph.edges())).toEqual(new Set(expected.edges.keys()));
  });
});
