/**
 * The explorer page: search, neighbourhood drawing with expansion, filters, time, evidence, paths, exports.
 * Everything comes from the public HTTP API; the page works under a strict CSP (no inline code or styles).
 */
import {
  capabilities,
  get,
  type Capabilities,
  type DocumentInfo,
  type Edge,
  type EntitySummary,
  type Graph,
  type Params,
  type Path,
  type SchemaInfo,
  type Stats,
  type TimelineItem,
} from './api';
import { EntityCombobox } from './combobox';
import { button, byId, download, el } from './dom';
import { createGraph, KINDS, LARGE, layout, toSvg, type Core, type ElementDefinition } from './graph';
import { entityView, pathsView, relationView, type PanelContext } from './panel';
import { DATE, readState, writeState, type ViewState } from './state';
import { readSource, type SourceText } from './verify';

const cy: Core = createGraph(byId('cy'));
let state: ViewState = readState(location.search);
// What the API says about itself, asked once at start without holding up the first drawing.
let capsP: Promise<Capabilities> | undefined;
let schemaP: Promise<SchemaInfo>;
let documentsP: Promise<DocumentInfo[]> | undefined;
const caps = () => (capsP ??= capabilities());
const documents = () => (documentsP ??= get<{ items: DocumentInfo[] }>('/documents').then((d) => d.items));
let schema: SchemaInfo | undefined;
/** The drawn elements, for the table view (built when that view is shown). */
let tableRows: { visible: Set<string>; edges: Edge[] } = { visible: new Set(), edges: [] };
/** Everything fetched for the current view, by source: the focus neighbourhood, each expansion, drawn paths. */
let parts = new Map<string, Graph>();
let nodes = new Map<string, EntitySummary>();
let edges = new Map<string, Edge>();
let source: { text: SourceText; document?: string } | undefined;
let shown: { kind: 'relation'; rel: Edge } | { kind: 'entity'; id: string } | undefined;
let lastPaths: Path[] | undefined;
let seq = 0;
let firstDraw = true;

const body = document.body;
const setBusy = (busy: boolean) => (body.dataset.busy = String(busy));

function showError(err: unknown): void {
  const box = byId('error');
  box.textContent = err ? `Could not load: ${err instanceof Error ? err.message : String(err)}` : '';
  box.hidden = !err;
}

/** With a date: asOf, and known + possible items (each with `timeMatch`) when the API can tell them apart. */
async function timeParams(): Promise<Params> {
  if (!state.asOf) return {};
  return { asOf: state.asOf, possible: (await caps()).possible ? true : undefined };
}

async function neighbourhood(id: string, depth: number): Promise<Graph> {
  return get<Graph>(`/entities/${encodeURIComponent(id)}/neighbourhood`, {
    depth,
    type: state.types,
    maxNodes: state.maxNodes,
    maxEdges: state.maxEdges,
    ...(await timeParams()),
  });
}

/** Cytoscape ids are one namespace for nodes and edges; a relation may share its id with an entity (an event). */
const edgeKey = (relationId: string) => `rel:${relationId}`;

const symmetric = (type: string) => schema?.relationTypes.some((t) => t.type === type && t.symmetric) ?? false;

/** Fetches the focus neighbourhood and every expansion again (after a change of focus, depth, types, date or budgets). */
async function refresh(): Promise<void> {
  const mine = ++seq;
  setBusy(true);
  showError(undefined);
  try {
    const focus = state.entity;
    if (!focus) return;
    const next = new Map<string, Graph>();
    if (state.types && state.types.length === 0) {
      const e = await get<EntitySummary>(`/entities/${encodeURIComponent(focus)}`);
      next.set('focus', { nodes: [e], edges: [], truncated: false });
    } else {
      const ids = [focus, ...state.expand.filter((id) => id !== focus)];
      const graphs = await Promise.all(ids.map((id, i) => neighbourhood(id, i === 0 ? state.depth : 1)));
      graphs.forEach((g, i) => next.set(i === 0 ? 'focus' : `expand:${ids[i]}`, g));
    }
    for (const [k, g] of parts) if (k.startsWith('path:')) next.set(k, g);
    schema = await schemaP;
    if (mine !== seq) return;
    parts = next;
    await draw();
  } catch (err) {
    if (mine === seq) showError(err);
  } finally {
    if (mine === seq) setBusy(false);
  }
}

