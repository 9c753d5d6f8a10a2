/// <reference lib="dom" />
/**
 * End-to-end harness: the real app (memory store, article bundles) listening on a free port, the built
 * explorer, and a headless Chromium from the system (`apt-get install chromium`) driven by playwright-core.
 * Without a browser the suite is skipped with a message, except under CI, where that is a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { memoryApp, neo4jApp } from '../helpers/app';
import { buildExplorer } from '../../scripts/build-explorer';

export const ROOT = path.resolve(__dirname, '..', '..');
export const OUTPUT_DIR = path.join(ROOT, 'test-output');

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => !!p && fs.existsSync(p));
}

/** `describe` when a browser exists; otherwise a skip that says why (or, under CI, one failing test). */
export function describeInBrowser(name: string, fn: (executablePath: string) => void): void {
  const executablePath = chromiumPath();
  if (executablePath) return describe(name, () => fn(executablePath));
  const why = 'no Chromium found (/usr/bin/chromium or CHROMIUM_PATH); install it with `apt-get install -y chromium`';
  if (process.env.CI) {
    describe(name, () => {
      test('a browser is available in CI', () => {
        throw new Error(`e2e: ${why}. CI must run the browser tests (.ci/run installs it).`);
      });
    });
  } else {
    console.warn(`[e2e] SKIPPED "${name}": ${why}.`);
    describe.skip(name, () => test('needs a browser', () => undefined));
  }
}

export interface Harness {
  app: FastifyInstance;
  base: string;
  browser: Browser;
  /** Console errors, page errors and failed requests seen on any page. */
  problems: string[];
  newPage: () => Promise<Page>;
  close: () => Promise<void>;
}

export async function startHarness(executablePath: string, store: 'memory' | 'neo4j' = 'memory'): Promise<Harness> {
  await buildExplorer();
  const app = store === 'neo4j' ? await neo4jApp() : await memoryApp();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  const problems: string[] = [];
  const newPage = async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    return page;
  };
  return {
    app,
    base,
    browser,
    problems,
    newPage,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

/** Waits until the page has loaded and no query is in flight. */
export async function settled(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    () => (document.body.dataset.ready === 'true' || !document.getElementById('error')!.hidden) && document.body.dataset.busy === 'false',
    null,
    { timeout },
  );
  const error = page.locator('#error');
  if (await error.isVisible()) throw new Error(`the page shows an error: ${await error.textContent()}`);
}

/** Ids of the nodes and edges Cytoscape has drawn. */
export async function drawn(page: Page): Promise<{ nodes: string[]; edges: string[]; timeMatch: Record<string, string> }> {
  return page.evaluate(() => {
    const cy = (window as unknown as { kgExplorer: { cy: import('cytoscape').Core } }).kgExplorer.cy;
    const timeMatch: Record<string, string> = {};
    // Edges are drawn under `rel:<relation id>` (an event may share its id with a relation); data.relation is the id.
    cy.edges().forEach((e) => {
      timeMatch[e.data('relation') as string] = e.data('timeMatch') as string;
    });
    return { nodes: cy.nodes().map((n) => n.id()).sort(), edges: cy.edges().map((e) => e.data('relation') as string).sort(), timeMatch };
  });
}

/** Pairs of drawn nodes whose shapes overlap (centres closer than half their sizes add up to). */
export async function overlappingNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cy = (window as unknown as { kgExplorer: { cy: import('cytoscape').Core } }).kgExplorer.cy;
    const nodes = cy.nodes().map((n) => ({ id: n.id(), ...n.position(), r: Math.max(n.width(), n.height()) / 2 }));
    const pairs: string[] = [];
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++) {
        const [a, b] = [nodes[i]!, nodes[j]!];
        if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r) pairs.push(`${a.id} / ${b.id}`);
      }
    return pairs;
  });
}

/** Clicks a drawn node on the canvas, where a person would: on a part of it no other node covers. */
export async function clickNode(page: Page, id: string): Promise<void> {
  // Where the node is drawn, and a point on it that no other node's box covers (null when every point is covered).
  const where = () =>
    page.evaluate((nodeId) => {
      const cy = (window as unknown as { kgExplorer: { cy: import('cytoscape').Core } }).kgExplorer.cy;
      const node = cy.getElementById(nodeId);
      const box = node.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
      const others = cy
        .nodes()
        .filter((n) => n.id() !== nodeId)
        .map((n) => n.renderedBoundingBox({ includeLabels: false, includeOverlays: false }));
      const free = (x: number, y: number) => !others.some((o) => x >= o.x1 - 2 && x <= o.x2 + 2 && y >= o.y1 - 2 && y <= o.y2 + 2);
      const inView = (x: number, y: number) => x > 2 && y > 2 && x < cy.width() - 2 && y < cy.height() - 2;
      let point: { x: number; y: number } | null = null;
      // The centre first, then a grid over the inner part of the node's box (its corners may be outside its shape).
      const steps = [0.5, 0.35, 0.65, 0.25, 0.75];
      for (const fx of steps)
        for (const fy of steps) {
          const x = box.x1 + fx * box.w;
          const y = box.y1 + fy * box.h;
          if (!point && free(x, y) && inView(x, y)) point = { x, y };
        }
      return { centre: node.renderedPosition(), point };
    }, id);
  // A node still moving (layout or viewport animation) is missed by a click at where it was: wait until it rests.
  let at = await where();
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(100);
    const now = await where();
    if (now.centre.x === at.centre.x && now.centre.y === at.centre.y) break;
    at = now;
  }
  // Crowded or off screen: centre the node and zoom in until part of it is free, as a person would.
  for (let zoom = 0; !at.point && zoom < 6; zoom++) {
    await page.evaluate((nodeId) => {
      const cy = (window as unknown as { kgExplorer: { cy: import('cytoscape').Core } }).kgExplorer.cy;
      cy.zoom({ level: Math.min(cy.maxZoom(), cy.zoom() * 1.6), renderedPosition: cy.getElementById(nodeId).renderedPosition() });
      cy.center(cy.getElementById(nodeId));
    }, id);
    at = await where();
  }
  // Still covered (the layout put another node on top of it): drag those aside, as a person would.
  if (!at.point) {
    await page.evaluate((nodeId) => {
      const cy = (window as unknown as { kgExplorer: { cy: import('cytoscape').Core } }).kgExplorer.cy;
      const target = cy.getElementById(nodeId);
      const box = target.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
      for (const n of cy.nodes().filter((o) => o.id() !== nodeId)) {
        const o = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
        if (o.x1 <= box.x2 + 2 && o.x2 >= box.x1 - 2 && o.y1 <= box.y2 + 2 && o.y2 >= box.y1 - 2) n.shift({ x: 0, y: (box.h + o.h + 8) / cy.zoom() });
      }
    }, id);
    at = await where();
  }
  if (!at.point) throw new Error(`clickNode: no part of node ${id} is free of other nodes, even zoomed in and with the others moved aside`);
  const box = await page.locator('#cy').boundingBox();
  if (!box) throw new Error('#cy is not visible');
  await page.mouse.click(box.x + at.point.x, box.y + at.point.y);
}
