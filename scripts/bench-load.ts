// `NEO4J_URI=bolt://127.0.0.1:PORT npm run bench:load -- --relations 1e5`: where the time of a Neo4j reload goes, phase by phase.
//
// Generates the synthetic graph of scripts/bench-scale.ts, times the client-side preparation
// (validation and merging, then the property rows with their content hashes) on its own, then runs
// writeBundles with reset against NEO4J_URI (which it WIPES) `--rounds` times and prints, per round,
// the schema, entities, mentions, relations, switch and deletion of the retired graph. Prints figures;
// asserts nothing; not part of `npm test`.
//
//   --relations N   about N relations (entities = N / 3; default 1e4)   --rounds R   reloads (default 2)
//   --documents D   split into D bundles (default 1)                     --batch B    rows per transaction
//   --batch A,B     alternate batch sizes round by round (A/B rounds interleaved in one run, same load)
//   --mode M        reset (default: the transactional reload), import (`npm run seed -- --import`: the
//                   offline importer, which REPLACES the database of the scripts/neo4j.sh instance at
//                   NEO4J_HOME_DIR / NEO4J_BOLT_PORT and restarts it), or both (interleaved, with the ratio)
import { loadAverage as load, median } from './bench-util';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { graphCounts, prepareBundles, writeBundles, type Progress } from '../src/graph/neo4j/load';
import { entityProps, mentionProps, relationProps, toCypherProps } from '../src/graph/neo4j/load/model';
import { generate } from './bench-scale';
import { loadConfig } from '../src/config';
import { notLocal, runImport } from '../seed/import';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      relations: { type: 'string', default: '1e4' },
      rounds: { type: 'string', default: '2' },
      documents: { type: 'string', default: '1' },
      batch: { type: 'string' },
      mode: { type: 'string', default: 'reset' },
    },
  });
  const modes = values.mode === 'both' ? ['reset', 'import'] : [values.mode!];
  if (!modes.every((m) => m === 'reset' || m === 'import')) throw new Error(`--mode is reset, import or both, not ${values.mode}`);
  const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
  if (modes.includes('import')) {
    const refused = notLocal(uri, process.env);
    if (refused) throw new Error(refused);
  }
  const relations = Number(values.relations);
  const rounds = Number(values.rounds);
  const batchSizes = values.batch ? values.batch.split(',').map(Number) : [undefined];
  console.log(`bench:load ${new Date().toISOString()}, load ${load()}`);
  const g = generate(Math.ceil(relations / 3), 1, Number(values.documents));

  let t = performance.now();
  const prepared = prepareBundles(g.bundles);
  const prepMs = performance.now() - t;
  t = performance.now();
  let rows = 0;
  for (const p of prepared) {
    for (const e of p.entities) rows += Object.keys(toCypherProps(entityProps(e))).length;
    for (const e of p.entities) rows += Object.keys(toCypherProps(mentionProps(p.mentions.get(e.id) ?? []))).length;
    for (const r of p.relations) rows += Object.keys(toCypherProps(relationProps(r))).length;
  }
  const propsMs = performance.now() - t;
  const nRel = prepared.reduce((n, p) => n + p.relations.length, 0);
  const nEnt = prepared.reduce((n, p) => n + p.entities.length, 0);
  console.log(`${nEnt} entities, ${nRel} relations; client side: validate + merge ${s(prepMs)}, property rows ${s(propsMs)} (${rows} properties)`);

  const settings = loadConfig({ ...process.env, GRAPH_STORE: 'neo4j', NEO4J_URI: uri }).neo4j!;
  const endToEnd = new Map<string, number[]>(modes.map((m) => [m, []]));
  let driver = neo4j.driver(uri);
  try {
    for (let round = 1; round <= rounds * modes.length; round++) {
      const mode = modes[(round - 1) % modes.length]!;
      if (mode === 'import') {
        // The importer restarts the server: this round's driver is its own.
        await driver.close();
        const t0 = performance.now();
        const times = await runImport(prepareBundles(g.bundles), settings, { quiet: true });
        const total = performance.now() - t0;
        endToEnd.get(mode)!.push(total);
        driver = neo4j.driver(uri);
        console.log(
          `round ${round} (import): ${s(total)} = ${Math.round(nRel / (total / 1000)).toLocaleString('en')} relations/s end to end; ` +
            `files ${s(times.filesMs)}, importer + restart ${s(times.importMs)}, bundles + schema ${s(times.finishMs)}; ` +
            `graph ${times.graph.nodes} nodes, ${times.graph.relationships} relationships; load ${load()}`,
        );
        continue;
      }
      const batchSize = batchSizes[Math.floor((round - 1) / modes.length) % batchSizes.length];
      const marks: Record<string, number> = {};
      const mark = (name: string) => (marks[name] = performance.now());
      let switchMs = 0;
      const onProgress = (p: Progress) => {
        if (p.stage === 'schema') mark('schema');
        if (p.stage === 'cleanup' || p.stage === 'writing') mark(p.stage === 'writing' ? 'writing' : 'cleanup');
        if (p.stage === 'batch') mark(p.what);
        if (p.stage === 'written') mark('written');
        if (p.stage === 'switched') {
          switchMs = p.ms;
          mark('switched');
        }
        if (p.stage === 'reset') mark('reset');
      };
      const t0 = performance.now();
      marks.start = t0;
      await writeBundles(driver, g.bundles, { reset: true, onProgress, batchSize });
      const total = performance.now() - t0;
      endToEnd.get(mode)!.push(total);
      const counts = await graphCounts(driver);
      const d = (a: string, b: string) => (marks[b] !== undefined && marks[a] !== undefined ? s(marks[b]! - marks[a]!) : '-');
      console.log(
        `round ${round} (reset${batchSize ? `, batch ${batchSize}` : ''}): ${s(total)} = ${Math.round(nRel / (total / 1000)).toLocaleString('en')} relations/s end to end; ` +
          `prepare+schema ${d('start', 'schema')}, to first write ${d('schema', 'writing')}, entities ${d('writing', 'entities')}, ` +
          `document+mentions ${d('entities', 'mentions')}, relations ${d('mentions', 'relations')} ` +
          `(${marks.relations && marks.mentions ? Math.round(nRel / ((marks.relations - marks.mentions) / 1000)).toLocaleString('en') : '-'}/s), ` +
          `switch ${s(switchMs)}, retired deleted ${d('switched', 'reset')}; graph ${counts.nodes} nodes, ${counts.relationships} relationships; load ${load()}`,
      );
    }
    if (modes.length === 2) {
      const [a, b] = [median(endToEnd.get('reset')!), median(endToEnd.get('import')!)];
      console.log(`median end to end: reset ${s(a)}, import ${s(b)}: import is ${(a / b).toFixed(2)}x as fast; load ${load()}`);
    }
  } finally {
    await driver.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
