/**
 * npm run seed -- [--reset | --import] [--dir <folder>] [--verify <article path>] [--batch <rows>]
 *
 * Reads every *.json bundle in the folder (default seed/bundles), validates all of them (and, with
 * --verify, checks their evidence spans against the article text), then writes them to Neo4j and
 * prints what was created, updated, unchanged or deleted. Without --reset, one transaction per bundle
 * (batches for a bundle of more than --batch relations). With --reset, the new graph is written beside
 * the live one and switched in atomically: the previous graph serves until then, and a load killed at
 * any point leaves it intact (src/graph/neo4j/load/staged.ts, docs/loading.md). With --import, the
 * database of the local Neo4j that scripts/neo4j.sh runs is replaced through Neo4j's offline importer
 * (./import.ts, docs/loading.md): no write transaction holds the graph, and that Neo4j restarts.
 * Connection: NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USERNAME / NEO4J_PASSWORD (default no
 * auth), NEO4J_DATABASE (default: the server's default database).
 * Exit codes: 0 done; 1 invalid input (every problem is printed, nothing is written); 2 database error.
 */
import { readFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config';
import { createDriver, type Neo4jSettings } from '../src/graph/neo4j/driver';
import { errorCode } from '../src/graph/neo4j/errors';
import type { Bundle } from '../src/schemas/bundle';
import { BundleError, DEFAULT_BUNDLE_DIR, bundleFiles, readBundleFile, toGraphData } from '../src/graph/data/bundle';
import { DEFAULT_BATCH_SIZE, STAGED_BATCH_SIZE, graphCounts, writeBundles, type BundleWriteSummary, type Counts, type Progress } from '../src/graph/neo4j/load';
import { verifySpans } from '../src/graph/data/verify-evidence';
import { reconcileDocuments } from '../src/graph/neo4j/load/document';
import { importBundles } from './import';

const USAGE = `usage: npm run seed -- [--reset | --import] [--dir <folder>] [--verify <article path>] [--batch <rows>]
  --reset            replace the whole graph (written beside the live one, switched in atomically)
  --import           replace the whole database of the local Neo4j (scripts/neo4j.sh: NEO4J_HOME_DIR,
                     NEO4J_BOLT_PORT) through Neo4j's offline importer; stops and restarts that Neo4j
  --import-files <folder>  with --import: write the import files there and keep them (default: a temporary folder)
  --batch <rows>     rows per write transaction for large writes (default ${STAGED_BATCH_SIZE} with --reset, else ${DEFAULT_BATCH_SIZE})
  --dir <folder>     where the bundles are (default seed/bundles)
  --verify <path>    check every evidence span against this article text before writing
environment: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE`;

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

class Failure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function rel(path: string): string {
  const r = relative(process.cwd(), path);
  return r.startsWith('..') ? path : r;
}

/** Read and validate every bundle; every problem of every file is collected before failing. */
function readAll(dir: string): Array<{ source: string; bundle: Bundle }> {
  let files: string[];
  try {
    files = bundleFiles(dir);
  } catch {
    throw new Failure(`cannot read the bundle folder ${rel(dir)}`, 1);
  }
  if (files.length === 0) throw new Failure(`no *.json bundles in ${rel(dir)}`, 1);
  const problems: string[] = [];
  const bundles: Array<{ source: string; bundle: Bundle }> = [];
  for (const file of files) {
    out(`reading ${rel(file)}`);
    try {
      const bundle = readBundleFile(file);
      bundles.push({ source: rel(file), bundle });
      out(`validated ${rel(file)}: ${bundle.entities.length} entities, ${bundle.relations.length} relations`);
    } catch (e) {
      if (!(e instanceof BundleError)) throw e;
      out(`INVALID ${rel(file)}: ${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}`);
      problems.push(...e.problems);
    }
  }
  if (problems.length) throw new BundleError(problems);
  return bundles;
}

function verify(bundles: Bundle[], articlePath: string): void {
  let text: string;
  try {
    text = readFileSync(articlePath, 'utf8');
  } catch {
    throw new Failure(`cannot read the article ${articlePath}`, 1);
  }
  const data = toGraphData(bundles);
  const name = basename(articlePath);
  let docs = data.documents.filter((d) => basename(d.sourceFile) === name);
  if (docs.length === 0 && data.documents.length === 1) docs = data.documents;
  if (docs.length === 0) throw new Failure(`--verify: no bundle has sourceFile ${name}`, 1);
  const problems = verifySpans(data, new Map(docs.map((d) => [d.id, text])));
  if (problems.length) throw new BundleError(problems);
  const spans =
    data.entities.reduce((n, e) => n + e.mentions.filter((m) => docs.some((d) => d.id === m.document)).length, 0) +
    data.relations.reduce((n, r) => n + r.evidence.filter((m) => docs.some((d) => d.id === m.document)).length, 0);
  out(`verified ${spans} spans of ${docs.map((d) => d.id).join(', ')} against ${rel(articlePath)}`);
}

function progressLine(p: Progress): string | undefined {
  switch (p.stage) {
    case 'schema':
      return `schema: constraints and indexes online (${p.ms} ms)`;
    case 'cleanup':
      return `cleanup: deleted ${p.deleted} nodes an interrupted reload left`;
    case 'switched':
      return `switched: the new graph is live (${p.ms} ms)`;
    case 'reset':
      return `reset: deleted the ${p.deleted} nodes of the previous graph`;
    case 'writing':
      return `writing ${p.bundle}...`;
    case 'batch':
      return `batch ${p.bundle}: ${p.written} of ${p.total} ${p.what} (${Math.round(p.rate)}/s)`;
    case 'written':
      return `wrote ${p.summary.bundle} in ${p.summary.ms} ms`;
    default:
      return undefined;
  }
}

function table(rows: BundleWriteSummary[], totals: { nodes: Counts; relationships: Counts }): string {
  const header = ['bundle', 'records', 'created', 'updated', 'unchanged', 'deleted'];
  const lines: string[][] = [];
  const row = (bundle: string, what: string, c: Counts) =>
    lines.push([bundle, what, String(c.created), String(c.updated), String(c.unchanged), String(c.deleted)]);
  for (const b of rows) {
    row(b.bundle, 'entities', b.entities);
    row('', 'documents', b.documents);
    row('', 'relations', b.relations);
    row('', 'mention links', b.mentions);
  }
  row('TOTAL', 'nodes', totals.nodes);
  row('', 'relationships', totals.relationships);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        reset: { type: 'boolean', default: false },
        import: { type: 'boolean', default: false },
        'import-files': { type: 'string' },
        dir: { type: 'string' },
        verify: { type: 'string' },
        batch: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    err(`${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }
  if (args.import && (args.reset || args.batch !== undefined)) {
    err(`--import replaces the whole graph in one go: it takes neither --reset nor --batch\n${USAGE}`);
    return 1;
  }
  if (args['import-files'] !== undefined && !args.import) {
    err(`--import-files goes with --import\n${USAGE}`);
    return 1;
  }
  const dir = args.dir ? resolve(args.dir) : DEFAULT_BUNDLE_DIR;
  const batchSize = args.batch === undefined ? (args.reset ? STAGED_BATCH_SIZE : DEFAULT_BATCH_SIZE) : Number(args.batch);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    err(`--batch must be a whole number >= 1, got ${args.batch}\n${USAGE}`);
    return 1;
  }
  let settings: Neo4jSettings;
  try {
    // The server's validated config; the loader only differs in defaulting to a local Neo4j.
    settings = loadConfig({ ...process.env, GRAPH_STORE: 'neo4j', NEO4J_URI: process.env.NEO4J_URI || 'bolt://127.0.0.1:7687' }).neo4j!;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err(e.message);
    return 1;
  }
  const { uri, database } = settings;

  let bundles: Array<{ source: string; bundle: Bundle }>;
  try {
    bundles = readAll(dir);
    toGraphData(bundles.map((b) => b.bundle)); // cross-bundle agreement, before touching the database
    if (args.verify) verify(bundles.map((b) => b.bundle), resolve(args.verify));
  } catch (e) {
    if (e instanceof BundleError) {
      err(e.message);
      err('nothing was written.');
      return 1;
    }
    if (e instanceof Failure) {
      err(e.message);
      return e.exitCode;
    }
    throw e;
  }

  if (args.import) return importBundles(bundles, settings, out, err, args['import-files']);

  const driver = createDriver(settings);
  try {
    await driver.verifyConnectivity({ database });
    out(`connected to ${uri}${database ? ` (database ${database})` : ''}`);
    const summary = await writeBundles(driver, bundles, {
      reset: args.reset,
      batchSize,
      database,
      onProgress: (p) => {
        const line = progressLine(p);
        if (line) out(line);
      },
    });
    // Documents written over the API stay; facts they share with seed documents get their evidence back.
    const merged = await reconcileDocuments(driver, database);
    const changes = (c: { created: number; updated: number; deleted: number }) => `${c.created} created, ${c.updated} updated, ${c.deleted} deleted`;
    out(`merged with every stored document: entities ${changes(merged.entities)}; relations ${changes(merged.relations)}`);
    const counts = await graphCounts(driver, database);
    out('');
    out(table(summary.bundles, summary));
    out('');
    out(`graph now holds ${counts.nodes} nodes and ${counts.relationships} relationships; seeded in ${summary.ms} ms`);
    return 0;
  } catch (e) {
    if (e instanceof BundleError) {
      err(e.message);
      err('nothing was written.');
      return 1;
    }
    const code = errorCode(e);
    err(`Neo4j at ${uri} failed${code ? ` (${code})` : ''}: ${(e as Error).message}`);
    return 2;
  } finally {
    await driver.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      err(String((e as Error)?.stack ?? e));
      process.exitCode = 2;
    },
  );
}
