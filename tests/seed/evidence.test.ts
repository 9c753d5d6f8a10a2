// Evidence spans against their source texts.
// - SOURCE_TEXT=<path of the article>: every span of every bundle in seed/bundles whose document comes
//   from that file (by sourceFile name; the only document when there is one) must be in range, inside
//   its paragraph and hash to its sha256; the document's sha256, characters and paragraphs must match.
//   The article is copyrighted and not in the repository, so without SOURCE_TEXT this part is skipped.
// - The fixture bundles are checked against their fixture texts (in the repository) always.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadGraphData, type GraphData } from '../../src/graph/data/bundle';
import { verifySpans } from '../../src/graph/data/verify-evidence';
import { fixtureGraphData } from '../fixtures';

const ROOT = resolve(__dirname, '..', '..');
const SOURCE_TEXT = process.env.SOURCE_TEXT;

function spanCount(data: GraphData, docs: Set<string>): number {
  const inDocs = (spans: Array<{ document: string }>) => spans.filter((s) => docs.has(s.document)).length;
  return data.entities.reduce((n, e) => n + inDocs(e.mentions), 0) + data.relations.reduce((n, r) => n + inDocs(r.evidence), 0);
}

if (!SOURCE_TEXT) {
  console.warn('[evidence] SKIPPED the article spans: set SOURCE_TEXT=<path of the article text> to check seed/bundles against it');
}

(SOURCE_TEXT ? describe : describe.skip)(`article evidence (SOURCE_TEXT=${SOURCE_TEXT ?? 'unset'})`, () => {
  it('checks every span of every bundle against the article', () => {
    const text = readFileSync(SOURCE_TEXT!, 'utf8');
    const data = loadGraphData();
    let docs = data.documents.filter((d) => basename(d.sourceFile) === basename(SOURCE_TEXT!));
    if (docs.length === 0 && data.documents.length === 1) docs = data.documents;
    expect(docs.length).toBeGreaterThan(0);
    const ids = new Set(docs.map((d) => d.id));
    expect(spanCount(data, ids)).toBeGreaterThan(0);
    expect(verifySpans(data, new Map(docs.map((d) => [d.id, text])))).toEqual([]);
  });
});

describe('fixture evidence', () => {
  const data = fixtureGraphData();
  const texts = new Map<string, string>();
  for (const d of data.documents) {
    const path = join(ROOT, d.sourceFile);
    if (existsSync(path)) texts.set(d.id, readFileSync(path, 'utf8'));
  }

  it('checks every span of the fixture bundles against the fixture texts', () => {
    expect(texts.size).toBe(data.documents.length);
    expect(spanCount(data, new Set(texts.keys()))).toBeGreaterThan(0);
    expect(verifySpans(data, texts)).toEqual([]);
  });
});

describe('verifySpans', () => {
  const text = ['First line here.', '', 'Second paragraph, with a 😀 emoji.', '  ', 'Third.'].join('\n');
  const chars = Array.from(text);
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  const at = (start: number, end: number) => sha(chars.slice(start, end).join(''));
  const secondStart = chars.indexOf('S');
  const doc = {
    id: 'doc',
    title: 'Doc',
    publisher: 'pub',
    published: '2014',
    sha256: sha(text),
    characters: chars.length,
    paragraphs: 3,
    sourceFile: 'doc.txt',
  };
  const entity = (mentions: GraphData['entities'][number]['mentions']): GraphData => ({
    documents: [doc],
    entities: [{ id: 'e', kind: 'place', subtype: 'city', name: 'E', aliases: [], summary: 'E.', mentions, documents: ['doc'] }],
    relations: [],
  });
  const span = (paragraph: number, start: number, end: number, sha256 = at(start, end)) => ({ document: 'doc', paragraph, start, end, sha256 });

  it('accepts spans counted in code points, paragraphs as non-empty lines', () => {
    const emoji = chars.indexOf('😀');
    expect(verifySpans(entity([span(1, 0, 5), span(2, emoji, emoji + 1), span(3, chars.length - 6, chars.length)]), new Map([['doc', text]]))).toEqual([]);
  });

  it('names bundle, record and field for each problem', () => {
    const problems = verifySpans(
      entity([span(1, 0, 5, '0'.repeat(64)), span(1, secondStart, secondStart + 6), span(2, 0, chars.length + 3), span(9, 0, 5)]),
      new Map([['doc', text]]),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^bundle doc: entity "e" field mentions\[0\]: sha256 mismatch for 0\.\.5/),
      expect.stringMatching(/^bundle doc: entity "e" field mentions\[1\]: span \d+\.\.\d+ is not inside paragraph 1/),
      expect.stringMatching(/^bundle doc: entity "e" field mentions\[2\]: offsets 0\.\.\d+ are out of range/),
      expect.stringMatching(/^bundle doc: entity "e" field mentions\[3\]: paragraph 9 does not exist/),
    ]);
  });

  it('checks the document hash, length and paragraph count', () => {
    const wrong = { ...entity([]), documents: [{ ...doc, sha256: '1'.repeat(64), characters: 3, paragraphs: 7 }] };
    expect(verifySpans(wrong, new Map([['doc', text]]))).toEqual([
      expect.stringMatching(/^bundle doc: document "doc" field sha256: /),
      expect.stringMatching(/^bundle doc: document "doc" field characters: recorded 3/),
      expect.stringMatching(/^bundle doc: document "doc" field paragraphs: recorded 7, the text has 3/),
    ]);
  });

  it('skips documents without a text', () => {
    expect(verifySpans(entity([span(9, 0, 5, '0'.repeat(64))]), new Map())).toEqual([]);
  });
});
