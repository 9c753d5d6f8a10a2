#!/usr/bin/env node
/**
 * locate-span: an authoring tool for evidence spans (plain Node, no dependencies).
 *
 * The document text is the source file read as UTF-8. Paragraphs are its non-empty lines,
 * numbered from 1 in file order. A span is {paragraph, start, end, sha256}: 0-based offsets
 * into the whole text (end exclusive), lying inside that paragraph, with the lowercase hex
 * SHA-256 of the UTF-8 bytes of text.slice(start, end). The source has only BMP characters,
 * so JS string indices are code points.
 *
 * Usage:
 *   node scripts/locate-span.mjs [options] "PHRASE"
 *     --source PATH   the article (default: $SOURCE_TEXT, else the shared source file)
 *     --all           print every occurrence (default: the first one)
 *     --para N        only look inside paragraph N
 *     --nth K         print the K-th occurrence (1-based) instead of the first
 *     --word          match whole words only (no letter or digit right before or after)
 *     --to "END"      widen each match to the end of the first "END" after it, in the same paragraph
 *   node scripts/locate-span.mjs --paragraphs           list paragraph numbers with their offsets
 *   node scripts/locate-span.mjs --doc                  print sha256, characters, paragraphs of the source
 *   node scripts/locate-span.mjs --check BUNDLE.json    recompute every span of a bundle
 *
 * Phrases are given on the command line only; the tool prints evidence objects as JSON, one per line.
 * Exit codes: 0 ok, 1 not found / mismatches, 2 usage error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SOURCE = '/work/shared/source/000_e741adee9101bc69.txt';

export function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads the article and splits it into paragraphs (non-empty lines, numbered from 1). */
export function loadDocument(path = process.env.SOURCE_TEXT || DEFAULT_SOURCE) {
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8');
  if (/[\uD800-\uDFFF]/.test(text)) {
    // Offsets are defined as code points; JS string indices only equal them inside the BMP.
    throw new Error(`${path} has characters outside the BMP; offsets would not be code points`);
  }
  const paragraphs = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let contentEnd = lineEnd;
    if (contentEnd > lineStart && text[contentEnd - 1] === '\r') contentEnd -= 1;
    if (contentEnd > lineStart) {
      paragraphs.push({ index: paragraphs.length + 1, start: lineStart, end: contentEnd });
    }
    lineStart = lineEnd + 1;
  }
  return { path, text, sha256: sha256Hex(bytes), characters: text.length, paragraphs };
}

export function paragraphAt(doc, offset) {
  return doc.paragraphs.find((p) => offset >= p.start && offset < p.end);
}

