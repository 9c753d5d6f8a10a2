// `npm run seed -- --import` (src/graph/neo4j/load/bulk-import.ts): the offline importer must leave the
// graph a staged reload writes. The same bundles — the article's and a generated graph with awkward
// strings (quotes, commas, line breaks, backslashes, an entity without aliases) — are
// loaded into the test Neo4j by the transactional loader and into a second, own Neo4j by the importer;
// the two graphs are then compared node by node and relationship by relationship, every property.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { DEFAULT_BUNDLE_DIR, bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import { prepareBundles, writeBundles } from '../../src/graph/neo4j/load';
import { parse as parseCsv } from 'csv-parse/sync';
import { ARRAY_DELIMITER, QUOTE, csvField, finishImport, writeImportFiles, type ImportFiles } from '../../src/graph/neo4j/load/bulk-import';
import { SCHEMA_STATEMENTS, schemaName } from '../../src/graph/neo4j/load/cypher';
import type { Bundle } from '../../src/schemas/bundle';
import { generate } from '../../scripts/bench-scale';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';
import { ownNeo4j, type OwnNeo4j } from '../helpers/own-neo4j';

function awkwardBundles(): Bundle[] {
  const g = generate(150, 7, 2);
  const [a, b] = g.bundles as [Bundle, Bundle];
  // the generator borrows real Wikidata ids, which the article's entities hold already
  for (const x of [a, b]) for (const entity of x.entities) delete entity.wikidata;
  const e = a.entities[0]!;
  e.summary = 'Line one,\nline two with "quotes", a comma; and\r\na carriage return';
  e.aliases = [...e.aliases, 'semi;colon', '"quoted", with comma', 'ünïcödé — 東京', 'tab\there', 'back\\slash "', '""'];
  a.entities[1]!.aliases = [];
  const r = b.relations[0]!;
  r.summary = '"Starts with a quote" and ends with one"';
  return [a, b];
}

/** Every Entity/Document node and every relationship between them, as sorted plain JSON. */
async function dump(driver: Driver): Promise<{ nodes: string[]; relationships: string[]; version: Record<string, unknown> }> {
  const plain = (v: unknown): unknown =>
    neo4j.isInt(v) ? v.toNumber() : Array.isArray(v) ? v.map(plain) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]).sort()) : v;
  const nodes = await driver.executeQuery(`
    MATCH (n) WHERE n:Entity OR n:Document
    RETURN labels(n) AS labels, properties(n) AS props`);
  const rels = await driver.executeQuery(`
    MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Document) AND (b:Entity OR b:Document)
    RETURN a.id AS from, labels(b) AS toLabels, b.id AS to, type(r) AS type, properties(r) AS props`);
  const version = await driver.executeQuery(`MATCH (v:GraphVersion) RETURN properties(v) AS props`);
  return {
    nodes: nodes.records.map((r) => JSON.stringify([[...(r.get('labels') as string[])].sort(), plain(r.get('props'))])).sort(),
    relationships: rels.records.map((r) => JSON.stringify([r.get('from'), r.get('type'), [...(r.get('toLabels') as string[])].sort(), r.get('to'), plain(r.get('props'))])).sort(),
    version: version.records.length === 1 ? (plain(version.records[0]!.get('props')) as Record<string, unknown>) : { count: version.records.length },
  };
}

describeNeo4j('npm run seed -- --import (the offline importer)', () => {
  const bundles = [...bundleFiles(DEFAULT_BUNDLE_DIR).map(readBundleFile), ...awkwardBundles()];
  let loaded: Driver;
  let imported: Driver | undefined;
  let own: OwnNeo4j | undefined;
  let files: ImportFiles;
  let started: number;

  beforeAll(async () => {
    loaded = openTestDriver();
    await writeBundles(loaded, bundles, { reset: true });

    // An own Neo4j: the importer replaces its database.
    own = await ownNeo4j();
    started = Date.now();
    files = await writeImportFiles(prepareBundles(bundles), join(own.work, 'files'));
    await own.script('import', files.dir);
    imported = neo4j.driver(own.uri);
    await finishImport(imported, files.finish);
  }, 300_000);

  afterAll(async () => {
    await imported?.close();
    await loaded?.close();
    await own?.stop();
  }, 60_000);

  it('writes the graph a staged reload writes: every node, relationship and property', async () => {
    const [a, b] = await Promise.all([dump(loaded), dump(imported!)]);
    expect(a.nodes.length).toBeGreaterThan(100);
    expect(a.relationships.length).toBeGreaterThan(300);
    expect(b.nodes).toEqual(a.nodes);
    expect(b.relationships).toEqual(a.relationships);
  });

  it('keeps the awkward strings as they are, and answers an entity without aliases with []', async () => {
    const [a] = awkwardBundles();
    const e = a!.entities[0]!;
    const { records } = await imported!.executeQuery('MATCH (e:Entity {id: $id}) RETURN e.summary AS summary, e.aliases AS aliases', { id: e.id });
    expect(records[0]!.get('summary')).toBe(e.summary);
    expect(records[0]!.get('aliases')).toEqual(e.aliases);
    // An empty list is stored by neither loader (model.ts toCypherProps); the store reads it as [].
    const store = new Neo4jGraphStore(imported!);
    expect((await store.getEntity(a!.entities[1]!.id))?.aliases).toEqual([]);
    expect((await store.getEntity(e.id))?.aliases).toEqual(e.aliases);
  });

  it('carries a new graph version, with the overlap keys marked', async () => {
    const { version } = await dump(imported!);
    expect(version).toMatchObject({ key: 'graph', overlapKeys: true, version: files.version });
    expect(files.version).toBeGreaterThanOrEqual(started);
  });

  it('builds every constraint and index of the schema, online', async () => {
    const { records } = await imported!.executeQuery('SHOW INDEXES YIELD name, state RETURN name, state');
    const state = new Map(records.map((r) => [r.get('name') as string, r.get('state') as string]));
    for (const statement of SCHEMA_STATEMENTS) expect([schemaName(statement), state.get(schemaName(statement))]).toEqual([schemaName(statement), 'ONLINE']);
  });
});

describe('import files', () => {
  it('writes fields that an independent CSV parser reads back as they were', () => {
    const awkward = ['', 'plain', 'a,b', 'say "hi"', '"', '""', '\\"', 'line\nbreak', 'cr\r\nlf', ' spaced ', 'ünïcödé — 東京', `x${ARRAY_DELIMITER}y`];
    const rows = awkward.map((a, i) => [a, i, i % 2 === 0, `${a}|${a}`]);
    const text = rows.map((r) => r.map(csvField).join(',')).join('\n');
    expect(parseCsv(text, { quote: QUOTE, escape: QUOTE })).toEqual(rows.map((r) => r.map(String)));
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe(QUOTE + QUOTE);
  });

  it.each([
    ['an alias holding the list separator', (x: Bundle) => (x.entities[2]!.aliases = [`one${ARRAY_DELIMITER}two`]), /entity: property aliases/],
    ['an alias holding the quote', (x: Bundle) => (x.entities[2]!.aliases = [`one${QUOTE}two`]), /entity: property aliases/],
    ['a summary holding the quote', (x: Bundle) => (x.relations[0]!.summary = `a ${QUOTE} b`), /relation: property summary/],
  ])('refuses %s, naming the property', async (_, spoil, message) => {
    const [a, b] = awkwardBundles();
    spoil(a!);
    const dir = await mkdtemp(join(tmpdir(), 'kg-import-files-'));
    try {
      await expect(writeImportFiles(prepareBundles([a!, b!]), dir)).rejects.toThrow(message);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
