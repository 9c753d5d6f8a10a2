/**
 * How a source text is cut into paragraphs for evidence spans: one rule, used by the API's verifier
 * (./verify-evidence.ts) and by the explorer page (web/src/verify.ts), so both number paragraphs alike.
 * Pure (no Node modules), so the browser bundle can import it.
 */

export interface Paragraph {
  start: number;
  end: number;
}

/** Non-empty lines as code-point ranges [start, end) without the line break. */
export function paragraphRanges(chars: readonly string[]): Paragraph[] {
  const out: Paragraph[] = [];
  let lineStart = 0;
  for (let i = 0; i <= chars.length; i++) {
    if (i === chars.length || chars[i] === '\n') {
      let end = i;
      if (end > lineStart && chars[end - 1] === '\r') end--;
      if (chars.slice(lineStart, end).join('').trim() !== '') out.push({ start: lineStart, end });
      lineStart = i + 1;
    }
  }
  return out;
}
