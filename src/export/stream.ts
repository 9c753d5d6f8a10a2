/** What every writer reads (two lazy item sources) and how text leaves it (a pulled byte stream). */
import { Readable } from 'node:stream';
import { createCB } from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces';
import type { EntitySummary, Relation } from '../schemas/domain';

export type AnyIterable<T> = AsyncIterable<T> | Iterable<T>;

/** The graph to write. Each function starts a fresh pass; writers read all nodes, then all edges. */
export interface ExportInput {
  nodes(): AnyIterable<EntitySummary>;
  edges(): AnyIterable<Relation>;
}

const CHUNK = 16 * 1024;

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
 * An XML document written with xmlbuilder2's callback builder, streamed: `write` adds elements and yields
 * after each item; whatever the builder serialised by then is passed on. The builder escapes all text.
 */
export function xmlStream(write: (xml: XMLBuilderCB) => AsyncIterable<void>): Readable {
  async function* text() {
    const out: string[] = [];
    let failure: Error | undefined;
    const xml = createCB({
      data: (chunk: string) => void out.push(chunk),
      error: (err: Error) => void (failure = err),
      prettyPrint: true,
    });
    const take = () => {
      if (failure) throw failure;
      return out.splice(0).join('');
    };
    for await (const _ of write(xml)) yield take();
    xml.end();
    yield take();
  }
  return textStream(text());
}
