/**
 * NDJSON: one JSON object per line, every entity first, then every relation with its full evidence.
 * `type` tells the record: "entity" lines are the API's EntitySummary; "relation" lines are the API's
 * Relation with its own `type` field renamed `relationType` (it would clash with the record type).
 */
import type { Readable } from 'node:stream';
import { CHUNK, textStream, type ExportInput } from './stream';

export function writeNdjson(input: ExportInput): Readable {
  // Lines are passed on about CHUNK at a time (a yield per line cost an async round trip per line).
  async function* lines() {
    let text = '';
    for await (const entity of input.nodes()) {
      text += `${JSON.stringify({ type: 'entity', ...entity })}\n`;
      if (text.length >= CHUNK) {
        yield text;
        text = '';
      }
    }
    for await (const { type, ...relation } of input.edges()) {
      text += `${JSON.stringify({ type: 'relation', relationType: type, ...relation })}\n`;
      if (text.length >= CHUNK) {
        yield text;
        text = '';
      }
    }
    if (text) yield text;
  }
  return textStream(lines());
}
