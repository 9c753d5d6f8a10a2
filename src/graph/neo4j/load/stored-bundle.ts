/**
 * How a document's bundle is kept on its :Document node (`d.bundle`): gzip, then base64, behind a prefix.
 *
 * The JSON text itself was 75 MB for one bundle of 10^5 relations (106 MB per document at 10^6). Neo4j
 * holds such a value whole on its heap several times over while it commits, and reads it back whole to
 * replace or delete it: at a 1 GB heap replacing one such text ran out of memory and the database
 * panicked. Packed it is a third of that (24.7 MB) and is written 2-2.5x faster, compression included
 * (docs/performance.md, "Stored bundles packed").
 *
 * A byte array would be smaller still, but Neo4j 5 wrote one very slowly (27 s for 18.5 MB) and ran out of
 * heap committing it on the same server.
 *
 * Reading accepts both forms: a JSON text (documents stored before the packing) starts with `{`, a
 * packed one with PACKED_PREFIX, so no migration is needed; the next write of a document packs it.
 */
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gunzip, gzip } from 'node:zlib';
import type { Bundle } from '../../../schemas/bundle';
import { bundleVersion } from '../../data/documents';

export const PACKED_PREFIX = 'gzip+base64:';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** The stored form of a bundle. Compresses on libuv's thread pool: a large bundle does not hold up the event loop. */
export async function packBundle(bundle: Bundle): Promise<string> {
  // level 1: 18.5 MB against 16.2 MB at the default level 6 for 74.7 MB of JSON, in half the time
  // 1 MB chunks: the default 16 kB hands every 16 kB of output back to the event loop
  const packed = await gzipAsync(JSON.stringify(bundle), { level: 1, chunkSize: 1 << 20 });
  return PACKED_PREFIX + packed.toString('base64');
}

/** A document's `bundle` and `version` properties: the bundle as written, packed, and its version. */
export async function storedBundleProps(bundle: Bundle): Promise<{ bundle: string; version: string }> {
  return { bundle: await packBundle(bundle), version: bundleVersion(bundle) };
}

/** The bundle from its stored form, packed or the JSON text of earlier versions. */
export async function unpackBundle(stored: string): Promise<Bundle> {
  const bytes = packedBytes(stored);
  return JSON.parse(bytes ? (await gunzipAsync(bytes)).toString('utf8') : stored) as Bundle;
}

/** The gzip bytes of a packed stored form; undefined for the JSON text of earlier versions. */
function packedBytes(stored: string): Buffer | undefined {
  return stored.startsWith(PACKED_PREFIX) ? Buffer.from(stored.slice(PACKED_PREFIX.length), 'base64') : undefined;
}

/**
 * The bundle's JSON text from its stored form, streamed without parsing it (GET /documents/{id}/bundle): a
 * bundle of 10^5 relations is 41 MB of text and several times that as objects, and a dozen such reads at once
 * took the API to 1.7 GB.
 */
export function bundleTextStream(stored: string): Readable {
  const bytes = packedBytes(stored);
  if (!bytes) return Readable.from([stored], { objectMode: false });
  return Readable.from([bytes], { objectMode: false }).pipe(createGunzip({ chunkSize: 1 << 16 }));
}
