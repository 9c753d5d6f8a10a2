// `npm run bench:files -- --relations 1e6 --documents 10`: the client side of `npm run seed -- --import` alone (no
// Neo4j needed): generating the synthetic graph, validating and merging it, then writing the importer's files.
// Each round runs in a child process per Node flag set, interleaved, so flag sets can be compared on this shared
// machine (`--node-flags= --node-flags=--max-semi-space-size=64`). Prints every round, the medians, the ratio to
// the first flag set, peak RSS and the load. Asserts nothing. At 10^6 give the children room:
// NODE_OPTIONS=--max-old-space-size=14000 (they inherit it).
//
//   --relations N (default 1e5)  --documents D (default 2)  --rounds R (default 2)
//   --node-flags=F  repeatable; default: the flags package.json's seed script runs with
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareBundles } from '../src/graph/neo4j/load';
import { writeImportFiles } from '../src/graph/neo4j/load/bulk-import';
import { generate } from './bench-scale';
import { loadAverage, median } from './bench-util';

interface Round {
  prepareMs: number;
  filesMs: number;
  maxRssMb: number;
}

/** The child: one generate + prepare + files, its figures sent to the parent. */
async function child(relations: number, documents: number): Promise<void> {
  const { bundles } = generate(Math.ceil(relations / 3), 1, documents);
  let t = performance.now();
  const prepared = prepareBundles(bundles);
  const prepareMs = performance.now() - t;
  const dir = mkdtempSync(join(tmpdir(), 'kg-bench-files-'));
  try {
    t = performance.now();
    await writeImportFiles(prepared, dir);
    const filesMs = performance.now() - t;
    process.send!({ prepareMs, filesMs, maxRssMb: process.resourceUsage().maxRSS / 1024 } satisfies Round);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function seedFlags(): string {
  const seed = (JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.seed!;
  return (seed.match(/--max-[a-z-]+=\S+/g) ?? []).join(' ');
}

function runChild(flags: string, relations: string, documents: string): Promise<Round> {
  const execArgv = [...process.execArgv, ...flags.split(' ').filter(Boolean)];
  const proc = fork(__filename, ['--child', '--relations', relations, '--documents', documents], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((done, fail) => {
    let round: Round | undefined;
    proc.once('message', (m: Round) => (round = m));
    proc.once('exit', (code) => (round ? done(round) : fail(new Error(`child with flags "${flags}" exited (${code})`))));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      relations: { type: 'string', default: '1e5' },
      documents: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '2' },
      'node-flags': { type: 'string', multiple: true },
      child: { type: 'boolean', default: false },
    },
  });
  if (values.child) return child(Number(values.relations), Number(values.documents));
  const sets = values['node-flags'] ?? [seedFlags()];
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`bench:files ${new Date().toISOString()}: ${values.relations} relations in ${values.documents} documents, ${values.rounds} rounds; load ${loadAverage()}`);
  const results = new Map<string, Round[]>(sets.map((f) => [f, []]));
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const flags of sets) {
      const r = await runChild(flags, values.relations!, values.documents!);
      results.get(flags)!.push(r);
      console.log(`round ${round} [${flags || 'no flags'}]: validate + merge ${s(r.prepareMs)}, files ${s(r.filesMs)}, peak RSS ${Math.round(r.maxRssMb)} MB; load ${loadAverage()}`);
    }
  }
  const base = median(results.get(sets[0]!)!.map((r) => r.filesMs));
  for (const [flags, rounds] of results) {
    const files = median(rounds.map((r) => r.filesMs));
    const prepare = median(rounds.map((r) => r.prepareMs));
    console.log(`median [${flags || 'no flags'}]: validate + merge ${s(prepare)}, files ${s(files)} (${(files / base).toFixed(2)}x the first set's files)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