/** Merges the parts, applies the kind filter, and brings the drawing, table, notices and URL in line. */
async function draw(): Promise<void> {
  performance.mark('kg-draw-start');
  nodes = new Map();
  edges = new Map();
  let truncated = false;
  for (const g of parts.values()) {
    for (const n of g.nodes) nodes.set(n.id, n);
    for (const e of g.edges) {
      const had = edges.get(e.id);
      // An edge known from one query is known (possible only when no query knows it).
      if (!had || had.timeMatch === 'possible') edges.set(e.id, e);
    }
    truncated ||= g.truncated;
  }
  const kinds = state.kinds;
  const visible = new Set([...nodes.values()].filter((n) => !kinds || kinds.includes(n.kind) || n.id === state.entity).map((n) => n.id));
  const visibleEdges = [...edges.values()].filter((e) => visible.has(e.subject.id) && visible.has(e.object.id));
  const hidden = nodes.size - visible.size;

  // One pass over what is drawn (cy.getElementById builds a collection per call: slow at 2,000 nodes).
  const drawnNodes = new Map(cy.nodes().map((n) => [n.id(), n] as const));
  const drawnEdges = new Map(cy.edges().map((e) => [e.data('relation') as string, e] as const));
  const anchor = new Map<string, { x: number; y: number }>();
  const additions: ElementDefinition[] = [];
  const big = visible.size > LARGE;
  cy.batch(() => {
    const keepEdges = new Set(visibleEdges.map((e) => e.id));
    cy.nodes().filter((n) => !visible.has(n.id())).remove();
    cy.edges().filter((e) => !keepEdges.has(e.data('relation') as string)).remove();
    for (const id of visible) {
      const n = nodes.get(id)!;
      const classes = `${id === state.entity ? 'focus' : ''}${big ? ' fast' : ''}`;
      const existing = drawnNodes.get(id);
      if (existing) existing.classes(classes);
      else additions.push({ group: 'nodes', data: { id, label: n.name, kind: n.kind }, classes });
    }
    for (const e of visibleEdges) {
      const data = {
        id: edgeKey(e.id),
        relation: e.id,
        source: e.subject.id,
        target: e.object.id,
        label: e.type,
        title: `${e.subject.name} ${e.type} ${e.object.name}`,
        symmetric: symmetric(e.type),
        timeMatch: e.timeMatch ?? 'known',
      };
      const existing = drawnEdges.get(e.id);
      if (existing) {
        if (existing.data('timeMatch') !== data.timeMatch) existing.data('timeMatch', data.timeMatch);
        existing.toggleClass('fast', big);
      } else additions.push({ group: 'edges', data, classes: big ? 'fast' : '' });
      // New nodes start beside a neighbour that is already placed, so the layout only settles them.
      for (const [a, b] of [
        [e.subject.id, e.object.id],
        [e.object.id, e.subject.id],
      ] as const) {
        const placed = drawnNodes.get(b);
        if (!drawnNodes.has(a) && placed && !anchor.has(a)) anchor.set(a, placed.position());
      }
    }
    for (const add of additions) {
      const a = add.group === 'nodes' ? anchor.get(String(add.data.id)) : undefined;
      if (a) add.position = { x: a.x + (Math.random() - 0.5) * 60, y: a.y + (Math.random() - 0.5) * 60 };
    }
    cy.add(additions);
  });
  performance.measure('kg-draw-add', 'kg-draw-start');
  const newNodes = additions.filter((a) => a.group === 'nodes').length;
  const fresh = newNodes === cy.nodes().length;
  if (newNodes) await layout(cy, state.entity, !fresh && cy.nodes().length <= 150, fresh);
  performance.measure('kg-draw-layout', 'kg-draw-start');
  if (firstDraw && cy.nodes().length) {
    firstDraw = false;
    performance.mark('kg-first-draw');
  }

  const notice = byId('truncated');
  notice.hidden = !truncated;
  notice.textContent = truncated
    ? `Truncated: the API's budget (${state.maxNodes} nodes, ${state.maxEdges} edges per query) left part of this neighbourhood out. Raise the budgets or filter by type.`
    : '';
  byId('counts').textContent =
    `${visible.size} entities and ${visibleEdges.length} relations drawn` +
    (hidden ? ` (${hidden} entities hidden by the kind filter)` : '') +
    (state.asOf ? `, as of ${state.asOf}` : '');
  body.dataset.nodes = String(visible.size);
  body.dataset.edges = String(visibleEdges.length);
  tableRows = { visible, edges: visibleEdges };
  if (!byId('table-panel').hidden) renderTable();
  syncUrl();
  performance.measure('kg-draw', 'kg-draw-start');
}

