/**
 * Checks evidence spans against the source texts: a pure function, used by tests/seed/evidence.test.ts
 * by `npm run seed -- --verify <article>` and by document ingest.
 *
 * Offsets are 0-based code points into the whole text, end exclusive; paragraphs are the non-empty
 * lines (after trimming whitespace), numbered from 1; a span must lie inside its paragraph's line and
 * hash (SHA-256 of its UTF-8) to the recorded value. Documents without a text in `texts` are skipped;
 * for the others the document's own sha256, characters and paragraphs are checked too.
 */
import { createHash } from 'node:crypto';
import type { Evidence } from '../../schemas/domain';
import type { GraphData } from './bundle';
import { paragraphRanges, type Paragraph } from './paragraphs';

export { paragraphRanges };

interface Text {
  chars: string[];
  paragraphs: Paragraph[];
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function prepare(text: string): Text {
  const chars = Array.from(text);
  return { chars, paragraphs: paragraphRanges(chars) };
}

function checkSpan(span: Evidence, text: Text, where: string, problems: string[]): void {
  const { chars, paragraphs } = text;
  if (span.start < 0 || span.end > chars.length || span.end <= span.start) {
    problems.push(`${where}: offsets ${span.start}..${span.end} are out of range (the text has ${chars.length} characters)`);
    return;
  }
  const p = paragraphs[span.paragraph - 1];
  if (!p) {
    problems.push(`${where}: paragraph ${span.paragraph} does not exist (the text has ${paragraphs.length} paragraphs)`);
  } else if (span.start < p.start || span.end > p.end) {
    problems.push(`${where}: span ${span.start}..${span.end} is not inside paragraph ${span.paragraph} (${p.start}..${p.end})`);
  }
  const actual = sha256(chars.slice(span.start, span.end).join(''));
  if (actual !== span.sha256) {
    problems.push(`${where}: sha256 mismatch for ${span.start}..${span.end} (recorded ${span.sha256.slice(0, 12)}…, text gives ${actual.slice(0, 12)}…)`);
  }
}

/**
 * Every problem with the spans of `data` whose document has a text in `texts` (keyed by document id).
 * Messages name the bundle (document id), the entity or relation id and the field.
 */
export function verifySpans(data: GraphData, texts: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const prepared = new Map<string, Text>();
  for (const doc of data.documents) {
    const raw = texts.get(doc.id);
    if (raw === undefined) continue;
    const text = prepare(raw);
    prepared.set(doc.id, text);
    const where = `bundle ${doc.id}: document "${doc.id}" field`;
    const hash = sha256(raw);
    if (hash !== doc.sha256) problems.push(`${where} sha256: recorded ${doc.sha256}, the text gives ${hash}`);
    if (text.chars.length !== doc.characters) problems.push(`${where} characters: recorded ${doc.characters}, the text has ${text.chars.length}`);
    if (text.paragraphs.length !== doc.paragraphs) {
      problems.push(`${where} paragraphs: recorded ${doc.paragraphs}, the text has ${text.paragraphs.length}`);
    }
  }
  // The index is the span's position within its own bundle (merged entities list every bundle's mentions).
  const check = (spans: Evidence[], what: string, id: string, field: string) => {
    const seen = new Map<string, number>();
    for (const span of spans) {
      const i = seen.get(span.document) ?? 0;
      seen.set(span.document, i + 1);
      const text = prepared.get(span.document);
      if (text) checkSpan(span, text, `bundle ${span.document}: ${what} "${id}" field ${field}[${i}]`, problems);
    }
  };
  for (const e of data.entities) check(e.mentions, 'entity', e.id, 'mentions');
  for (const r of data.relations) check(r.evidence, 'relation', r.id, 'evidence');
  return problems;
}
