/**
 * GraphML (yEd, networkx, Gephi, igraph): one <key> per attribute, a directed graph whose edges keep
 * the relation id. Node label = name; edge label = relation type; every edge has weight 1.
 */
import type { Readable } from 'node:stream';
import { EDGE_COLUMNS, NODE_COLUMNS } from './columns';
import { CHUNK, xmlStream, type ExportInput } from './stream';
import { fixed } from './xml';

const NS = 'http://graphml.graphdrawing.org/xmlns';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Key ids are unique across node and edge keys (`summary` exists for both). */
const nodeKey = (name: string) => `n_${name}`;
const edgeKey = (name: string) => `e_${name}`;

/** The `<data key=...>` attributes of every element, escaped once. */
const NODE_LABEL = fixed({ key: nodeKey('label') });
const NODE_DATA = NODE_COLUMNS.map((c) => fixed({ key: nodeKey(c.name) }));
const EDGE_LABEL = fixed({ key: edgeKey('label') });
const EDGE_DATA = EDGE_COLUMNS.map((c) => fixed({ key: edgeKey(c.name) }));
const EDGE_WEIGHT = fixed({ key: edgeKey('weight') });

export function writeGraphml(input: ExportInput): Readable {
  return xmlStream(async function* (xml) {
    xml.declaration();
    xml.open('graphml', { xmlns: NS, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${NS} ${NS}/1.0/graphml.xsd` });
    for (const name of ['label', ...NODE_COLUMNS.map((c) => c.name)]) {
      xml.leaf('key', { id: nodeKey(name), for: 'node', 'attr.name': name, 'attr.type': 'string' });
    }
    for (const { name, type } of [{ name: 'label' }, ...EDGE_COLUMNS]) {
      xml.leaf('key', { id: edgeKey(name), for: 'edge', 'attr.name': name, 'attr.type': type ?? 'string' });
    }
    xml.leaf('key', { id: edgeKey('weight'), for: 'edge', 'attr.name': 'weight', 'attr.type': 'double' });
    xml.open('graph', { id: 'kg', edgedefault: 'directed' });
    yield;

    for await (const node of input.nodes()) {
      xml.open('node', { id: node.id });
      xml.leaf('data', NODE_LABEL, node.name);
      for (let i = 0; i < NODE_COLUMNS.length; i++) {
        const v = NODE_COLUMNS[i]!.value(node);
        if (v !== undefined) xml.leaf('data', NODE_DATA[i], v);
      }
      xml.close();
      if (xml.size >= CHUNK) yield;
    }
    for await (const edge of input.edges()) {
      xml.open('edge', { id: edge.id, source: edge.subject.id, target: edge.object.id });
      xml.leaf('data', EDGE_LABEL, edge.type);
      for (let i = 0; i < EDGE_COLUMNS.length; i++) {
        const v = EDGE_COLUMNS[i]!.value(edge);
        if (v !== undefined) xml.leaf('data', EDGE_DATA[i], v);
      }
      xml.leaf('data', EDGE_WEIGHT, '1.0');
      xml.close();
      if (xml.size >= CHUNK) yield;
    }
  });
}
