/// <reference lib="dom" />
// The explorer as a person uses it, in a real headless Chromium against the API on the memory store:
// every drawn figure is compared with what the API itself answers for the same question.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { clickNode, describeInBrowser, drawn, overlappingNodes, OUTPUT_DIR, ROOT, settled, startHarness, type Harness } from './browser';

interface Rel {
  id: string;
  type: string;
  modality: string;
  summary: string;
  assertedBy: { name: string };
  evidence: Array<{ paragraph: number; start: number; end: number; sha256: string }>;
  timeMatch?: string;
}
interface Sub {
  nodes: Array<{ id: string }>;
  edges: Rel[];
  truncated: boolean;
}

const sourceText = (() => {
  const candidates = [process.env.SOURCE_TEXT, path.resolve(ROOT, '..', 'shared', 'source', '000_e741adee9101bc69.txt')];
  return candidates.find((p): p is string => !!p && fs.existsSync(p));
})();

describeInBrowser('graph explorer in a browser', (executablePath) => {
  let h: Harness;
  let page: Page;
  let possible = false;

  const api = async <T>(url: string): Promise<T> => {
    const res = await fetch(h.base + url);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  /** What the page must draw for one neighbourhood query (it asks for known + possible when the API can). */
  const neighbourhood = (id: string, q: string) => api<Sub>(`/entities/${id}/neighbourhood?${q}${possible && /asOf=/.test(q) ? '&possible=true' : ''}`);
  const ids = (xs: Array<{ id: string }>) => [...new Set(xs.map((x) => x.id))].sort();

  beforeAll(async () => {
    h = await startHarness(executablePath);
    const spec = await api<{ paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }> }>('/openapi.json');
    possible = !!spec.paths['/entities/{id}/neighbourhood']?.get?.parameters?.some((p) => p.name === 'possible');
    page = await h.newPage();
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  test('/ leads to the page, which is served under a strict CSP', async () => {
    const root = await fetch(`${h.base}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/explore');
    const res = await fetch(`${h.base}/explore`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline handlers
    expect(html).not.toMatch(/\sstyle=/i); // no inline styles
  });

  test('search, choose with the keyboard: the drawn nodes and edges are exactly the API neighbourhood', async () => {
    await page.goto(`${h.base}/explore`);
    await settled(page);
    await page.locator('#search').fill('masuzoe');
    await page.locator('#search-list [role="option"][data-id="yoichi-masuzoe"]').waitFor();
    // The best hit is active; Enter picks it (the combobox is keyboard operable).
    await page.locator('#search').press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('entity') === 'yoichi-masuzoe');
    await settled(page);
    const expected = await neighbourhood('yoichi-masuzoe', 'depth=1');
    const got = await drawn(page);
    expect(got.nodes).toEqual(ids(expected.nodes));
    expect(got.edges).toEqual(ids(expected.edges));
    expect(got.nodes.length).toBeGreaterThan(5);
    await expect(page.locator('#counts').textContent()).resolves.toContain(`${expected.nodes.length} entities and ${expected.edges.length} relations drawn`);
    // The table view lists the same elements.
    await page.locator('#tab-table').click();
    expect(await page.locator('#node-table tbody tr').count()).toBe(expected.nodes.length);
    expect(await page.locator('#edge-table tbody tr').count()).toBe(expected.edges.length);
    await page.locator('#tab-graph').click();
    // And the timeline strip is the entity's /timeline.
    const timeline = await api<{ items: unknown[] }>('/timeline?entity=yoichi-masuzoe&limit=100');
    expect(await page.locator('#timeline-items li').count()).toBe(timeline.items.length);
  });

  test('clicking a node expands it: the drawing becomes the union of both neighbourhoods', async () => {
    const before = await drawn(page);
    const target = 'liberal-democratic-party';
    expect(before.nodes).toContain(target);
    await clickNode(page, target);
    // Any expansion first, then which one: a click that reached another node says so rather than timing out.
    await page.waitForFunction(() => new URL(location.href).searchParams.has('expand'));
    expect(new URL(page.url()).searchParams.get('expand')?.split(',')).toEqual([target]);
    await settled(page);
    const [focus, more] = await Promise.all([neighbourhood('yoichi-masuzoe', 'depth=1'), neighbourhood(target, 'depth=1')]);
    const got = await drawn(page);
    expect(got.nodes).toEqual(ids([...focus.nodes, ...more.nodes]));
    expect(got.edges).toEqual(ids([...focus.edges, ...more.edges]));
    expect(got.nodes.length).toBeGreaterThan(before.nodes.length);
    await page.locator('#reset').click();
    await settled(page);
    expect((await drawn(page)).nodes).toEqual(ids(focus.nodes));
  });

  test('moving the date changes the drawing exactly as asOf does, known and possible told apart', async () => {
    await page.locator('#asof').fill('2013');
    await page.locator('#asof').press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('asOf') === '2013');
    await settled(page);
    const check = async (asOf: string) => {
      const expected = await neighbourhood('yoichi-masuzoe', `depth=1&asOf=${asOf}`);
      const got = await drawn(page);
      expect(got.nodes).toEqual(ids(expected.nodes));
      expect(got.edges).toEqual(ids(expected.edges));
      for (const e of expected.edges) expect(got.timeMatch[e.id]).toBe(e.timeMatch ?? 'known');
      return got;
    };
    const y2013 = await check('2013');
    // The slider, by keyboard: one year on.
    await page.locator('#year').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('asOf') === '2014');
    await settled(page);
    const y2014 = await check('2014');
    expect(y2014.edges).not.toEqual(y2013.edges);
    await page.locator('#any-time').click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('asOf'));
    await settled(page);
    expect((await drawn(page)).edges).toEqual(ids((await neighbourhood('yoichi-masuzoe', 'depth=1')).edges));
  });

  const RELATION = 'masuzoe-governor-of-tokyo';

  test("an edge's evidence panel shows type, dates, modality, who asserts it, summary and every span", async () => {
    // A click on the edge on the canvas opens the panel.
    const mid = await page.evaluate((id) => {
      const cy = (window as unknown as { kgExplorer: { cy: import('cytoscape').Core } }).kgExplorer.cy;
      const e = cy.getElementById(`rel:${id}`);
      cy.center(e);
      return e.renderedMidpoint();
    }, RELATION);
    const box = (await page.locator('#cy').boundingBox())!;
    await page.mouse.click(box.x + mid.x, box.y + mid.y);
    let panel = page.locator(`#details-body article.relation[data-relation="${RELATION}"]`);
    if (!(await panel.count())) {
      // Something else lay on top at that point: the table's button reaches the same panel.
      await page.locator('#tab-table').click();
      await page.locator(`#edge-table tr[data-id="${RELATION}"] button`).click();
      await page.locator('#tab-graph').click();
      panel = page.locator(`#details-body article.relation[data-relation="${RELATION}"]`);
    }
    await panel.waitFor();
    const rel = await api<Rel>(`/relations/${RELATION}`);
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain(rel.type);
    expect(text).toContain(rel.modality);
    expect(text).toContain(rel.assertedBy.name);
    expect(text).toContain(rel.summary);
    expect(await panel.locator('li.span').count()).toBe(rel.evidence.length);
    for (const s of rel.evidence) {
      expect(text).toContain(`Paragraph ${s.paragraph}, characters ${s.start}–${s.end}`);
      expect(text).toContain(s.sha256);
    }
  });

  test('a file that is not the source marks the spans not verified', async () => {
    await page.locator('#source-file').setInputFiles({ name: 'other.txt', mimeType: 'text/plain', buffer: Buffer.from('Not the article.\nAt all.\n') });
    await page.waitForFunction(() => document.getElementById('source-status')?.dataset.match === 'none');
    const panel = page.locator(`#details-body article.relation[data-relation="${RELATION}"]`);
    await panel.locator('[data-span-status="failed"]').first().waitFor();
    expect(await panel.locator('[data-span-status="verified"]').count()).toBe(0);
  });

  (sourceText ? test : test.skip)('opening the source file verifies every span of the edge with SHA-256 in the browser', async () => {
    await page.locator('#source-file').setInputFiles(sourceText!);
    await page.waitForFunction(() => document.getElementById('source-status')?.dataset.match === 'document');
    const rel = await api<Rel>(`/relations/${RELATION}`);
    const panel = page.locator(`#details-body article.relation[data-relation="${RELATION}"]`);
    await panel.locator('[data-span-status="verified"]').nth(rel.evidence.length - 1).waitFor();
    expect(await panel.locator('[data-span-status="verified"]').count()).toBe(rel.evidence.length);
    expect(await panel.locator('[data-span-status="failed"]').count()).toBe(0);
    // Each span is shown in context, from the reader's own file.
    expect(await panel.locator('blockquote.context mark').count()).toBe(rel.evidence.length);
  });

  test('the path view lists the API paths with evidence per hop, and draws one', async () => {
    await page.locator('#path-to').fill('shinzo abe');
    await page.locator('#path-to-list [role="option"][data-id="shinzo-abe"]').click();
    await page.locator('#path-form button[type="submit"]').click();
    await page.locator('#path-results .path-list').waitFor();
    const { paths } = await api<{ paths: Array<{ hops: Array<{ relation: Rel }> }> }>('/paths?from=yoichi-masuzoe&to=shinzo-abe&k=3&maxHops=4');
    expect(paths.length).toBeGreaterThan(0);
    expect(await page.locator('#path-results li.path').count()).toBe(paths.length);
    const hops = page.locator('#path-results li.path').first().locator('li.hop');
    expect(await hops.count()).toBe(paths[0]!.hops.length);
    for (const [i, hop] of paths[0]!.hops.entries()) {
      expect(await hops.nth(i).getAttribute('data-relation')).toBe(hop.relation.id);
      expect(await hops.nth(i).locator('li.span').count()).toBe(hop.relation.evidence.length);
    }
    await page.locator('#path-results li.path').first().getByRole('button', { name: 'Draw on the graph' }).click();
    await page.waitForFunction(
      (relIds) => {
        const cy = (window as unknown as { kgExplorer: { cy: import('cytoscape').Core } }).kgExplorer.cy;
        return relIds.every((id) => cy.getElementById(`rel:${id}`).hasClass('path'));
      },
      paths[0]!.hops.map((hp) => hp.relation.id),
    );
  });

  test('downloads: the scoped export answers, PNG and SVG are produced', async () => {
    const href = await page.locator('#export-link').getAttribute('href');
    expect(href).toMatch(/^\/export\/[a-z/]+\?entity=yoichi-masuzoe&depth=1/);
    const res = await fetch(h.base + href!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="kg-yoichi-masuzoe-depth1\./);
    for (const [button, ext] of [
      ['#png', 'png'],
      ['#svg', 'svg'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
      expect(download.suggestedFilename()).toBe(`kg-yoichi-masuzoe.${ext}`);
      const file = await download.path();
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
    }
  });

  test('no serious or critical accessibility violations (axe-core)', async () => {
    const axe = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not apply to it.
    await page.evaluate(axe);
    const result = await page.evaluate(async () => {
      const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } };
      return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    });
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('a screenshot of the view is saved', async () => {
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    const file = path.join(OUTPUT_DIR, 'explorer-e2e.png');
    await page.screenshot({ path: file });
    expect(fs.statSync(file).size).toBeGreaterThan(20_000);
  });

  test('a shared URL restores the view: entity, depth, kind filter and date', async () => {
    const url = `${h.base}/explore?entity=china&depth=2&kind=person,place&asOf=2014`;
    const fresh = await h.newPage();
    await fresh.goto(url);
    await settled(fresh);
    expect(await fresh.locator('#depth').inputValue()).toBe('2');
    expect(await fresh.locator('#asof').inputValue()).toBe('2014');
    expect(await fresh.locator('#kind-filters input[value="event"]').isChecked()).toBe(false);
    expect(await fresh.locator('#kind-filters input[value="person"]').isChecked()).toBe(true);
    const all = await neighbourhood('china', 'depth=2&asOf=2014');
    const kinds = new Map((all.nodes as Array<{ id: string; kind: string }>).map((n) => [n.id, n.kind]));
    const keep = (id: string) => id === 'china' || ['person', 'place'].includes(kinds.get(id)!);
    const got = await drawn(fresh);
    expect(got.nodes).toEqual(ids(all.nodes).filter(keep));
    expect(got.edges).toEqual(ids(all.edges.filter((e) => keep((e as unknown as { subject: { id: string } }).subject.id) && keep((e as unknown as { object: { id: string } }).object.id))));
    await fresh.close();
  });

  test('depth 2 draws every relation, also one whose id is an entity id too', async () => {
    const fresh = await h.newPage();
    await fresh.goto(`${h.base}/explore?entity=yoichi-masuzoe&depth=2`);
    await settled(fresh);
    const expected = await neighbourhood('yoichi-masuzoe', 'depth=2');
    const got = await drawn(fresh);
    expect(got.nodes).toEqual(ids(expected.nodes));
    expect(got.edges).toEqual(ids(expected.edges));
    // Relations and entities are separate namespaces: at least one id is both here.
    expect(got.edges.some((id) => got.nodes.includes(id))).toBe(true);
    await fresh.close();
  });

  test('no node is drawn on top of another, in fresh layouts and after an expansion', async () => {
    const fresh = await h.newPage();
    for (const view of ['entity=yoichi-masuzoe&depth=2', 'entity=japan&depth=2', 'entity=china&depth=1', 'entity=yoichi-masuzoe&depth=2', 'entity=japan&depth=2']) {
      await fresh.goto(`${h.base}/explore?${view}`);
      await settled(fresh);
      expect({ view, overlapping: await overlappingNodes(fresh) }).toEqual({ view, overlapping: [] });
    }
    await fresh.goto(`${h.base}/explore?entity=yoichi-masuzoe&depth=1&expand=japan`);
    await settled(fresh);
    expect((await drawn(fresh)).nodes.length).toBeGreaterThan(10);
    expect(await overlappingNodes(fresh)).toEqual([]);
    await fresh.close();
  });

  test('a budget that cuts the neighbourhood shows the truncated notice', async () => {
    const fresh = await h.newPage();
    await fresh.goto(`${h.base}/explore?entity=japan&depth=2&maxNodes=10`);
    await settled(fresh);
    const expected = await neighbourhood('japan', 'depth=2&maxNodes=10');
    expect(expected.truncated).toBe(true);
    await expect(fresh.locator('#truncated').isVisible()).resolves.toBe(true);
    expect((await drawn(fresh)).nodes).toEqual(ids(expected.nodes));
    await fresh.close();
  });

  test('no console errors, page errors or failed requests on any page', () => {
    expect(h.problems).toEqual([]);
  });
});
