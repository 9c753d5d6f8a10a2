/**
 * The explorer's budget, measured in headless Chromium on this machine (npm run bench:explorer):
 *   - JavaScript shipped (raw, gzip) against the 400 KB gzip budget;
 *   - first meaningful draw of the article graph (navigation start -> the graph laid out and drawn), cold cache;
 *   - a ~2,000-node view (a synthetic graph on the memory store: a root, 5 hubs, 399 members each; the root's
 *     neighbourhood with every hub expanded): time to draw it, time to expand one more hub, frame times while panning.
 * Options: --runs N (default 5), --screenshot PATH (writes a README screenshot of the article graph).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { MemoryGraphStore } from '../src/graph/memory';
import { BundleSchema } from '../src/schemas/bundle';
import { loadGraphData, toGraphData, validateBundle } from '../src/graph/data/bundle';
import { buildExplorer, OUT_DIR } from './build-explorer';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(opt('runs') ?? 5);
const SCREENSHOT = opt('screenshot');
const HUBS = 5;
const MEMBERS = 399;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;

/** A root person, HUBS organizations it belongs to, MEMBERS people in each: 1 + HUBS + HUBS*MEMBERS entities. */
export function syntheticBundle(): unknown {
  const span = { paragraph: 1, start: 0, end: 5, sha256: createHash('sha256').update('bench').digest('hex') };
  const relationProps = (BundleSchema.properties.relations as unknown as { items: { properties: Record<string, unknown> } }).items.properties;
  // Newer bundles say how each fact sits in time; an undated membership is timeless.
  const time = 'time' in relationProps ? { time: 'timeless' } : {};
  const person = (id: string, name: string) => ({ id, kind: 'person', subtype: 'politician', name, aliases: [], summary: 'Synthetic.', mentions: [] });
  const entities: unknown[] = [
    { id: 'bench-wire', kind: 'organization', subtype: 'news-publisher', name: 'Bench Wire', aliases: [], summary: 'Synthetic.', mentions: [] },
    person('bench-root', 'Bench Root'),
  ];
  const relations: unknown[] = [];
  const rel = (id: string, subject: string, object: string) =>
    relations.push({ id, type: 'MEMBER_OF', subject, object, assertedBy: 'bench-wire', modality: 'stated', summary: 'Synthetic.', evidence: [span], ...time });
  for (let h = 1; h <= HUBS; h++) {
    entities.push({ id: `bench-hub-${h}`, kind: 'organization', subtype: 'political-party', name: `Hub ${h}`, aliases: [], summary: 'Synthetic.', mentions: [] });
    rel(`bench-root-in-hub-${h}`, 'bench-root', `bench-hub-${h}`);
    for (let m = 1; m <= MEMBERS; m++) {
      entities.push(person(`bench-p-${h}-${m}`, `Member ${h}.${m}`));
      rel(`bench-p-${h}-${m}-in-hub-${h}`, `bench-p-${h}-${m}`, `bench-hub-${h}`);
    }
  }
  return {
    bundleVersion: 1,
    document: { id: 'bench-doc', title: 'Synthetic', publisher: 'bench-wire', published: '2020', sha256: span.sha256, characters: 100, paragraphs: 1, sourceFile: 'bench.txt' },
    entities,
    relations,
  };
}

export async function serve(store: MemoryGraphStore): Promise<{ base: string; close: () => Promise<void> }> {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0' }), store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { base: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy === 'false', null, { timeout: 120_000 });
}

/** Navigation start -> first graph drawn (the page marks it), in a fresh context (cold cache). */
async function firstDraw(browser: Browser, url: string): Promise<{ draw: number; nodes: number; edges: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await settled(page);
  const draw = await page.evaluate(() => performance.getEntriesByName('kg-first-draw')[0]?.startTime ?? NaN);
  const nodes = Number(await page.evaluate(() => document.body.dataset.nodes));
  const edges = Number(await page.evaluate(() => document.body.dataset.edges));
  await context.close();
  return { draw, nodes, edges };
}

