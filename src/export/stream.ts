/** What every writer reads (two lazy item sources) and how text leaves it (a pulled byte stream). */
import { Readable } from 'node:stream';
import type { EntitySummary, Relation } from '../schemas/domain';
import { XmlWriter } from './xml';

export type AnyIterable<T> = AsyncIterable<T> | Iterable<T>;

/** The graph to write. Each function starts a fresh pass; writers read all nodes, then all edges. */
export interface ExportInput {
  nodes(): AnyIterable<EntitySummary>;
  edges(): AnyIterable<Relation>;
}

/** About how much text (UTF-16 code units) the writers pass on at a time. */
export const CHUNK = 16 * 1024;

/**
 * A byte stream over generated text, in chunks of about 16 KiB. It is pulled: the generator (and so the
 * store's next page) only runs when the consumer wants more, so backpressure reaches the store.
 */
export function textStream(parts: AsyncIterable<string>): Readable {
  async function* batched() {
    let buffer = '';
    for await (const part of parts) {
      buffer += part;
      if (buffer.length >= CHUNK) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  return Readable.from(batched(), { objectMode: false });
}

/**
 * An XML document written with the streaming XmlWriter (./xml.ts): `write` adds elements and yields
 * whenever it has written CHUNK or more (a yield per element cost an async round trip per element);
 * what it wrote by then is passed on. The writer escapes all text and attribute values.
 */
export function xmlStream(write: (xml: XmlWriter) => AsyncIterable<void>): Readable {
  async function* text() {
    const xml = new XmlWriter();
    for await (const _ of write(xml)) if (xml.size >= CHUNK) yield xml.take();
    xml.end();
    yield xml.take();
  }
  return textStream(text());
}
