/**
 * A whole-graph load through Neo4j's offline importer (`neo4j-admin database import full`), for first
 * loads and reloads of big graphs: `npm run seed -- --import`. The transactional loader (./staged.ts)
 * writes 3-8k relations/s here, bounded by Neo4j's per-transaction write path; the importer writes the
 * store files directly (docs/performance.md, "Loading through Neo4j's offline importer").
 *
 * The result is the graph a staged reload writes (./model.ts): the same labels, types and properties,
 * so every read answers the same (tests/neo4j/bulk-import.test.ts compares the two graphs property by
 * property). An empty list is stored by neither (model.ts toCypherProps: the importer cannot write one).
 * What the files do not carry is written when the database is up (finishImport):
 *   - each document's stored bundle (./stored-bundle.ts; its JSON text is 106 MB per bundle at 10^6): the importer reads a file
 *     in chunks that must hold the longest field, several at once, and a 1 GB heap could not;
 *   - then the schema (constraints and indexes: the Community importer cannot create them), built from
 *     the imported data in one population pass per index.
 * The graph version is imported: a new number, so no cache of a running API takes the new graph for the old.
 *
 * The CSV is written by csvField: every string between two U+001E (the importer's --quote), so an empty
 * string is a quoted empty field and a null an empty one (no property); list elements are joined with U+001F.
 * No value may hold either character (checked, naming the property). A quote that no value holds needs no
 * escaping: with `"` every JSON text (evidence, mentions) was copied to double its quotes (the files of 10^6
 * relations: 189 s; 124-142 s now; docs/performance.md, "Loading through Neo4j's offline importer").
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Driver } from 'neo4j-driver';
import { BundleError } from '../../data/bundle';
import * as W from './cypher';
import { ensureSchema } from './index';
import { KIND_LABELS, MENTION_TYPE, documentProps, entityProps, mentionProps, relationProps, type Props } from './model';
import type { Prepared } from './phases';
import { storedBundleProps } from './stored-bundle';

type ColumnType = 'string' | 'string[]' | 'long' | 'boolean';

/** Every property a staged reload writes, with its import type (strings unless said). */
const ENTITY_TYPES: Record<string, ColumnType> = {
  aliases: 'string[]',
  outsideAliases: 'string[]',
  aliasesLower: 'string[]',
  exactKeys: 'string[]',
  ongoing: 'boolean',
};
const DOCUMENT_TYPES: Record<string, ColumnType> = { characters: 'long', paragraphs: 'long' };
const MENTION_TYPES: Record<string, ColumnType> = { count: 'long' };
const RELATION_TYPES: Record<string, ColumnType> = {
  documents: 'string[]',
  assertedByAll: 'string[]',
  assertionModalities: 'string[]',
  ongoing: 'boolean',
  outsideKnowledge: 'boolean',
};

/** The list separator: a control character no name, alias or id holds (checked for every element). */
export const ARRAY_DELIMITER = '\u001f';
/** The quote around every string field (see the top of this file). */
export const QUOTE = '\u001e';

const holdsControl = (v: string) => v.includes(ARRAY_DELIMITER) || v.includes(QUOTE);
/** A character as the importer's options take it: U+XXXX. */
const optionChar = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** What finishImport writes: each document's stored bundle (packed, ./stored-bundle.ts) and its version, made when it is written. */
export interface Finish {
  documents: Array<{ id: string; stored: () => Promise<{ bundle: string; version: string }> }>;
}

export interface ImportFiles {
  dir: string;
  /** Arguments for `neo4j-admin database import full`, file paths relative to `dir`. */
  args: string[];
  finish: Finish;
  /** The graph version the import carries. */
  version: number;
  counts: { entities: number; documents: number; relations: number; mentions: number };
}

export type ImportFileProgress = (what: 'entities' | 'documents' | 'mentions' | 'relations', written: number) => void;

/** A property list's columns: the names the model writes, in a fixed order, typed for the importer. */
class Columns {
  readonly names: string[];

  constructor(
    sample: Props,
    private readonly types: Record<string, ColumnType>,
    private readonly what: string,
    optional: readonly string[] = [],
  ) {
    this.names = [...new Set([...Object.keys(sample), ...optional])].sort();
  }

  header(exclude: readonly string[] = []): string[] {
    return this.names.filter((n) => !exclude.includes(n)).map((n) => (this.types[n] && this.types[n] !== 'string' ? `${n}:${this.types[n]}` : n));
  }

  /** The row's fields in column order. */
  fields(props: Props, exclude: readonly string[] = []): unknown[] {
    for (const k in props) if (!this.names.includes(k)) throw new Error(`${this.what}: property ${k} has no import column (bulk-import.ts)`);
    const out: unknown[] = [];
    for (const n of this.names) if (!exclude.includes(n)) out.push(this.field(n, props[n] ?? null));
    return out;
  }

