// Gephi spreadsheet CSV (two tables, and both in a zip), read back with csv-parse and fflate's unzip.
import { parse } from 'csv-parse/sync';
import { unzipSync, strFromU8 } from 'fflate';
import { endKey, startKey } from '../../src/graph/dates';
import type { EntitySummary, Relation } from '../../src/schemas/domain';
import { describeStores, download, edgeColumns, expectedScope, nodeColumns, outsideKnowledgeIds, type Expected } from './support';
import { buildApp } from '../../src/app';
import { MemoryGraphStore } from '../../src/graph/memory';
import { fixtureC } from '../fixtures/ingest';
import { testConfig } from '../helpers/app';

type Row = Record<string, string>;
const table = (text: string): Row[] => parse(text, { columns: true, skip_empty_lines: true });

/** Gephi's interval syntax; open bounds are ±Infinity. */
function interval(x: { time?: string; validFrom?: string; validTo?: string; ongoing?: boolean }) {
  if (!x.validFrom && !x.validTo) return '';
  // a dated one-off (lone validFrom, not ongoing) ends with its own date
  const end = x.validTo ?? (x.time === 'dated' && !x.ongoing ? x.validFrom : undefined);
  return `<[${x.validFrom ? startKey(x.validFrom) : '-Infinity'}, ${end ? endKey(end) : 'Infinity'}]>`;
}
const cells = (o: Record<string, string | undefined>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v ?? '']));

function checkNodes(rows: Row[], expected: Expected) {
  expect(rows).toHaveLength(expected.nodes.size);
  for (const row of rows) {
    const e = expected.nodes.get(row.Id!) as EntitySummary;
    expect(row).toEqual({ Id: e.id, Label: e.name, ...cells(nodeColumns(e)), 'Time Interval': interval(e) });
  }
}

function checkEdges(rows: Row[], expected: Expected) {
  expect(rows).toHaveLength(expected.edges.size);
  for (const row of rows) {
    const r = expected.edges.get(row.Id!) as Relation;
    expect(row).toEqual({
      Source: r.subject.id,
      Target: r.object.id,
      Type: 'Directed',
      Id: r.id,
      Label: r.type,
      Weight: '1',
      'Time Interval': interval(r),
      ...cells(edgeColumns(r)),
    });
  }
}

describeStores('CSV exports', (target) => {
  test('GET /export/csv/nodes is the Gephi nodes table of every entity', async () => {
    const { app, store } = target();
    const res = await download(app, '/export/csv/nodes');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kg-graph-nodes.csv"');
    expect(res.body.split('\r\n')[0]).toBe('Id,Label,kind,subtype,summary,aliases,outsideAliases,wikidata,time,validFrom,validTo,ongoing,Time Interval');
    checkNodes(table(res.body), await expectedScope(store));
  });

  test('GET /export/csv/edges is the Gephi edges table of every relation, with dates, attribution and evidence', async () => {
    const { app, store } = target();
    const res = await download(app, '/export/csv/edges');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kg-graph-edges.csv"');
    expect(res.body.split('\r\n')[0]).toMatch(/^Source,Target,Type,Id,Label,Weight,Time Interval,/);
    const rows = table(res.body);
    checkEdges(rows, await expectedScope(store));
    // Gephi's syntax for a dated relation, e.g. <[2014-03-15, 2014-03-16]>.
    expect(rows.some((r) => /^<\[\d{4}-\d{2}-\d{2}, \d{4}-\d{2}-\d{2}\]>$/.test(r['Time Interval']!))).toBe(true);
  });

  test('GET /export/csv/edges says "true" in outsideKnowledge on exactly the flagged relations, empty elsewhere', async () => {
    const { app, store } = target();
    const flagged = outsideKnowledgeIds(await expectedScope(store));
    const rows = table((await download(app, '/export/csv/edges')).body);
    expect(rows.filter((r) => r.outsideKnowledge === 'true').map((r) => r.Id).sort()).toEqual(flagged);
    expect(rows.every((r) => r.outsideKnowledge === 'true' || r.outsideKnowledge === '')).toBe(true);
  });

  test('GET /export/csv is a zip of both tables', async () => {
    const { app, store } = target();
    const res = await download(app, '/export/csv?kind=person&kind=organization');
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kg-graph.zip"');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['kg-graph-edges.csv', 'kg-graph-nodes.csv']);
    const expected = await expectedScope(store, { kind: ['person', 'organization'] });
    expect(expected.edges.size).toBeGreaterThan(0);
    checkNodes(table(strFromU8(files['kg-graph-nodes.csv']!)), expected);
    checkEdges(table(strFromU8(files['kg-graph-edges.csv']!)), expected);
  });
});

describe('CSV injection: a cell a spreadsheet would run as a formula is written as text', () => {
  // what a key holder could write through PUT /documents: names, aliases, summaries and roles are free text
  const FORMULAS = ['=HYPERLINK("https://example.org/x","open")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];
  const bundle = fixtureC();
  bundle.entities[0]!.name = FORMULAS[0]!;
  bundle.entities[1]!.summary = FORMULAS[1]!;
  bundle.entities[4]!.aliases = [FORMULAS[2]!];
  bundle.relations[0]!.summary = FORMULAS[3]!;
  bundle.relations[0]!.role = FORMULAS[4]!;
  bundle.relations[1]!.summary = FORMULAS[5]!;

  test('CSV tables (and the zip) prefix an apostrophe; NDJSON keeps the text as written', async () => {
    const app = await buildApp({ config: testConfig(), store: MemoryGraphStore.fromBundles([bundle]) });
    try {
      const nodes = table((await download(app, '/export/csv/nodes')).body);
      const edges = table((await download(app, '/export/csv/edges')).body);
      const zip = unzipSync(new Uint8Array((await download(app, '/export/csv')).rawPayload));
      expect(table(strFromU8(zip['kg-graph-nodes.csv']!))).toEqual(nodes);
      expect(table(strFromU8(zip['kg-graph-edges.csv']!))).toEqual(edges);
      const node = (id: string) => nodes.find((r) => r.Id === id)!;
      const edge = (id: string) => edges.find((r) => r.Id === id)!;
      expect(node('anika-roth').Label).toBe(`'${FORMULAS[0]}`);
      expect(node('bren-okafor').summary).toBe(`'${FORMULAS[1]}`);
      expect(node('lena-varga').aliases).toBe(`'${FORMULAS[2]}`);
      expect(edge('roth-met-okafor').summary).toBe(`'${FORMULAS[3]}`);
      expect(edge('roth-met-okafor').role).toBe(`'${FORMULAS[4]}`);
      expect(edge('varga-met-roth').summary).toBe(`'${FORMULAS[5]}`);
      // no other cell starts as a formula, and none was changed that did not
      for (const row of [...nodes, ...edges]) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(node('harbor-gazette').Label).toBe('Harbor Gazette');
      const lines = (await download(app, '/export/ndjson')).body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => l.id === 'anika-roth')!.name).toBe(FORMULAS[0]);
      expect(lines.find((l) => l.id === 'roth-met-okafor')!.role).toBe(FORMULAS[4]);
    } finally {
      await app.close();
    }
  });
});