function renderTable(): void {
  const { visible, edges: visibleEdges } = tableRows;
  const nodeRows = [...visible]
    .map((id) => nodes.get(id)!)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((n) =>
      el('tr', { 'data-id': n.id }, [
        el('th', { scope: 'row' }, [button(n.name, () => showEntity(n.id), { class: 'link' })]),
        el('td', {}, [n.kind]),
        el('td', {}, [n.subtype]),
        el('td', {}, [
          n.id === state.entity || state.expand.includes(n.id) ? 'expanded' : button(`Expand ${n.name}`, () => void expand(n.id), { class: 'small' }),
        ]),
      ]),
    );
  byId('node-table').querySelector('tbody')!.replaceChildren(...nodeRows);
  const edgeRows = visibleEdges
    .slice()
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((e) =>
      el('tr', { 'data-id': e.id }, [
        el('td', {}, [e.subject.name]),
        el('td', {}, [e.type]),
        el('td', {}, [e.object.name]),
        el('td', {}, [[e.validFrom, e.validTo].some(Boolean) ? `${e.validFrom ?? '?'} – ${e.validTo ?? '?'}` : '']),
        el('td', {}, [e.timeMatch ?? (state.asOf ? 'known' : '')]),
        el('td', {}, [button(`Evidence (${e.evidence.length})`, () => void showRelation(e), { class: 'small', 'aria-label': `Evidence for ${e.subject.name} ${e.type} ${e.object.name}` })]),
      ]),
    );
  byId('edge-table').querySelector('tbody')!.replaceChildren(...edgeRows);
}

function syncUrl(push = false): void {
  const url = `${location.pathname}${writeState(state)}`;
  if (url !== `${location.pathname}${location.search}`) history[push ? 'pushState' : 'replaceState'](null, '', url);
  updateExportLink();
}

function updateExportLink(): void {
  const fmt = byId<HTMLSelectElement>('export-format').value;
  const q = new URLSearchParams();
  if (state.entity) q.set('entity', state.entity);
  q.set('depth', String(state.depth));
  for (const t of state.types ?? []) q.append('type', t);
  for (const k of state.kinds ?? []) q.append('kind', k);
  if (state.asOf) q.set('asOf', state.asOf);
  byId<HTMLAnchorElement>('export-link').href = `${fmt}?${q.toString()}`;
}

const panelContext = (): PanelContext => ({
  source: source?.text,
  sourceDocument: source?.document,
  symmetric,
  onEntity: (id) => void focusOn(id),
  onRelation: (rel) => void showRelation(rel),
});

async function showRelation(rel: Edge): Promise<void> {
  shown = { kind: 'relation', rel };
  const view = await relationView(edges.get(rel.id) ?? rel, panelContext());
  byId('details-body').replaceChildren(view);
  byId('details-h').focus({ preventScroll: true });
}

function showEntity(id: string): void {
  const e = nodes.get(id);
  if (!e) return;
  shown = { kind: 'entity', id };
  const actions: Array<[string, () => void]> = [];
  if (id !== state.entity) actions.push(['Centre the view here', () => void focusOn(id)]);
  if (id !== state.entity && !state.expand.includes(id)) actions.push(['Expand', () => void expand(id)]);
  actions.push([
    'Paths from here',
    () => {
      pathFrom.set(e, true);
      byId('path-to').focus();
    },
  ]);
  byId('details-body').replaceChildren(entityView(e, actions));
}

async function expand(id: string): Promise<void> {
  if (id === state.entity || state.expand.includes(id)) return;
  state.expand = [...state.expand, id];
  const mine = ++seq;
  setBusy(true);
  try {
    const g = state.types && state.types.length === 0 ? { nodes: [], edges: [], truncated: false } : await neighbourhood(id, 1);
    if (mine !== seq) return;
    parts.set(`expand:${id}`, g);
    await draw();
  } catch (err) {
    showError(err);
  } finally {
    if (mine === seq) setBusy(false);
  }
}

