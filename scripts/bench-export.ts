// `npm run bench:export`: a whole-graph export through HTTP from the Neo4j store against the embedded store
// serving the same synthetic graph, in interleaved rounds, each API in its own process started as `npm start`
// starts the server (the same Node flags). Load the graph into Neo4j first with the same --relations and
// --documents (`npm run bench:load -- --relations 1e5 --documents 2 --rounds 1 --mode import`); the script
// checks that both bodies are the same bytes. Prints each download, the medians and their ratio, and the load;
// asserts nothing.
//
//   --relations N  --documents D   the synthetic graph (scripts/bench-scale.ts; default 1e5 and 2)
//   --rounds R     rounds (default 4)      --format F   an /export path (default ndjson)
//   --node-flags=F the servers' Node flags (default: those of package.json's start script); give it more than
//                  once to compare flag sets in the same interleaved rounds (`--node-flags= --node-flags=--max-semi-space-size=64`)
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { toGraphData } from '../src/graph/data/bundle';
import { MemoryGraphStore } from '../src/graph/memory';
import { Neo4jGraphStore } from '../src/graph/neo4j';
import { createDriver } from '../src/graph/neo4j/driver';
import type { GraphStore } from '../src/graph/store';
import { generate } from './bench-scale';
import { forkServer, listenAndReport, loadAverage, p50 } from './bench-util';

const STORES = ['memory', 'neo4j'] as const;
const ENCODINGS = ['identity', 'gzip'] as const;

/** The Node flags of `npm start` (package.json: `node <flags> dist/src/server.js`). */
function startFlags(): string[] {
  const start = (JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** The child: one store's API on an ephemeral port, which it reports to the parent. */
async function serve(store: (typeof STORES)[number], relations: number, documents: number): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0' });
  const graph: GraphStore =
    store === 'memory'
      ? MemoryGraphStore.fromGraphData(toGraphData(generate(Math.ceil(relations / 3), 1, documents).bundles))
      : new Neo4jGraphStore(createDriver(loadConfig({ ...process.env, GRAPH_STORE: 'neo4j' }).neo4j!));
  await listenAndReport(await buildApp({ config, store: graph, responseCache: false }));
}

function start(store: string, o: { relations: string; documents: string }, flags: string[]): Promise<{ proc: ChildProcess; port: number }> {
  return forkServer(__filename, ['--serve', store, '--relations', o.relations, '--documents', o.documents], store, { execArgv: [...process.execArgv, ...flags] });
}

/** A process's peak resident memory (Linux: VmHWM), or '-' where /proc is not there. */
function peakRss(pid: number | undefined): string {
  try {
    const kb = /VmHWM:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? `${Math.round(Number(kb) / 1024)} MB` : '-';
  } catch {
    return '-';
  }
}

/** One download: time to the last byte, and the size and SHA-256 of the body (fetch decodes gzip). */
async function download(url: string, encoding: string): Promise<{ ms: number; bytes: number; sha: string; status: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { 'accept-encoding': encoding } });
  const hash = createHash('sha256');
  let decoded = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    decoded += chunk.length;
  }
  const ms = performance.now() - t0;
  return { ms, bytes: decoded, sha: hash.digest('hex').slice(0, 16), status: res.status };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      relations: { type: 'string', default: '1e5' },
      documents: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '4' },
      format: { type: 'string', default: 'ndjson' },
      'node-flags': { type: 'string', multiple: true },
    },
  });
  if (values.serve) return serve(values.serve as (typeof STORES)[number], Number(values.relations), Number(values.documents));
  const variants = (values['node-flags'] ?? [startFlags().join(' ')]).map((f) => f.split(/\s+/).filter(Boolean));
  console.log(`bench:export ${new Date().toISOString()}, /export/${values.format}, ${values.relations} relations, load ${loadAverage()}`);
  const sides = variants.flatMap((flags) => STORES.map((store) => ({ store, flags, label: `${store} [${flags.join(' ')}]` })));
  const servers = await Promise.all(sides.map((side) => start(side.store, values as { relations: string; documents: string }, side.flags)));
  const times = new Map<string, number[]>();
  const shas = new Set<string>();
  const width = Math.max(...sides.map((side) => side.label.length)) + 10;
  try {
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const encoding of ENCODINGS) {
        for (const [i, side] of sides.entries()) {
          const r = await download(`http://127.0.0.1:${servers[i]!.port}/export/${values.format}`, encoding);
          if (r.status !== 200) throw new Error(`${side.label} answered ${r.status}`);
          shas.add(r.sha);
          const key = `${side.label} ${encoding}`;
          times.set(key, [...(times.get(key) ?? []), r.ms]);
          console.log(`round ${round} ${key.padEnd(width)} ${(r.ms / 1000).toFixed(2)} s, ${(r.bytes / 1e6).toFixed(1)} MB, sha256 ${r.sha}, load ${loadAverage()}`);
        }
      }
    }
  } finally {
    for (const [i, { proc }] of servers.entries()) {
      console.log(`${sides[i]!.label}: peak RSS ${peakRss(proc.pid)}`);
      proc.kill();
    }
  }
  console.log(`every server sent the same body: ${shas.size === 1 ? 'yes' : `NO (${[...shas].join(', ')})`}`);
  for (const flags of variants) {
    for (const encoding of ENCODINGS) {
      const [memory, neo4j] = STORES.map((store) => p50(times.get(`${store} [${flags.join(' ')}] ${encoding}`)!));
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      console.log(`[${flags.join(' ')}] ${encoding.padEnd(8)} p50 memory ${s(memory!)}, Neo4j ${s(neo4j!)}: Neo4j / memory ${(neo4j! / memory!).toFixed(2)}x`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
