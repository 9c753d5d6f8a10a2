/// <reference lib="dom" />
// The same page on the Neo4j store (when the test setup has one): it only speaks HTTP, so what it draws
// must again be exactly what this API answers.
import type { Page } from 'playwright-core';
import { describeInBrowser, drawn, settled, startHarness, type Harness } from './browser';

const available = process.env.NEO4J_TEST_AVAILABLE === '1';
if (!available) console.warn(`[e2e] explorer on Neo4j skipped: ${process.env.NEO4J_TEST_SKIP_REASON ?? 'no Neo4j'}`);

describeInBrowser('graph explorer on the Neo4j store', (executablePath) => {
  let h: Harness;
  let page: Page;
  const ids = (xs: Array<{ id: string }>) => [...new Set(xs.map((x) => x.id))].sort();
  const api = async (url: string) => (await (await fetch(h.base + url)).json()) as { nodes: Array<{ id: string }>; edges: Array<{ id: string }> };

  beforeAll(async () => {
    if (!available) return;
    h = await startHarness(executablePath, 'neo4j');
    // Neo4j plans each query shape on first use (seconds on a busy machine): ask each once before the page does.
    const t0 = Date.now();
    for (const url of [
      '/schema',
      '/stats?top=1',
      '/openapi.json',
      '/timeline?limit=1',
      '/timeline?entity=yoichi-masuzoe&limit=100',
      '/entities/yoichi-masuzoe',
      '/entities/yoichi-masuzoe/neighbourhood?depth=2',
      '/entities/yoichi-masuzoe/neighbourhood?depth=2&asOf=2013',
    ]) {
      await (await fetch(h.base + url)).arrayBuffer(); // read whole: an unread body can hold its connection past close()
    }
    console.warn(`[e2e] Neo4j warm-up took ${Date.now() - t0} ms`);
    page = await h.newPage();
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  (available ? test : test.skip)('a shared URL draws exactly the API neighbourhood, then the date redraws it as asOf does', async () => {
    await page.goto(`${h.base}/explore?entity=yoichi-masuzoe&depth=2`);
    await settled(page, 60_000);
    const all = await api('/entities/yoichi-masuzoe/neighbourhood?depth=2');
    let got = await drawn(page);
    expect(got.nodes).toEqual(ids(all.nodes));
    expect(got.edges).toEqual(ids(all.edges));
    await page.locator('#asof').fill('2013');
    await page.locator('#asof').press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('asOf') === '2013');
    await settled(page, 60_000);
    const spec = (await (await fetch(`${h.base}/openapi.json`)).json()) as { paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }> };
    const possible = spec.paths['/entities/{id}/neighbourhood']?.get?.parameters?.some((p) => p.name === 'possible');
    const dated = await api(`/entities/yoichi-masuzoe/neighbourhood?depth=2&asOf=2013${possible ? '&possible=true' : ''}`);
    got = await drawn(page);
    expect(got.nodes).toEqual(ids(dated.nodes));
    expect(got.edges).toEqual(ids(dated.edges));
    expect(got.edges.length).toBeLessThan(all.edges.length);
    expect(h.problems).toEqual([]);
  }, 150_000);
});