/** Frame intervals while a reader drags the view around with the mouse for about `millis`. */
async function dragFrames(page: Page, millis: number): Promise<number[]> {
  await page.evaluate(
    'window.__frames = []; window.__stop = false; (function loop(t) { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(loop); })(performance.now());',
  );
  const box = (await page.locator('#cy').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const steps = Math.round(millis / 25);
  for (let i = 0; i < steps; i++) {
    await page.mouse.move(cx + 150 * Math.sin(i / 8), cy + 80 * Math.cos(i / 11));
    await new Promise((r) => setTimeout(r, 25));
  }
  await page.mouse.up();
  const frames = (await page.evaluate('window.__stop = true; window.__frames')) as number[];
  return frames.slice(2).map((t, i) => t - frames[i + 1]!);
}

/** Frame intervals while the view pans every frame for `millis` (programmatic: a full redraw each frame). */
async function panFrames(page: Page, millis: number): Promise<number[]> {
  return page.evaluate(async (duration) => {
    const cy = (window as unknown as { kgExplorer: { cy: { panBy: (p: { x: number; y: number }) => void } } }).kgExplorer.cy;
    const frames: number[] = [];
    await new Promise<void>((resolve) => {
      const start = performance.now();
      let last = start;
      const step = (now: number) => {
        frames.push(now - last);
        last = now;
        cy.panBy({ x: Math.sin(now / 200) * 6, y: 2 * Math.cos(now / 300) });
        if (now - start < duration) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    return frames.slice(1);
  }, millis);
}

async function main(): Promise<void> {
  await buildExplorer();
  const js = fs.readFileSync(path.join(OUT_DIR, 'explorer.js'));
  const css = fs.readFileSync(path.join(OUT_DIR, 'explorer.css'));
  const html = fs.readFileSync(path.join(OUT_DIR, 'index.html'));
  const gz = (b: Buffer) => zlib.gzipSync(b).length;
  const rows: Array<[string, string, string]> = [];
  rows.push(['JavaScript shipped (explorer.js, Cytoscape.js included)', `${kb(js.length)} raw, ${kb(gz(js))} gzip`, '≤ 400 KB gzip']);
  rows.push(['Page + stylesheet', `${kb(gz(html) + gz(css))} gzip`, '']);

  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  const article = await serve(MemoryGraphStore.fromGraphData(loadGraphData()));
  try {
    const url = `${article.base}/explore?entity=japan&depth=3&maxNodes=500&maxEdges=2000`;
    await firstDraw(browser, url); // warm the server's caches and the page build
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await firstDraw(browser, url));
    const draws = runs.map((r) => r.draw);
    rows.push([
      `First meaningful draw, article graph (${runs[0]!.nodes} entities, ${runs[0]!.edges} relations), cold cache`,
      `median ${ms(median(draws))}, max ${ms(Math.max(...draws))} (${RUNS} runs)`,
      '≤ 1 s',
    ]);
    const ego = [];
    for (let i = 0; i < RUNS; i++) ego.push((await firstDraw(browser, `${article.base}/explore?entity=yoichi-masuzoe`)).draw);
    rows.push(['First meaningful draw, one entity (depth 1), cold cache', `median ${ms(median(ego))}`, '']);

    if (SCREENSHOT) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${article.base}/explore?entity=yoichi-masuzoe&depth=1&asOf=2014`);
      await settled(page);
      await page.locator('#tab-table').click();
      await page.locator('#edge-table tr[data-id="masuzoe-governor-of-tokyo"] button').click();
      await page.locator('#tab-graph').click();
      await page.evaluate(() => {
        const cy = (window as unknown as { kgExplorer: { cy: { getElementById: (id: string) => { select: () => void } } } }).kgExplorer.cy;
        cy.getElementById('rel:masuzoe-governor-of-tokyo').select();
      });
      await page.screenshot({ path: SCREENSHOT });
      await page.close();
      console.log(`screenshot: ${SCREENSHOT}`);
    }
  } finally {
    await article.close();
  }

  const synthetic = await serve(MemoryGraphStore.fromGraphData(toGraphData([validateBundle(syntheticBundle(), 'synthetic')])));
  try {
    const hubs = Array.from({ length: HUBS }, (_, i) => `bench-hub-${i + 1}`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx compiles the callbacks below with esbuild's keepNames, which calls a __name helper the page lacks.
    await page.addInitScript('globalThis.__name = (f) => f;');
    // All hubs but one expanded from the shared URL, then the last one by a click, as a reader would.
    const t0 = Date.now();
    await page.goto(`${synthetic.base}/explore?entity=bench-root&expand=${hubs.slice(0, -1).join(',')}&maxNodes=500`);
    await settled(page);
    const loadMs = Date.now() - t0;
    const before = Number(await page.evaluate(() => document.body.dataset.nodes));
    const expandMs = await page.evaluate(async (hub) => {
      const t = performance.now();
      const cy = (window as unknown as { kgExplorer: { cy: { getElementById: (id: string) => { emit: (e: string) => void } } } }).kgExplorer.cy;
      cy.getElementById(hub).emit('tap');
      await new Promise<void>((resolve) => {
        const poll = () => (document.body.dataset.busy === 'false' && Number(document.body.dataset.nodes) > 1700 ? resolve() : setTimeout(poll, 5));
        setTimeout(poll, 5);
      });
      // one more frame: the new drawing is on screen
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      return performance.now() - t;
    }, hubs[HUBS - 1]!);
    const nodes = Number(await page.evaluate(() => document.body.dataset.nodes));
    const edges = Number(await page.evaluate(() => document.body.dataset.edges));
    const drag = await dragFrames(page, 3000);
    const frames = await panFrames(page, 3000);
    await page.close();
    rows.push([`${before}-node view (root + ${HUBS - 1} hubs expanded) from a shared URL`, `${ms(loadMs)} to drawn`, '']);
    rows.push([`Expand one more hub by a click: ${before} -> ${nodes} nodes, ${edges} edges`, `${ms(expandMs)} to drawn`, '']);
    rows.push([
      `Dragging the ${nodes}-node view with the mouse (${drag.length} frames in ~3 s)`,
      `median frame ${ms(median(drag))}, p95 ${ms(pct(drag, 0.95))} (${(1000 / median(drag)).toFixed(0)} fps)`,
      'interactive',
    ]);
    rows.push([
      `Full redraw while panning programmatically (${frames.length} frames in 3 s)`,
      `median frame ${ms(median(frames))}, p95 ${ms(pct(frames, 0.95))} (${(1000 / median(frames)).toFixed(0)} fps)`,
      '',
    ]);
  } finally {
    await synthetic.close();
    await browser.close();
  }

  console.log('\n| Measure | Result | Budget |\n| --- | --- | --- |');
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