async function focusOn(id: string): Promise<void> {
  state = { ...state, entity: id, expand: [] };
  parts = new Map();
  cy.elements().remove();
  syncUrl(true);
  await Promise.all([refresh(), loadTimeline()]);
}

async function loadTimeline(): Promise<void> {
  const list = byId('timeline-items');
  const id = state.entity;
  if (!id) return list.replaceChildren();
  const [{ items }, entity] = await Promise.all([
    get<{ items: TimelineItem[] }>('/timeline', { entity: id, limit: 100 }),
    get<EntitySummary>(`/entities/${encodeURIComponent(id)}`),
  ]);
  byId('timeline-h').textContent = `Timeline of ${entity.name} (${items.length} item${items.length === 1 ? '' : 's'})`;
  searchBox.set(entity);
  if (!pathFrom.picked) pathFrom.set(entity);
  list.replaceChildren(
    ...items.map((it) =>
      el('li', { class: `tl-${it.itemType}` }, [
        button(`${it.date}${it.endDate ? ` – ${it.endDate}` : ''}`, () => setDate(it.date), { class: 'tl-date', title: `Show the graph as of ${it.date}` }),
        el('span', { class: 'tl-label' }, [it.label]),
      ]),
    ),
  );
  if (!items.length) list.append(el('li', { class: 'hint' }, ['No dated items for this entity.']));
}

function setDate(asOf: string | undefined): void {
  state.asOf = asOf;
  const year = byId<HTMLInputElement>('year');
  byId<HTMLInputElement>('asof').value = asOf ?? '';
  if (asOf) year.value = asOf.slice(0, 4);
  year.classList.toggle('inactive', !asOf);
  void refresh();
}

// ---- controls

const searchBox = new EntityCombobox(byId('search'), byId('search-list'), (e) => void focusOn(e.id));
const pathFrom = new EntityCombobox(byId('path-from'), byId('path-from-list'), () => undefined);
const pathTo = new EntityCombobox(byId('path-to'), byId('path-to-list'), () => undefined);

function wireControls(): void {
  const depth = byId<HTMLSelectElement>('depth');
  depth.value = String(state.depth);
  depth.addEventListener('change', () => {
    state.depth = Number(depth.value);
    void refresh();
  });

  const year = byId<HTMLInputElement>('year');
  const asof = byId<HTMLInputElement>('asof');
  let timer: ReturnType<typeof setTimeout> | undefined;
  year.addEventListener('input', () => {
    asof.value = year.value;
    clearTimeout(timer);
    timer = setTimeout(() => setDate(year.value), 200);
  });
  asof.addEventListener('change', () => {
    const v = asof.value.trim();
    if (!v) return setDate(undefined);
    if (DATE.test(v)) setDate(v);
    else showError(new Error(`"${v}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`));
  });
  byId('any-time').addEventListener('click', () => setDate(undefined));
  asof.value = state.asOf ?? '';
  if (state.asOf) year.value = state.asOf.slice(0, 4);
  year.classList.toggle('inactive', !state.asOf);

  for (const [id, key, min, max] of [
    ['max-nodes', 'maxNodes', 1, 500],
    ['max-edges', 'maxEdges', 1, 2000],
  ] as const) {
    const input = byId<HTMLInputElement>(id);
    input.value = String(state[key]);
    input.addEventListener('change', () => {
      const n = Number(input.value);
      if (Number.isInteger(n) && n >= min && n <= max) {
        state[key] = n;
        void refresh();
      }
    });
  }

  byId('fit').addEventListener('click', () => cy.fit(undefined, 30));
  byId('reset').addEventListener('click', () => {
    state.expand = [];
    for (const k of [...parts.keys()]) if (k !== 'focus') parts.delete(k);
    cy.elements().remove();
    void draw();
  });

  const tabs = [byId('tab-graph'), byId('tab-table')];
  const select = (i: number) => {
    tabs.forEach((t, j) => {
      t.setAttribute('aria-selected', String(i === j));
      t.tabIndex = i === j ? 0 : -1;
      byId(t.getAttribute('aria-controls')!).hidden = i !== j;
    });
    tabs[i]!.focus();
    if (i === 0) cy.resize();
    else renderTable();
  };
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => select(i));
    t.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') select((i + 1) % 2);
    });
  });

  byId('export-format').addEventListener('change', updateExportLink);
  byId('png').addEventListener('click', () => {
    const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) as unknown as Blob;
    download(blob, `kg-${state.entity ?? 'graph'}.png`);
  });
  byId('svg').addEventListener('click', () => download(new Blob([toSvg(cy)], { type: 'image/svg+xml' }), `kg-${state.entity ?? 'graph'}.svg`));

  byId<HTMLInputElement>('source-file').addEventListener('change', (ev) => void openSource((ev.target as HTMLInputElement).files?.[0]));

  byId<HTMLFormElement>('path-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void findPaths();
  });

  cy.on('tap', 'node', (ev) => {
    const id = ev.target.id() as string;
    showEntity(id);
    void expand(id);
  });
  cy.on('tap', 'edge', (ev) => {
    const rel = edges.get(ev.target.data('relation') as string);
    if (rel) void showRelation(rel);
  });

  window.addEventListener('popstate', () => {
    const next = readState(location.search);
    const refocus = next.entity !== state.entity;
    state = next;
    if (refocus) {
      parts = new Map();
      cy.elements().remove();
      void loadTimeline();
    }
    void refresh();
  });
}

