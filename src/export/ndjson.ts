/**
 * NDJSON: one JSON object per line, every entity first, then every relation with its full evidence.
 * `type` tells the record: "entity" lines are the API's EntitySummary; "relation" lines are the API's
 * Relation with its own `type` field renamed `relationType` (it would clash with the record type).
 */
import type { Readable } from 'node:stream';
import { textStream, type ExportInput } from './stream';

export function writeNdjson(input: ExportInput): Readable {
  async function* lines() {
    for await (const entity of input.nodes()) yield `${JSON.stringify({ type: 'entity', ...entity })}\n`;
    for await (const { type, ...relation } of input.edges()) {
      yield `${JSON.stringify({ type: 'relation', relationType: type, ...relation })}\n`;
    }
  }
  return textStream(lines());
}
