/**
 * Every export format: its URL, media type, file name and writer, plus a small sample used as the
 * OpenAPI example (written by the real writer, so the docs show exactly what the endpoint sends).
 */
import type { Readable } from 'node:stream';
import type { EntitySummary, Relation } from '../schemas/domain';
import { writeCytoscape } from './cytoscape';
import { writeEdgesCsv, writeNodesCsv } from './csv';
import { writeGexf } from './gexf';
import { writeGraphml } from './graphml';
import { writeJsonld } from './jsonld';
import { writeNdjson } from './ndjson';
import type { ExportInput } from './stream';
import { writeCsvZip } from './zip';

export interface ExportFormat {
  /** Path under /export. */
  path: string;
  operationId: string;
  summary: string;
  description: string;
  /** Media type of the 200 response (the header adds charset where it applies). */
  mediaType: string;
  contentType: string;
  /** File name for `kg-<scope>`, e.g. kg-graph.graphml. */
  fileName: (base: string) => string;
  binary?: boolean;
  write: (input: ExportInput, base: string) => Readable;
}

export const EXPORT_FORMATS: ExportFormat[] = [
  {
    path: 'graphml',
    operationId: 'exportGraphml',
    summary: 'GraphML (yEd, networkx, Gephi)',
    description: 'Directed GraphML; node label = name, edge label = relation type, edge id = relation id, weight 1. Every field is a <data> key, evidence as compact text.',
    mediaType: 'application/graphml+xml',
    contentType: 'application/graphml+xml; charset=utf-8',
    fileName: (base) => `${base}.graphml`,
    write: (input) => writeGraphml(input),
  },
  {
    path: 'gexf',
    operationId: 'exportGexf',
    summary: 'GEXF 1.3, dynamic (Gephi timeline)',
    description: 'GEXF 1.3 with mode="dynamic" and timeformat="date": validFrom/validTo become start/end days (a partial date covers its whole month or year; unknown bounds are omitted; a dated one-off ends with its own date).',
    mediaType: 'application/gexf+xml',
    contentType: 'application/gexf+xml; charset=utf-8',
    fileName: (base) => `${base}.gexf`,
    write: (input, base) => writeGexf(input, `Knowledge graph export ${base}`),
  },
  {
    path: 'csv/nodes',
    operationId: 'exportCsvNodes',
    summary: 'Gephi nodes table (CSV)',
    description: 'Id, Label, kind, subtype, summary, aliases, wikidata, time, validFrom, validTo, ongoing, Time Interval. Import in Gephi with Data Laboratory > Import Spreadsheet.',
    mediaType: 'text/csv',
    contentType: 'text/csv; charset=utf-8',
    fileName: (base) => `${base}-nodes.csv`,
    write: (input) => writeNodesCsv(input.nodes()),
  },
  {
    path: 'csv/edges',
    operationId: 'exportCsvEdges',
    summary: 'Gephi edges table (CSV)',
    description:
      'Source, Target, Type (always Directed), Id (relation id), Label (relation type), Weight, Time Interval (Gephi syntax, unknown bounds ±Infinity; a dated one-off ends with its own date), relation_type, role, time, validFrom, validTo, ongoing, modality, assertedBy, assertedByName, summary, outsideKnowledge (true or empty), evidence.',
    mediaType: 'text/csv',
    contentType: 'text/csv; charset=utf-8',
    fileName: (base) => `${base}-edges.csv`,
    write: (input) => writeEdgesCsv(input.edges()),
  },
  {
    path: 'csv',
    operationId: 'exportCsvZip',
    summary: 'Gephi nodes and edges tables (zip)',
    description: 'A zip of the two CSV tables, <name>-nodes.csv and <name>-edges.csv, as /export/csv/nodes and /export/csv/edges send them.',
    mediaType: 'application/zip',
    contentType: 'application/zip',
    fileName: (base) => `${base}.zip`,
    binary: true,
    write: (input, base) => writeCsvZip(input, base),
  },
  {
    path: 'cytoscape',
    operationId: 'exportCytoscape',
    summary: 'Cytoscape.js JSON',
    description: 'elements.nodes[].data and elements.edges[].data (id, source, target, label, interaction, dates, modality, assertedBy, outsideKnowledge, evidence); opens in Cytoscape.js and Cytoscape desktop (.cyjs).',
    mediaType: 'application/json',
    contentType: 'application/json; charset=utf-8',
    fileName: (base) => `${base}.cyjs`,
    write: (input, base) => writeCytoscape(input, base),
  },
  {
    path: 'jsonld',
    operationId: 'exportJsonld',
    summary: 'JSON-LD (schema.org)',
    description:
      'One document with an inline @context: schema.org Person/Organization/Place/Event; MEMBER_OF and HOLDS_OFFICE as schema.org (Organization)Role nodes with roleName/startDate/endDate; other relations as urn:kg-api:vocab: properties with an rdf:Statement carrying dates, modality, assertedBy, outsideKnowledge and evidence.',
    mediaType: 'application/ld+json',
    contentType: 'application/ld+json; charset=utf-8',
    fileName: (base) => `${base}.jsonld`,
    write: (input) => writeJsonld(input),
  },
  {
    path: 'ndjson',
    operationId: 'exportNdjson',
    summary: 'NDJSON (one record per line)',
    description:
      'One JSON object per line: {"type":"entity", ...EntitySummary} for every entity, then {"type":"relation", "relationType": ..., ...Relation} for every relation with its full evidence (the relation type is renamed relationType).',
    mediaType: 'application/x-ndjson',
    contentType: 'application/x-ndjson; charset=utf-8',
    fileName: (base) => `${base}.ndjson`,
    write: (input) => writeNdjson(input),
  },
];

const ref = (e: EntitySummary) => ({ id: e.id, name: e.name, kind: e.kind, subtype: e.subtype });
const person: EntitySummary = {
  id: 'jane-doe',
  kind: 'person',
  subtype: 'politician',
  name: 'Jane Doe',
  aliases: ['J. Doe'],
  summary: 'An invented politician (example).',
};
const party: EntitySummary = {
  id: 'example-party',
  kind: 'organization',
  subtype: 'political-party',
  name: 'Example Party',
  aliases: [],
  summary: 'An invented party (example).',
};
const membership: Relation = {
  id: 'jane-doe-member-of-example-party',
  type: 'MEMBER_OF',
  subject: ref(person),
  object: ref(party),
  role: 'chair',
  time: 'dated',
  validFrom: '2014-02',
  ongoing: true,
  assertedBy: ref(party),
  modality: 'stated',
  summary: 'Jane Doe chairs Example Party (example).',
  evidence: [{ document: 'example-article', paragraph: 2, start: 120, end: 164, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }],
};

/** A two-node, one-edge sample written in this format (the OpenAPI example); undefined for binary formats. */
export async function sampleOf(format: ExportFormat): Promise<string | undefined> {
  if (format.binary) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of format.write({ nodes: () => [person, party], edges: () => [membership] }, 'kg-example')) {
    chunks.push(Buffer.from(chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}
