// The streaming XML writer (src/export/xml.ts) against independent parsers: every awkward string comes
// back exactly (or, for characters XML cannot carry, as U+FFFD), and the documents are well-formed.
import { DOMParser } from '@xmldom/xmldom';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { writeGexf } from '../../src/export/gexf';
import { writeGraphml } from '../../src/export/graphml';
import { XmlWriter, escapeAttr, escapeText, fixed } from '../../src/export/xml';
import type { EntitySummary, Relation } from '../../src/schemas/domain';

const AWKWARD = [
  'plain',
  'a & b < c > d',
  'quotes " and \' apostrophes',
  'tab\there, newline\nthere, return\rhere',
  '<![CDATA[ not a section ]]>',
  '&amp; already escaped',
  'emoji 🗾 and 東京 and é',
  '  leading and trailing spaces  ',
];
const INVALID_IN_XML = ['nul \u0000 byte', 'bell \u0007', 'lone surrogate \uD800 here', 'reversed \uDC00\uD800 pair', 'noncharacter \uFFFE'];
const REPLACED = (s: string) =>
  s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'); // eslint-disable-line no-control-regex

const texts = [...AWKWARD, ...INVALID_IN_XML];
const ref = (e: EntitySummary) => ({ id: e.id, name: e.name, kind: e.kind, subtype: e.subtype });
const entities: EntitySummary[] = texts.map((t, i) => ({ id: `e-${i}`, kind: 'person', subtype: 'official', name: t, aliases: [t, 'x'], summary: t }));
const relations: Relation[] = texts.map((t, i) => ({
  id: `r-${i}`,
  type: 'MET',
  time: 'timeless',
  subject: ref(entities[i]!),
  object: ref(entities[(i + 1) % entities.length]!),
  assertedBy: ref(entities[0]!),
  modality: 'stated',
  summary: t,
  role: t,
  evidence: [{ document: 'doc', paragraph: 1, start: 0, end: 5, sha256: '0'.repeat(64) }],
  documents: ['doc'],
  assertions: [{ document: 'doc', assertedBy: 'e-0', modality: 'stated' }],
}));
const input = { nodes: () => entities, edges: () => relations };

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** @xmldom/xmldom, with its warnings and errors as failures (but its note on the U+FFFD we write on purpose). */
function strictParse(xml: string) {
  const problems: string[] = [];
  const onError = (level: string, msg: string) => {
    if (!/replacement character/.test(msg)) problems.push(`${level}: ${msg}`);
  };
  const doc = new DOMParser({ onError }).parseFromString(xml, 'text/xml');
  expect(problems).toEqual([]);
  return doc;
}

test.each([
  ['graphml', writeGraphml, parseGraphml],
  ['gexf', writeGexf, parseGexf],
] as const)('%s: awkward names, summaries and roles come back exactly through an independent parser', async (_name, write, parse) => {
  const xml = await text(write(input));
  strictParse(xml);
  const graph = parse(MultiDirectedGraph, xml);
  texts.forEach((t, i) => {
    const a = graph.getNodeAttributes(`e-${i}`);
    expect(a.label).toBe(REPLACED(t));
    expect(a.summary).toBe(REPLACED(t));
    expect(graph.getEdgeAttributes(`r-${i}`).role).toBe(REPLACED(t));
    expect(graph.getEdgeAttributes(`r-${i}`).summary).toBe(REPLACED(t));
  });
});

test('the writer nests, indents, escapes text and attributes, and closes what is open', () => {
  const xml = new XmlWriter().declaration().open('a', { x: 'say "hi" & <go>\n' }).leaf('b', undefined, '1 < 2 & 3 > 2\r').leaf('c', { y: undefined }).end().take();
  expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<a x="say &quot;hi&quot; &amp; &lt;go&gt;&#10;">\n  <b>1 &lt; 2 &amp; 3 &gt; 2&#13;</b>\n  <c/>\n</a>\n');
  const doc = strictParse(xml);
  expect(doc.documentElement!.getAttribute('x')).toBe('say "hi" & <go>\n');
  expect(doc.getElementsByTagName('b').item(0)!.textContent).toBe('1 < 2 & 3 > 2\r');
  expect(() => new XmlWriter().close()).toThrow('nothing to close');
});

test('escaping leaves ordinary text untouched and replaces what XML cannot carry', () => {
  expect(escapeText('Tōkyō 🗾')).toBe('Tōkyō 🗾');
  expect(escapeAttr('a\tb')).toBe('a&#9;b');
  expect(escapeText('a\u0000b\uD800c')).toBe('a\uFFFDb\uFFFDc');
});

test('fixed attributes are escaped once and written before the per-element ones', () => {
  const key = fixed({ key: 'a&b', none: undefined });
  const xml = new XmlWriter().open('g').leaf('data', key, 'x').leaf('v', [key, { value: '"q"\n' }]).leaf('w', [key, {}]).end().take();
  expect(xml).toBe('\n<g>\n  <data key="a&amp;b">x</data>\n  <v key="a&amp;b" value="&quot;q&quot;&#10;"/>\n  <w key="a&amp;b"/>\n</g>\n');
  const v = strictParse(`<?xml version="1.0"?>${xml}`).getElementsByTagName('v').item(0)!;
  expect([v.getAttribute('key'), v.getAttribute('value')]).toEqual(['a&b', '"q"\n']);
});

test('the fast path passes plain text and tabs or line breaks in text as they are, and escapes everything else', () => {
  expect(escapeText('line one\nline\ttwo')).toBe('line one\nline\ttwo');
  expect(escapeText('a\r\nb')).toBe('a&#13;\nb');
  expect(escapeAttr('plain value')).toBe('plain value');
  expect(escapeAttr('\uDC00\uD800 reversed')).toBe('\uFFFD\uFFFD reversed');
  expect(escapeText('\uFFFF')).toBe('\uFFFD');
});