  /** A value the files cannot carry: an input problem, reported like any invalid bundle (nothing is written). */
  private wrong(name: string, value: unknown): Error {
    return new BundleError([`${this.what}: property ${name} is ${JSON.stringify(value)}, not ${this.types[name] ?? 'string'} without U+001E/U+001F (bulk-import.ts)`]);
  }

  private field(name: string, value: Props[string]): unknown {
    if (value === null) return null;
    switch (this.types[name] ?? 'string') {
      case 'string[]':
        if (!Array.isArray(value)) throw this.wrong(name, value);
        for (const v of value) if (typeof v !== 'string' || holdsControl(v)) throw this.wrong(name, value);
        // an empty list is not stored (model.ts toCypherProps)
        return value.length === 0 ? null : value.join(ARRAY_DELIMITER);
      case 'long':
        if (!Number.isSafeInteger(value)) throw this.wrong(name, value);
        return value;
      case 'boolean':
        if (typeof value !== 'boolean') throw this.wrong(name, value);
        return value;
      default:
        if (typeof value !== 'string' || value.includes(QUOTE)) throw this.wrong(name, value);
        return value;
    }
  }
}

/** The bytes of the longest field, to size the importer's read buffer. */
class Longest {
  bytes = 0;
  see(fields: unknown[]): void {
    for (const f of fields) if (typeof f === 'string' && f.length * 3 > this.bytes) this.bytes = Math.max(this.bytes, Buffer.byteLength(f));
  }
}

