/**
 * Cytoscape.js JSON (cy.add / cy.json, Cytoscape desktop's .cyjs import, networkx cytoscape_graph):
 * `elements.nodes[].data` and `elements.edges[].data`. Values are strings or lists of strings so that
 * Cytoscape desktop can make columns of them (and the boolean outsideKnowledge, present only when true);
 * evidence records are compact text (see columns.ts).
 * networkx's cytoscape_graph reads it as a MultiDiGraph: it keys nodes by `value` and parallel edges by `key`.
 */
import type { Readable } from 'node:stream';
import type { EntitySummary, Relation } from '../schemas/domain';
import { evidenceText } from './columns';
import { textStream, type ExportInput } from './stream';

export function nodeData(e: EntitySummary) {
  return {
    id: e.id,
    value: e.id,
    label: e.name,
    name: e.name,
    kind: e.kind,
    subtype: e.subtype,
    summary: e.summary,
    aliases: e.aliases,
    wikidata: e.wikidata,
    time: e.time,
    validFrom: e.validFrom,
    validTo: e.validTo,
    ongoing: e.ongoing,
  };
}

export function edgeData(r: Relation) {
  return {
    id: r.id,
    source: r.subject.id,
    target: r.object.id,
    key: r.id,
    label: r.type,
    // Cytoscape desktop's name for the edge type column.
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
    evidence: r.evidence.map(evidenceText),
  };
}

export function writeCytoscape(input: ExportInput, name: string): Readable {
  async function* text() {
    const head = { format_version: '1.0', generated_by: 'kg-api', target_cytoscapejs_version: '~3', directed: true, multigraph: true, data: { name } };
    yield `${JSON.stringify(head).slice(0, -1)},"elements":{"nodes":[`;
    let sep = '\n';
    for await (const node of input.nodes()) {
      yield `${sep}${JSON.stringify({ data: nodeData(node) })}`;
      sep = ',\n';
    }
    yield '\n],"edges":[';
    sep = '\n';
    for await (const edge of input.edges()) {
      yield `${sep}${JSON.stringify({ data: edgeData(edge) })}`;
      sep = ',\n';
    }
    yield '\n]}}\n';
  }
  return textStream(text());
}
