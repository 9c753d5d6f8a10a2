/**
 * GEXF 1.3 for Gephi, dynamic: nodes and edges carry `start`/`end` from validFrom/validTo, widened to
 * whole days (a partial date covers its first to last day); an open bound is left out, so Gephi's
 * timeline shows undated items all the time. Edge `label` and `kind` are the relation type (Gephi keeps
 * parallel edges of different kinds); the other fields are static attributes.
 */
import type { Readable } from 'node:stream';
import { EDGE_COLUMNS, NODE_COLUMNS, dayBounds, type Column } from './columns';
import { CHUNK, xmlStream, type ExportInput } from './stream';
import { fixed, type XmlWriter } from './xml';

const NS = 'http://gexf.net/1.3';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export function writeGexf(input: ExportInput, description = 'Knowledge graph export'): Readable {
  return xmlStream(async function* (xml) {
    xml.declaration();
    xml.open('gexf', { xmlns: NS, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${NS} ${NS}/gexf.xsd`, version: '1.3' });
    xml.open('meta').leaf('creator', undefined, 'kg-api').leaf('description', undefined, description).close();
    xml.open('graph', { mode: 'dynamic', defaultedgetype: 'directed', timeformat: 'date', timerepresentation: 'interval' });
    xml.open('attributes', { class: 'node', mode: 'static' });
    for (const c of NODE_COLUMNS) xml.leaf('attribute', { id: c.name, title: c.name, type: 'string' });
    xml.close();
    xml.open('attributes', { class: 'edge', mode: 'static' });
    for (const c of EDGE_COLUMNS) xml.leaf('attribute', { id: c.name, title: c.name, type: c.type ?? 'string' });
    xml.close();
    xml.open('nodes');
    yield;

    for await (const node of input.nodes()) {
      xml.open('node', { id: node.id, label: node.name, ...dayBounds(node) });
      attvalues(xml, NODE_COLUMNS, NODE_FOR, node);
      xml.close();
      if (xml.size >= CHUNK) yield;
    }
    xml.close().open('edges');
    for await (const edge of input.edges()) {
      xml.open('edge', {
        id: edge.id,
        source: edge.subject.id,
        target: edge.object.id,
        label: edge.type,
        kind: edge.type,
        weight: '1.0',
        ...dayBounds(edge),
      });
      attvalues(xml, EDGE_COLUMNS, EDGE_FOR, edge);
      xml.close();
      if (xml.size >= CHUNK) yield;
    }
  });
}

/** The `for` attribute of each column's attvalue, escaped once. */
const NODE_FOR = NODE_COLUMNS.map((c) => fixed({ for: c.name }));
const EDGE_FOR = EDGE_COLUMNS.map((c) => fixed({ for: c.name }));

function attvalues<T>(xml: XmlWriter, columns: Column<T>[], fors: ReturnType<typeof fixed>[], item: T) {
  xml.open('attvalues');
  for (let i = 0; i < columns.length; i++) {
    const value = columns[i]!.value(item);
    if (value !== undefined) xml.leaf('attvalue', [fors[i]!, { value }]);
  }
  xml.close();
}