export function makeSpan(doc, start, end) {
  const para = paragraphAt(doc, start);
  if (!para || end > para.end || end <= start) {
    throw new Error(`span ${start}-${end} does not lie inside one paragraph`);
  }
  return { paragraph: para.index, start, end, sha256: sha256Hex(Buffer.from(doc.text.slice(start, end), 'utf8')) };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
function isWholeWord(text, start, end) {
  const before = start > 0 ? text[start - 1] : '';
  const after = end < text.length ? text[end] : '';
  return !(before && WORD_CHAR.test(before)) && !(after && WORD_CHAR.test(after));
}

/**
 * Every occurrence of `phrase` (exact, case-sensitive), optionally restricted to one paragraph,
 * to whole words, and widened to the end of the next `to` phrase inside the same paragraph.
 */
export function findSpans(doc, phrase, { para, word = false, to } = {}) {
  if (!phrase) throw new Error('empty phrase');
  const paras = para ? doc.paragraphs.filter((p) => p.index === Number(para)) : doc.paragraphs;
  const spans = [];
  for (const p of paras) {
    let from = p.start;
    for (;;) {
      const start = doc.text.indexOf(phrase, from);
      if (start === -1 || start + phrase.length > p.end) break;
      from = start + 1;
      let end = start + phrase.length;
      if (word && !isWholeWord(doc.text, start, end)) continue;
      if (to) {
        const toAt = doc.text.indexOf(to, end);
        if (toAt === -1 || toAt + to.length > p.end) continue;
        end = toAt + to.length;
      }
      spans.push(makeSpan(doc, start, end));
    }
  }
  return spans;
}

/** Recomputes every span of a bundle (document fields, entity mentions, relation evidence). */
export function checkBundle(doc, bundle) {
  const problems = [];
  let spans = 0;
  const d = bundle.document ?? {};
  if (d.sha256 !== doc.sha256) problems.push(`document.sha256 ${d.sha256} != ${doc.sha256}`);
  if (d.characters !== doc.characters) problems.push(`document.characters ${d.characters} != ${doc.characters}`);
  if (d.paragraphs !== doc.paragraphs.length) problems.push(`document.paragraphs ${d.paragraphs} != ${doc.paragraphs.length}`);
  if (d.sourceFile && d.sourceFile !== basename(doc.path)) problems.push(`document.sourceFile ${d.sourceFile} != ${basename(doc.path)}`);
  const checkSpan = (where, s) => {
    spans += 1;
    if (!s || !Number.isInteger(s.start) || !Number.isInteger(s.end) || !Number.isInteger(s.paragraph)) {
      problems.push(`${where}: malformed span ${JSON.stringify(s)}`);
      return;
    }
    const p = doc.paragraphs[s.paragraph - 1];
    if (!p) {
      problems.push(`${where}: no paragraph ${s.paragraph}`);
      return;
    }
    if (s.start < p.start || s.end > p.end || s.end <= s.start) {
      problems.push(`${where}: ${s.start}-${s.end} is not inside paragraph ${s.paragraph} (${p.start}-${p.end})`);
      return;
    }
    const h = sha256Hex(Buffer.from(doc.text.slice(s.start, s.end), 'utf8'));
    if (h !== s.sha256) problems.push(`${where}: sha256 ${s.sha256} != ${h}`);
  };
  for (const e of bundle.entities ?? []) {
    (e.mentions ?? []).forEach((s, i) => checkSpan(`entity ${e.id} mention[${i}]`, s));
  }
  for (const r of bundle.relations ?? []) {
    if (!r.evidence?.length) problems.push(`relation ${r.id}: no evidence`);
    (r.evidence ?? []).forEach((s, i) => checkSpan(`relation ${r.id} evidence[${i}]`, s));
  }
  return { spans, problems };
}

function parseArgs(argv) {
  const opts = { all: false, word: false, positional: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      i += 1;
      return argv[i];
    };
    if (a === '--all') opts.all = true;
    else if (a === '--word') opts.word = true;
    else if (a === '--paragraphs') opts.paragraphs = true;
    else if (a === '--doc') opts.doc = true;
    else if (a === '--source') opts.source = value();
    else if (a === '--para') opts.para = Number(value());
    else if (a === '--nth') opts.nth = Number(value());
    else if (a === '--to') opts.to = value();
    else if (a === '--check') opts.check = value();
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.positional.push(a);
  }
  return opts;
}

function main(argv) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  if (opts.help) {
    console.log('usage: locate-span.mjs [--source PATH] [--all|--nth K] [--para N] [--word] [--to END] "PHRASE"\n' +
      '       locate-span.mjs --check BUNDLE.json | --paragraphs | --doc');
    return 0;
  }
  const doc = loadDocument(opts.source ? resolve(opts.source) : undefined);
  if (opts.check) {
    const bundle = JSON.parse(readFileSync(opts.check, 'utf8'));
    const { spans, problems } = checkBundle(doc, bundle);
    for (const p of problems) console.log(`MISMATCH ${p}`);
    console.log(`${spans} span(s) checked, ${problems.length} problem(s)`);
    return problems.length ? 1 : 0;
  }
  if (opts.paragraphs) {
    for (const p of doc.paragraphs) console.log(JSON.stringify(p));
    return 0;
  }
  if (opts.doc) {
    console.log(JSON.stringify({ sha256: doc.sha256, characters: doc.characters, paragraphs: doc.paragraphs.length, sourceFile: basename(doc.path) }));
    return 0;
  }
  if (opts.positional.length !== 1) {
    console.error('give exactly one phrase (quote it)');
    return 2;
  }
  const spans = findSpans(doc, opts.positional[0], { para: opts.para, word: opts.word, to: opts.to });
  let out = spans;
  if (opts.nth) out = spans.slice(opts.nth - 1, opts.nth);
  else if (!opts.all) out = spans.slice(0, 1);
  if (!out.length) {
    console.error('not found');
    return 1;
  }
  for (const s of out) console.log(JSON.stringify(s));
  if (!opts.all && !opts.nth && spans.length > 1) console.error(`(${spans.length} occurrences; --all to list them)`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`locate-span: ${err.message}`);
    process.exitCode = 2;
  }
}
