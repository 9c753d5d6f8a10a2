/** The drawing: Cytoscape.js with one colour and shape per entity kind, known and possible edges told apart. */
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { spreadApart } from './spread';

/** Above this many nodes the drawing switches to its fast style and layout. */
export const LARGE = 300;

export const KINDS = [
  { kind: 'person', colour: '#1f63a8', shape: 'ellipse', label: 'Person (circle)' },
  { kind: 'organization', colour: '#b35000', shape: 'round-rectangle', label: 'Organization (rounded square)' },
  { kind: 'place', colour: '#2a7a2a', shape: 'diamond', label: 'Place (diamond)' },
  { kind: 'event', colour: '#7b3fa0', shape: 'hexagon', label: 'Event (hexagon)' },
] as const;

const style: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 9,
      'text-valign': 'bottom',
      'text-wrap': 'wrap',
      'text-max-width': '120px',
      'text-margin-y': 3,
      color: '#1a1a1a',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'min-zoomed-font-size': 6,
      width: 22,
      height: 22,
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  ...KINDS.map((k) => ({ selector: `node[kind = "${k.kind}"]`, style: { 'background-color': k.colour, shape: k.shape } })),
  { selector: 'node.focus', style: { width: 32, height: 32, 'border-width': 3, 'border-color': '#111111', 'font-weight': 'bold' } },
  { selector: 'node.path', style: { 'border-width': 3, 'border-color': '#d4a000' } },
  {
    selector: 'edge',
    style: {
      width: 1.6,
      'line-color': '#6b6b6b',
      'target-arrow-color': '#6b6b6b',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      'font-size': 8,
      color: '#333333',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
    },
  },
  { selector: 'edge:selected, edge.hover', style: { label: 'data(label)', width: 3 } },
  { selector: 'edge[?symmetric]', style: { 'target-arrow-shape': 'none' } },
  {
    selector: 'edge[timeMatch = "possible"]',
    style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4], 'line-color': '#c0392b', 'target-arrow-color': '#c0392b' },
  },
  // Large views: straight edges without arrows draw several times faster (Cytoscape.js performance guide).
  { selector: 'node.fast', style: { label: '', 'border-width': 0 } },
  { selector: 'node.fast:selected, node.fast.focus, node.fast.hover', style: { label: 'data(label)' } },
  { selector: 'edge.fast', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', width: 1 } },
  { selector: 'edge.path', style: { width: 3.5, 'line-color': '#d4a000', 'target-arrow-color': '#d4a000' } },
  { selector: ':selected', style: { 'overlay-color': '#005fcc', 'overlay-opacity': 0.25, 'overlay-padding': 4 } },
];

export function createGraph(container: HTMLElement): Core {
  return cytoscape({
    container,
    style,
    minZoom: 0.1,
    maxZoom: 4,
    boxSelectionEnabled: false,
    textureOnViewport: true,
    hideEdgesOnViewport: false,
  });
}

/** Lays the graph out: force-directed while small, rings around the focus when large (stays fast at 2,000 nodes). */
export function layout(cy: Core, focus: string | undefined, animate = false, fresh = false): Promise<void> {
  const n = cy.nodes().length;
  const options =
    n <= LARGE
      ? {
          name: 'cose',
          animate,
          // A fresh view starts from random places; an expansion keeps what is placed and settles the newcomers.
          randomize: fresh,
          nodeRepulsion: () => 30000,
          nodeOverlap: 20,
          idealEdgeLength: () => 80,
          numIter: 250,
          fit: true,
          padding: 30,
        }
      : {
          name: 'concentric',
          animate: false,
          fit: true,
          padding: 20,
          minNodeSpacing: 4,
          concentric: (node: cytoscape.NodeSingular) => (node.id() === focus ? 1000 : node.degree(false)),
          levelWidth: () => 3,
        };
  const l = cy.layout(options as cytoscape.LayoutOptions);
  const done = new Promise<void>((resolve) =>
    l.one('layoutstop', () => {
      if (n <= LARGE) separate(cy);
      resolve();
    }),
  );
  performance.mark('kg-layout-run');
  l.run();
  performance.measure('kg-layout-ran', 'kg-layout-run');
  return done;
}

/** Moves nodes the force layout left on top of each other apart (./spread.ts), and fits the view again. */
function separate(cy: Core): void {
  const nodes = cy.nodes();
  const spread = spreadApart(nodes.map((node) => ({ ...node.position(), r: Math.max(node.width(), node.height()) / 2 })));
  cy.batch(() => nodes.forEach((node, i) => void node.position(spread[i]!)));
  cy.fit(undefined, 30);
}

export type { Core, ElementDefinition };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function shapePath(shape: string, x: number, y: number, r: number): string {
  const poly = (n: number, rot: number) =>
    Array.from({ length: n }, (_, i) => {
      const a = rot + (i * 2 * Math.PI) / n;
      return `${(x + r * Math.cos(a)).toFixed(1)},${(y + r * Math.sin(a)).toFixed(1)}`;
    }).join(' ');
  if (shape === 'diamond') return `<polygon points="${poly(4, -Math.PI / 2)}"`;
  if (shape === 'hexagon') return `<polygon points="${poly(6, 0)}"`;
  if (shape === 'round-rectangle') return `<rect x="${(x - r).toFixed(1)}" y="${(y - r).toFixed(1)}" width="${2 * r}" height="${2 * r}" rx="4"`;
  return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}"`;
}

/** The drawn view as a standalone SVG (positions from the layout, same colours, shapes and dashes). */
export function toSvg(cy: Core): string {
  const bb = cy.elements().boundingBox({});
  const pad = 20;
  const w = Math.max(1, bb.w + 2 * pad);
  const h = Math.max(1, bb.h + 2 * pad);
  const ox = pad - bb.x1;
  const oy = pad - bb.y1;
  const colour = new Map<string, { colour: string; shape: string }>(KINDS.map((k) => [k.kind, k]));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w.toFixed(0)}" height="${h.toFixed(0)}" viewBox="0 0 ${w.toFixed(0)} ${h.toFixed(0)}" font-family="sans-serif">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b6b6b"/></marker></defs>',
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  cy.edges().forEach((e) => {
    const s = e.source().position();
    const t = e.target().position();
    const possible = e.data('timeMatch') === 'possible';
    const stroke = possible ? '#c0392b' : '#6b6b6b';
    parts.push(
      `<line x1="${(s.x + ox).toFixed(1)}" y1="${(s.y + oy).toFixed(1)}" x2="${(t.x + ox).toFixed(1)}" y2="${(t.y + oy).toFixed(1)}" stroke="${stroke}" stroke-width="1.5"` +
        `${possible ? ' stroke-dasharray="6 4"' : ''}${e.data('symmetric') ? '' : ' marker-end="url(#arrow)"'}><title>${esc(e.data('title') as string)}</title></line>`,
    );
  });
  cy.nodes().forEach((n) => {
    const p = n.position();
    const k = colour.get(n.data('kind') as string) ?? { colour: '#888888', shape: 'ellipse' };
    parts.push(`${shapePath(k.shape, p.x + ox, p.y + oy, 11)} fill="${k.colour}" stroke="#ffffff"><title>${esc(n.data('label') as string)}</title></${k.shape === 'round-rectangle' ? 'rect' : k.shape === 'ellipse' ? 'circle' : 'polygon'}>`);
    parts.push(`<text x="${(p.x + ox).toFixed(1)}" y="${(p.y + oy + 22).toFixed(1)}" font-size="9" text-anchor="middle" fill="#1a1a1a">${esc(n.data('label') as string)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
