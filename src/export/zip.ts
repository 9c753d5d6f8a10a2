/** The two Gephi CSV tables in one zip (yazl, streamed): <name>-nodes.csv and <name>-edges.csv. */
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { writeEdgesCsv, writeNodesCsv } from './csv';
import type { ExportInput } from './stream';

export function writeCsvZip(input: ExportInput, prefix: string): Readable {
  const zip = new ZipFile();
  const out = zip.outputStream as Readable;
  // yazl does not watch the error of a lazily added stream (nor report its own errors on the output):
  // a failing table (the store) must cut the zip, or the response would hang.
  const fail = (err: Error) => out.destroy(err);
  zip.on('error', fail);
  const entry = (make: () => Readable) => (cb: (err: Error | null, stream: Readable) => void) => {
    const stream = make();
    stream.once('error', fail);
    cb(null, stream);
  };
  const mtime = new Date();
  // Lazy: each table's store reads start only when the zip reaches its entry.
  zip.addReadStreamLazy(`${prefix}-nodes.csv`, { mtime }, entry(() => writeNodesCsv(input.nodes())));
  zip.addReadStreamLazy(`${prefix}-edges.csv`, { mtime }, entry(() => writeEdgesCsv(input.edges())));
  zip.end();
  return out;
}
