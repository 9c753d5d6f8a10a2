/** The two Gephi CSV tables in one zip (yazl, streamed): nodes.csv and edges.csv. */
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { writeEdgesCsv, writeNodesCsv } from './csv';
import type { ExportInput } from './stream';

export function writeCsvZip(input: ExportInput, prefix: string): Readable {
  const zip = new ZipFile();
  const mtime = new Date();
  // Lazy: each table's store reads start only when the zip reaches its entry.
  zip.addReadStreamLazy(`${prefix}-nodes.csv`, { mtime }, (cb) => cb(null, writeNodesCsv(input.nodes())));
  zip.addReadStreamLazy(`${prefix}-edges.csv`, { mtime }, (cb) => cb(null, writeEdgesCsv(input.edges())));
  zip.end();
  const out = zip.outputStream as Readable;
  // yazl reports a failing entry stream on the ZipFile, not on its output: cut the output so the response ends.
  zip.on('error', (err: Error) => out.destroy(err));
  return out;
}