/** One field of the import files: a string between QUOTEs, a number or boolean as is, null empty. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  return QUOTE + value + QUOTE;
}

/** Rows into a CSV file, about 1 MB per write, waiting for the disk when it falls behind. */
async function writeCsv(path: string, header: string[], rows: Iterable<unknown[]>): Promise<void> {
  const out = createWriteStream(path);
  try {
    let chunk = `${header.join(',')}\n`;
    for (const row of rows) {
      chunk += `${row.map(csvField).join(',')}\n`;
      if (chunk.length >= 1 << 20) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await finished(out);
  } catch (e) {
    out.destroy();
    throw e;
  }
}

/** Yields every `every` items to report progress. */
function* counted<T>(items: Iterable<T>, every: number, report: (n: number) => void): Generator<T> {
  let n = 0;
  for (const item of items) {
    yield item;
    if (++n % every === 0) report(n);
  }
  report(n);
}

/**
 * Writes the import files for the prepared bundles (./index.ts prepareBundles) into `dir`: entities once
 * each (the first bundle's, as the staged writer), documents, mention links and relations. Returns the
 * importer's arguments and what finishImport writes afterwards (the stored bundles).
 */
export async function writeImportFiles(prepared: readonly Prepared[], dir: string, onProgress?: ImportFileProgress): Promise<ImportFiles> {
  await mkdir(dir, { recursive: true });
  const longest = new Longest();
  let multiline = false;
  const track = (fields: unknown[]) => {
    longest.see(fields);
    if (!multiline) multiline = fields.some((f) => typeof f === 'string' && /[\r\n]/.test(f));
    return fields;
  };

  const seen = new Set<string>();
  const entities = prepared.flatMap((p) => p.entities.filter((e) => !seen.has(e.id) && seen.add(e.id)));
  const first = entities[0];
  const entityColumns = first ? new Columns(entityProps(first), ENTITY_TYPES, 'entity') : undefined;
  if (entityColumns) {
    const rows = function* () {
      for (const e of entities) {
        const fields = entityColumns.fields(entityProps(e), ['id']);
        yield track([e.id, `Entity${ARRAY_DELIMITER}${KIND_LABELS[e.kind]}`, ...fields]);
      }
    };
    await writeCsv(join(dir, 'entities.csv'), ['id:ID(Entity)', ':LABEL', ...entityColumns.header(['id'])], counted(rows(), 10_000, (n) => onProgress?.('entities', n)));
  }

  const documentRows: Props[] = prepared.map((p) => documentProps(p.bundle.document));
  const documentColumns = new Columns(documentRows[0]!, DOCUMENT_TYPES, 'document');
  await writeCsv(
    join(dir, 'documents.csv'),
    ['id:ID(Document)', ':LABEL', ...documentColumns.header(['id'])],
    counted(documentRows.map((d) => track([d.id as string, 'Document', ...documentColumns.fields(d, ['id'])])), 1, (n) => onProgress?.('documents', n)),
  );

  const mentionColumns = new Columns(mentionProps([]), MENTION_TYPES, 'mention');
  const mentionRows = function* () {
    for (const p of prepared) {
      for (const e of p.entities) yield track([e.id, p.bundle.document.id, MENTION_TYPE, ...mentionColumns.fields(mentionProps(p.mentions.get(e.id) ?? []))]);
    }
  };
  await writeCsv(
    join(dir, 'mentions.csv'),
    [':START_ID(Entity)', ':END_ID(Document)', ':TYPE', ...mentionColumns.header()],
    counted(mentionRows(), 10_000, (n) => onProgress?.('mentions', n)),
  );

  const relations = prepared.flatMap((p) => p.relations);
  const firstRelation = relations[0];
  if (firstRelation) {
    const relationColumns = new Columns(relationProps(firstRelation), RELATION_TYPES, 'relation', ['outsideKnowledge']);
    const rows = function* () {
      for (const r of relations) {
        if (!seen.has(r.subject) || !seen.has(r.object)) throw new Error(`relation ${r.id} has an end no bundle defines`);
        yield track([r.subject, r.object, r.type, ...relationColumns.fields(relationProps(r))]);
      }
    };
    await writeCsv(
      join(dir, 'relations.csv'),
      [':START_ID(Entity)', ':END_ID(Entity)', ':TYPE', ...relationColumns.header()],
      counted(rows(), 10_000, (n) => onProgress?.('relations', n)),
    );
  }

  // Milliseconds since 1970: above any count of writes a database has seen, so never a version reused.
  const version = Date.now();
  await writeCsv(join(dir, 'graph-version.csv'), [':ID(GraphVersion)', ':LABEL', 'key', 'version:long', 'changedAt:datetime', 'overlapKeys:boolean'], [
    ['graph', 'GraphVersion', 'graph', version, new Date(version).toISOString(), true],
  ]);

  const args = [
    ...(entityColumns ? ['--nodes=entities.csv'] : []),
    '--nodes=documents.csv',
    '--nodes=graph-version.csv',
    '--relationships=mentions.csv',
    ...(firstRelation ? ['--relationships=relations.csv'] : []),
    `--array-delimiter=${optionChar(ARRAY_DELIMITER)}`,
    `--quote=${optionChar(QUOTE)}`,
    // the longest field (an evidence or mention JSON text) must fit the read buffer
    `--read-buffer-size=${Math.max(4 << 20, 2 ** Math.ceil(Math.log2(longest.bytes + 1024)))}`,
    ...(multiline ? ['--multiline-fields=true'] : []),
  ];
  await writeFile(join(dir, 'import.args'), `${args.join('\n')}\n`);

  return {
    dir,
    args,
    // made when finishImport writes them: at 10^6, making the ten texts here (JSON, version hash, gzip) took the
    // files from 121 s to 224-242 s, and finishImport makes the next document's while the database writes one
    finish: { documents: prepared.map((p) => ({ id: p.bundle.document.id, stored: () => storedBundleProps(p.bundle) })) },
    version,
    counts: { entities: entities.length, documents: prepared.length, relations: relations.length, mentions: prepared.reduce((n, p) => n + p.entities.length, 0) },
  };
}

/** How long one stored bundle's transaction may take (the server's default, 120 s in scripts/neo4j.sh, is not enough). */
export const BUNDLE_WRITE_TIMEOUT_MS = 30 * 60_000;

export type FinishProgress = { stage: 'bundles'; documents: number; ms: number } | { stage: 'schema'; ms: number };

/**
 * After the importer, with the database up (see the top of this file): the stored bundles while no index
 * exists yet (none to keep up to date; a few documents are found without one), then the schema.
 */
export async function finishImport(
  driver: Driver,
  finish: Finish,
  options: { database?: string; onProgress?: (p: FinishProgress) => void } = {},
): Promise<void> {
  let t0 = Date.now();
  const session = driver.session({ database: options.database });
  try {
    // One transaction per document: a bundle's packed text is 38 MB per document at 10^6 (106 MB of JSON before
    // the packing). A JSON write usually took 8-12 s, but once took over the server's default transaction timeout
    // (120 s), which ended the import: its own bound. The next document is packed while one is written.
    const { documents } = finish;
    let next = documents[0]?.stored();
    for (let i = 0; i < documents.length; i++) {
      const props = await next!;
      const write = session.executeWrite((tx) => tx.run(W.SET_DOCUMENT_PROPS, { id: documents[i]!.id, props }), { timeout: BUNDLE_WRITE_TIMEOUT_MS });
      await new Promise((started) => setImmediate(started)); // let the write begin before this thread packs the next
      next = documents[i + 1]?.stored();
      next?.catch(() => undefined); // awaited next round; if this write fails first, its failure is the one reported
      await write;
    }
  } finally {
    await session.close();
  }
  options.onProgress?.({ stage: 'bundles', documents: finish.documents.length, ms: Date.now() - t0 });
  t0 = Date.now();
  await ensureSchema(driver, { database: options.database, timeoutSeconds: 3600 });
  options.onProgress?.({ stage: 'schema', ms: Date.now() - t0 });
}
