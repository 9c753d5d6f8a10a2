/**
 * `npm run seed -- --import`: the whole graph through Neo4j's offline importer (src/graph/neo4j/load/
 * bulk-import.ts), for the local Neo4j that scripts/neo4j.sh runs (NEO4J_HOME_DIR, NEO4J_BOLT_PORT).
 * The database is REPLACED and the server restarted: a running API answers 503 while it is down, then
 * the new graph (a new graph version). Progress: the import files, the importer's own report, the schema.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BundleError } from '../src/graph/data/bundle';
import { createDriver, type Neo4jSettings } from '../src/graph/neo4j/driver';
import { graphCounts, prepareBundles, type BundleInput } from '../src/graph/neo4j/load';
import { finishImport, writeImportFiles, type ImportFiles } from '../src/graph/neo4j/load/bulk-import';
import type { Prepared } from '../src/graph/neo4j/load/phases';

type Say = (line: string) => void;

const ROOT = resolve(__dirname, '..');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Why this URI is not the local Neo4j that scripts/neo4j.sh manages (on NEO4J_BOLT_PORT), if it is not. */
export function notLocal(uri: string, env: NodeJS.ProcessEnv): string | undefined {
  const port = env.NEO4J_BOLT_PORT || '7687';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `NEO4J_URI ${uri} is not a URI`;
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || (url.port || '7687') !== port) {
    return `--import replaces the database of the local Neo4j run by scripts/neo4j.sh (bolt://127.0.0.1:${port}, NEO4J_BOLT_PORT); NEO4J_URI is ${uri}`;
  }
  return undefined;
}

/** Runs scripts/neo4j.sh; `quiet` keeps its output and returns the last lines (for a failure's message). */
function runScript(args: string[], quiet: boolean): Promise<{ code: number; tail: string }> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [join(ROOT, 'scripts/neo4j.sh'), ...args], { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
    let tail = '';
    const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', fail);
    child.on('exit', (code, signal) => done({ code: code ?? (signal ? 1 : 0), tail }));
  });
}

export interface ImportTimes {
  /** Writing the import files (client side: properties, content hashes, CSV). */
  filesMs: number;
  /** scripts/neo4j.sh import: stop, the importer, start. */
  importMs: number;
  /** finishImport: the stored bundles, the schema built from the data. */
  finishMs: number;
  counts: ImportFiles['counts'];
  /** The live graph afterwards (graphCounts). */
  graph: { nodes: number; relationships: number };
}

export class ImportFailed extends Error {}

/**
 * Prepared bundles into the local Neo4j through the importer: files, `scripts/neo4j.sh import`, then
 * finishImport. `say` gets progress lines; `quiet` hides the importer's own report.
 */
export async function runImport(
  prepared: Prepared[],
  settings: Neo4jSettings,
  options: { filesDir?: string; say?: Say; quiet?: boolean } = {},
): Promise<ImportTimes> {
  const say = options.say ?? (() => undefined);
  const t0 = Date.now();
  const dir = options.filesDir ? resolve(options.filesDir) : await mkdtemp(join(tmpdir(), 'kg-import-'));
  try {
    const files = await writeImportFiles(prepared, dir, (what, n) => say(`import files: ${n} ${what}`));
    const filesMs = Date.now() - t0;
    const { entities, relations, mentions } = files.counts;
    say(`import files written in ${seconds(filesMs)} (${dir}): ${entities} entities, ${relations} relations, ${mentions} mention links`);
    const t1 = Date.now();
    const { code, tail } = await runScript(['import', dir], options.quiet ?? false);
    if (code !== 0) throw new ImportFailed(`scripts/neo4j.sh import failed (exit ${code})${tail ? `:\n${tail.trim()}` : ''}`);
    const importMs = Date.now() - t1;
    const t2 = Date.now();
    const driver = createDriver(settings);
    try {
      await finishImport(driver, files.finish, {
        database: settings.database,
        onProgress: (p) =>
          say(p.stage === 'schema' ? `schema: constraints and indexes built from the data (${p.ms} ms)` : `stored bundles: ${p.documents} written (${p.ms} ms)`),
      });
      const finishMs = Date.now() - t2;
      return { filesMs, importMs, finishMs, counts: files.counts, graph: await graphCounts(driver, settings.database) };
    } finally {
      await driver.close();
    }
  } finally {
    if (!options.filesDir) await rm(dir, { recursive: true, force: true });
  }
}

/** Returns the exit code of the seed CLI: 0 done, 1 refused, 2 the database or the importer failed. */
export async function importBundles(bundles: BundleInput[], settings: Neo4jSettings, out: Say, err: Say, filesDir?: string): Promise<number> {
  const refused = notLocal(settings.uri, process.env) ?? (settings.database && settings.database !== 'neo4j' ? `--import writes the database neo4j, not ${settings.database}` : undefined);
  if (refused) {
    err(refused);
    return 1;
  }
  const t0 = Date.now();
  let times: ImportTimes;
  try {
    times = await runImport(prepareBundles(bundles), settings, { filesDir, say: out });
  } catch (e) {
    if (e instanceof BundleError) {
      err(e.message);
      err('nothing was written (the import files are written before Neo4j is stopped).');
      return 1;
    }
    if (!(e instanceof ImportFailed)) throw e;
    err(e.message);
    return 2;
  }
  const ms = Date.now() - t0;
  const { relations } = times.counts;
  out(
    `imported ${relations} relations in ${seconds(ms)} (${Math.round(relations / (ms / 1000))} relations/s end to end: ` +
      `files ${seconds(times.filesMs)}, importer and restart ${seconds(times.importMs)}, stored bundles and schema ${seconds(times.finishMs)}); ` +
      `graph now holds ${times.graph.nodes} nodes and ${times.graph.relationships} relationships`,
  );
  return 0;
}
