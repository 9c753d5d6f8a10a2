// The browser's span check, run in Node: the pure-JS SHA-256 fallback and paragraph rule agree with the API's.
import { createHash } from 'node:crypto';
import { sha256Fallback } from '../../web/src/sha256';
import { paragraphRanges as pageParagraphs } from '../../web/src/verify';
import { paragraphRanges } from '../../src/graph/data/verify-evidence';

test('the SHA-256 fallback matches node:crypto on empty, ASCII, multi-byte and block-boundary inputs', () => {
  const inputs = ['', 'abc', 'Tōkyō 東京 — “quoted” 🚀', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(1000)];
  for (const s of inputs) {
    expect(sha256Fallback(new TextEncoder().encode(s))).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  }
});

test("the page's paragraphs are the API's: non-empty lines, CRLF or LF, by code point", () => {
  const text = 'First line\r\n\r\n  \nSecond 🚀 line\nthird\n';
  expect(pageParagraphs(Array.from(text))).toEqual(paragraphRanges(Array.from(text)));
});