function checkbox(name: string, value: string, label: string, checked: boolean, swatch?: string): HTMLLabelElement {
  const input = el('input', { type: 'checkbox', name, value });
  input.checked = checked;
  return el('label', { class: 'check' }, [input, swatch ? el('span', { class: `swatch ${swatch}`, 'aria-hidden': 'true' }) : undefined, label]);
}

function buildFilters(): void {
  const kindBox = byId('kind-filters');
  for (const k of KINDS) kindBox.append(checkbox('kind', k.kind, k.kind, !state.kinds || state.kinds.includes(k.kind), `kind-${k.kind}`));
  kindBox.addEventListener('change', () => {
    const checked = [...kindBox.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    state.kinds = checked.length === KINDS.length ? undefined : checked;
    void draw();
  });

  const typeBox = byId('type-filters');
  const types = schema!.relationTypes.filter((t) => t.count > 0 || state.types?.includes(t.type));
  for (const t of types) {
    const label = checkbox('type', t.type, `${t.type} (${t.count})`, !state.types || state.types.includes(t.type));
    label.title = t.description;
    typeBox.append(label);
  }
  const readTypes = () => {
    const checked = [...typeBox.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    state.types = checked.length === types.length ? undefined : checked;
    void refresh();
  };
  typeBox.addEventListener('change', readTypes);
  const all = (on: boolean) => () => {
    typeBox.querySelectorAll<HTMLInputElement>('input').forEach((i) => (i.checked = on));
    readTypes();
  };
  byId('types-all').addEventListener('click', all(true));
  byId('types-none').addEventListener('click', all(false));

  byId('legend').replaceChildren(
    ...KINDS.map((k) => el('li', {}, [el('span', { class: `swatch kind-${k.kind}`, 'aria-hidden': 'true' }), k.label])),
    el('li', {}, [el('span', { class: 'line known', 'aria-hidden': 'true' }), 'Known to hold at the date (solid)']),
    el('li', {}, [el('span', { class: 'line possible', 'aria-hidden': 'true' }), 'May hold at the date (dashed)']),
    el('li', {}, [el('span', { class: 'line focus', 'aria-hidden': 'true' }), 'Thick outline: the entity in focus']),
  );

}

function buildExports(c: Capabilities): void {
  const select = byId<HTMLSelectElement>('export-format');
  select.replaceChildren(...c.exports.map((x) => el('option', { value: x.path }, [x.summary])));
  updateExportLink();
}

async function openSource(file: File | undefined): Promise<void> {
  const status = byId('source-status');
  if (!file) return;
  status.textContent = `Reading ${file.name}…`;
  const text = await readSource(file);
  const doc = (await documents()).find((d) => d.sha256 === text.sha256);
  source = { text, document: doc?.id };
  status.dataset.match = doc ? 'document' : 'none';
  status.textContent = doc
    ? `${file.name} is “${doc.title}” (${doc.id}): its SHA-256 matches. Spans are now shown in context and checked.`
    : `${file.name} matches no source document's SHA-256 (it may be another edition); each span is still checked against it.`;
  if (shown?.kind === 'relation') await showRelation(shown.rel);
  if (lastPaths) await renderPaths(lastPaths);
}

async function findPaths(): Promise<void> {
  const out = byId('path-results');
  const from = pathFrom.selected?.id;
  const to = pathTo.selected?.id;
  if (!from || !to) {
    out.replaceChildren(el('p', { class: 'error' }, ['Choose both ends from the suggestions.']));
    return;
  }
  const since = byId<HTMLInputElement>('path-since').value.trim();
  const until = byId<HTMLInputElement>('path-until').value.trim();
  for (const d of [since, until]) {
    if (d && !DATE.test(d)) return out.replaceChildren(el('p', { class: 'error' }, [`"${d}" is not a date.`]));
  }
  out.replaceChildren(el('p', {}, ['Searching…']));
  try {
    const { paths } = await get<{ paths: Path[] }>('/paths', {
      from,
      to,
      k: byId<HTMLInputElement>('path-k').value,
      maxHops: byId<HTMLInputElement>('path-hops').value,
      type: state.types,
      since: since || undefined,
      until: until || undefined,
      possible: (since || until) && (await caps()).possible ? true : undefined,
    });
    lastPaths = paths;
    await renderPaths(paths);
  } catch (err) {
    out.replaceChildren(el('p', { class: 'error' }, [err instanceof Error ? err.message : String(err)]));
  }
}

async function renderPaths(paths: Path[]): Promise<void> {
  const view = await pathsView(paths, panelContext(), (p) => {
    const key = `path:${p.hops.map((h) => h.relation.id).join('+')}`;
    parts.set(key, { nodes: p.nodes, edges: p.hops.map((h) => h.relation), truncated: false });
    void draw().then(() => {
      cy.elements('.path').removeClass('path');
      for (const n of p.nodes) cy.getElementById(n.id).addClass('path');
      for (const h of p.hops) cy.getElementById(edgeKey(h.relation.id)).addClass('path');
    });
  });
  byId('path-results').replaceChildren(el('p', { role: 'status' }, [`${paths.length} path${paths.length === 1 ? '' : 's'} found.`]), view);
}

async function start(): Promise<void> {
  setBusy(true);
  // The drawing comes first: only the neighbourhood and the vocabulary are asked before it; the
  // timeline, the export list and the slider range follow.
  schemaP = get<SchemaInfo>('/schema');
  try {
    wireControls();
    state.entity ??= (await get<Stats>('/stats', { top: 1 })).mostConnected[0]?.entity.id;
    const first = state.entity ? refresh() : Promise.resolve();
    schema = await schemaP;
    buildFilters();
    await first;
    await Promise.all([caps().then(buildExports), loadTimeline(), sliderRange()]);
    body.dataset.ready = 'true';
  } catch (err) {
    showError(err);
  } finally {
    setBusy(false);
  }
}

/** The slider spans the graph's first dated item to a few years from now. */
async function sliderRange(): Promise<void> {
  const { items } = await get<{ items: TimelineItem[] }>('/timeline', { limit: 1 });
  const year = byId<HTMLInputElement>('year');
  const firstYear = Number(items[0]?.date.slice(0, 4) ?? 1900);
  const chosen = Number(state.asOf?.slice(0, 4) ?? NaN);
  year.min = String(Number.isNaN(chosen) ? firstYear : Math.min(firstYear, chosen));
  year.max = String(Math.max(new Date().getFullYear() + 5, Number.isNaN(chosen) ? 0 : chosen));
  if (state.asOf) year.value = state.asOf.slice(0, 4);
}

// A handle for debugging and the browser tests: the Cytoscape instance and the view state.
(window as unknown as { kgExplorer: unknown }).kgExplorer = { cy, get state() { return state; } };
void start();
cy.on('mouseover', 'edge, node', (ev) => ev.target.addClass('hover'));
cy.on('mouseout', 'edge, node', (ev) => ev.target.removeClass('hover'));
