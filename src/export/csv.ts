/**
 * Gephi spreadsheet CSV (Data Laboratory > Import Spreadsheet), also read as is by pandas and
 * spreadsheets: a nodes table (Id, Label, attributes) and an edges table (Source, Target, Type, Id,
 * Label, Weight, Time Interval, attributes). Written by csv-stringify (RFC 4180 quoting), UTF-8; a cell a
 * spreadsheet would run as a formula is written as text (spreadsheetSafe).
 */
import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { EntitySummary, Relation } from '../schemas/domain';
import { EDGE_COLUMNS, NODE_COLUMNS, gephiInterval } from './columns';
import type { AnyIterable } from './stream';

export const NODE_HEADER = ['Id', 'Label', ...NODE_COLUMNS.map((c) => c.name), 'Time Interval'];
export const EDGE_HEADER = ['Source', 'Target', 'Type', 'Id', 'Label', 'Weight', 'Time Interval', ...EDGE_COLUMNS.map((c) => c.name)];

function nodeRow(e: EntitySummary): string[] {
  return [e.id, e.name, ...NODE_COLUMNS.map((c) => c.value(e) ?? ''), gephiInterval(e)];
}

function edgeRow(r: Relation): string[] {
  // Type is Gephi's edge direction; the relation type is the Label (and the relation_type column).
  return [r.subject.id, r.object.id, 'Directed', r.id, r.type, '1', gephiInterval(r), ...EDGE_COLUMNS.map((c) => c.value(r) ?? '')];
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return before one) as a formula: a name
 * written through PUT /documents such as `=HYPERLINK(...)` would run on the analyst's machine (CSV injection,
 * OWASP). Such a cell gets a leading apostrophe, which spreadsheets show as text. Curated values never start so
 * (ids, enums, dates, names, summaries); the other formats keep every text as it is.
 */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function table<T>(header: string[], items: AnyIterable<T>, row: (item: T) => string[]): Readable {
  async function* rows() {
    for await (const item of items) yield row(item).map(spreadsheetSafe);
  }
  const out = stringify({ header: true, columns: header, record_delimiter: 'windows' });
  // pipeline, not pipe: a failing source (the store) destroys the output, so the client sees a cut response.
  return pipeline(Readable.from(rows()), out, () => undefined);
}

export const writeNodesCsv = (nodes: AnyIterable<EntitySummary>) => table(NODE_HEADER, nodes, nodeRow);
export const writeEdgesCsv = (edges: AnyIterable<Relation>) => table(EDGE_HEADER, edges, edgeRow);
