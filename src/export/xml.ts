/**
 * A minimal streaming XML writer for the exports: elements are written as text the moment they are
 * added (nothing is kept but the stack of open element names), every text and attribute value escaped.
 * It replaced xmlbuilder2's callback builder, which wrote ~1,000 elements/s on a 20k-element graph (it
 * keeps state per node); this writes several 100,000 (npm run bench:scale, README). What it must get
 * right is tested against independent parsers (tests/export/xml.test.ts: @xmldom/xmldom, graphology-gexf
 * and graphology-graphml).
 */

/** Characters XML 1.0 does not allow at all (C0 controls but tab/newline/return, U+FFFE/U+FFFF, lone surrogates). */
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/**
 * One test that lets most values through untouched: a value without any of these (characters to
 * escape, control characters, surrogates: a valid pair takes the slow path too, which keeps it) is
 * written as it is.
 */
// eslint-disable-next-line no-control-regex
const TEXT_WORK = /[\u0000-\u001F&<>\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const ATTR_WORK = /[\u0000-\u001F&<>"\uD800-\uDFFF\uFFFE\uFFFF]/;
const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\t\n\r]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

function clean(value: string): string {
  INVALID.lastIndex = 0;
  return INVALID.test(value) ? value.replace(INVALID, '\uFFFD') : value;
}

/** Element text: & < > escaped (and \r, which a parser would otherwise normalise away). */
export function escapeText(value: string): string {
  if (!TEXT_WORK.test(value)) return value;
  const v = clean(value);
  return TEXT_SPECIAL.test(v) ? v.replace(/[&<>\r]/g, (c) => ESCAPES[c]!) : v;
}

/** An attribute value in double quotes: & < > " escaped, and whitespace kept as character references. */
export function escapeAttr(value: string): string {
  if (!ATTR_WORK.test(value)) return value;
  const v = clean(value);
  return ATTR_SPECIAL.test(v) ? v.replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c]!) : v;
}

export type Attributes = Record<string, string | undefined>;

/**
 * Attributes that are the same on many elements (GraphML's `<data key="...">`, GEXF's attvalue `for`),
 * escaped once: `fixed({ key: 'n_kind' })`, then passed wherever Attributes go, alone or before
 * per-element ones (`[FIXED, { value }]`).
 */
export class FixedAttributes {
  readonly text: string;
  constructor(attributes: Attributes) {
    this.text = attrs(attributes);
  }
}

export const fixed = (attributes: Attributes) => new FixedAttributes(attributes);

type AnyAttributes = Attributes | FixedAttributes | [FixedAttributes, Attributes];

function attrs(attributes: AnyAttributes | undefined): string {
  if (!attributes) return '';
  if (attributes instanceof FixedAttributes) return attributes.text;
  if (Array.isArray(attributes)) return attributes[0].text + attrs(attributes[1]);
  let out = '';
  for (const name in attributes) {
    const value = attributes[name];
    if (value !== undefined) out += ` ${name}="${escapeAttr(value)}"`;
  }
  return out;
}

/** Line breaks with the indent of each depth, built once. */
const INDENTS: string[] = [];
const indent = (depth: number) => (INDENTS[depth] ??= `\n${'  '.repeat(depth)}`);

/** Writes indented XML into a buffer the caller takes (`take`) whenever it wants to pass text on. */
export class XmlWriter {
  private buffer = '';
  private readonly stack: string[] = [];

  /** Names and attribute names are ours (constants), never input: they are not checked. */
  declaration(): this {
    this.buffer += '<?xml version="1.0" encoding="UTF-8"?>';
    return this;
  }

  open(name: string, attributes?: AnyAttributes): this {
    this.buffer += `${indent(this.stack.length)}<${name}${attrs(attributes)}>`;
    this.stack.push(name);
    return this;
  }

  /** A whole element: empty (`<x/>`) without text, else `<x>text</x>`. */
  leaf(name: string, attributes?: AnyAttributes, text?: string): this {
    this.buffer +=
      text === undefined
        ? `${indent(this.stack.length)}<${name}${attrs(attributes)}/>`
        : `${indent(this.stack.length)}<${name}${attrs(attributes)}>${escapeText(text)}</${name}>`;
    return this;
  }

  close(): this {
    const name = this.stack.pop();
    if (name === undefined) throw new Error('XmlWriter: nothing to close');
    this.buffer += `${indent(this.stack.length)}</${name}>`;
    return this;
  }

  /** Closes every open element. */
  end(): this {
    while (this.stack.length) this.close();
    this.buffer += '\n';
    return this;
  }

  /** Characters written since the last take. */
  get size(): number {
    return this.buffer.length;
  }

  /** The text written since the last take. */
  take(): string {
    const out = this.buffer;
    this.buffer = '';
    return out;
  }
}
