/**
 * Checks evidence spans against the reader's own copy of a source text, in the browser. The rule is the
 * API's (src/graph/data/verify-evidence.ts): offsets are 0-based code points into the whole text, end
 * exclusive; paragraphs are the non-empty lines (after trimming), numbered from 1; a span must lie inside
 * its paragraph and hash (SHA-256 of its UTF-8) to the recorded value.
 */
import { paragraphRanges } from '../../src/graph/data/paragraphs';
import { sha256Fallback } from './sha256';

export { paragraphRanges };

export interface Span {
  document: string;
  paragraph: number;
  start: number;
  end: number;
  sha256: string;
}

export interface SourceText {
  fileName: string;
  sha256: string;
  chars: string[];
  paragraphs: Array<{ start: number; end: number }>;
}

export interface SpanCheck {
  verified: boolean;
  reason?: string;
  /** The span in context (only from the reader's file). */
  before?: string;
  text?: string;
  after?: string;
}

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 (hex) with Web Crypto; pages served over plain HTTP to another host have no crypto.subtle. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (globalThis.crypto?.subtle) return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return sha256Fallback(bytes);
}

/** Reads a file as the API's verifier does (UTF-8, a byte-order mark kept as a character). */
export async function readSource(file: File): Promise<SourceText> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const chars = Array.from(text);
  return { fileName: file.name, sha256: await sha256Hex(bytes), chars, paragraphs: paragraphRanges(chars) };
}

const CONTEXT = 160;

export async function checkSpan(span: Span, src: SourceText): Promise<SpanCheck> {
  const { chars, paragraphs } = src;
  if (span.start < 0 || span.end > chars.length || span.end <= span.start) {
    return { verified: false, reason: `offsets ${span.start}–${span.end} are outside the file (${chars.length} characters)` };
  }
  const p = paragraphs[span.paragraph - 1];
  const text = chars.slice(span.start, span.end).join('');
  const pStart = p ? Math.min(p.start, span.start) : span.start;
  const pEnd = p ? Math.max(p.end, span.end) : span.end;
  const from = Math.max(pStart, span.start - CONTEXT);
  const to = Math.min(pEnd, span.end + CONTEXT);
  const context = {
    before: (from > pStart ? '…' : '') + chars.slice(from, span.start).join(''),
    text,
    after: chars.slice(span.end, to).join('') + (to < pEnd ? '…' : ''),
  };
  if (!p) return { verified: false, reason: `the file has no paragraph ${span.paragraph}`, ...context };
  if (span.start < p.start || span.end > p.end) {
    return { verified: false, reason: `the span is not inside paragraph ${span.paragraph}`, ...context };
  }
  const actual = await sha256Hex(new TextEncoder().encode(text));
  if (actual !== span.sha256) return { verified: false, reason: 'SHA-256 differs: this text is not the recorded span', ...context };
  return { verified: true, ...context };
}
