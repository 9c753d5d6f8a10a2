/** The details panel: a relation with its evidence (verified against the reader's file when one is open), an entity, paths. */
import type { Edge, EntitySummary, Path } from './api';
import { button, el } from './dom';
import { checkSpan, type SourceText, type Span } from './verify';

export interface PanelContext {
  source?: SourceText;
  /** Which document the open file is (matched by SHA-256); undefined when it matches none. */
  sourceDocument?: string;
  symmetric: (type: string) => boolean;
  onEntity: (id: string) => void;
  onRelation: (rel: Edge) => void;
}

const MODALITY: Record<string, string> = {
  stated: 'stated as fact by the source',
  assessment: 'the source’s own assessment',
  attributed: 'a claim or belief attributed to a named party',
  intention: 'an intention or plan',
};

function dl(rows: Array<[string, string | Node | undefined]>): HTMLDListElement {
  const out = el('dl', { class: 'facts' });
  for (const [k, v] of rows) if (v !== undefined && v !== '') out.append(el('dt', {}, [k]), el('dd', {}, [v]));
  return out;
}

/** One evidence span: where it is, its hash, and (with the reader's file) its text and whether it verifies. */
async function spanItem(span: Span, ctx: PanelContext): Promise<HTMLLIElement> {
  const status = el('span', { class: 'span-status', 'data-span-status': 'unchecked' }, ['not checked: open your copy of the source']);
  const li = el('li', { class: 'span' }, [
    el('div', {}, [`Paragraph ${span.paragraph}, characters ${span.start}–${span.end} (end exclusive) of `, el('code', {}, [span.document])]),
    el('div', {}, ['SHA-256 ', el('code', { class: 'hash' }, [span.sha256])]),
    status,
  ]);
  if (ctx.source && (ctx.sourceDocument === undefined || ctx.sourceDocument === span.document)) {
    const check = await checkSpan(span, ctx.source);
    status.dataset.spanStatus = check.verified ? 'verified' : 'failed';
    status.textContent = check.verified ? '✓ verified: the text in your file hashes to this SHA-256' : `✗ not verified: ${check.reason ?? ''}`;
    status.className = `span-status ${check.verified ? 'ok' : 'bad'}`;
    if (check.text !== undefined) {
      li.append(el('blockquote', { class: 'context' }, [check.before ?? '', el('mark', {}, [check.text]), check.after ?? '']));
    }
  } else if (ctx.source) {
    status.textContent = 'not checked: your file is another document';
  }
  return li;
}

export async function relationView(rel: Edge, ctx: PanelContext): Promise<HTMLElement> {
  const sym = ctx.symmetric(rel.type);
  const end = (ref: { id: string; name: string }) => button(ref.name, () => ctx.onEntity(ref.id), { class: 'link' });
  const spans = await Promise.all(rel.evidence.map((s) => spanItem(s, ctx)));
  const verified = spans.filter((li) => li.querySelector('[data-span-status="verified"]')).length;
  return el('article', { class: 'relation', 'data-relation': rel.id }, [
    el('h3', {}, [end(rel.subject), ` ${sym ? '—' : '—'} ${rel.type} ${sym ? '—' : '→'} `, end(rel.object)]),
    el('p', { class: 'summary' }, [rel.summary]),
    dl([
      ['Relation', rel.id],
      ['Type', `${rel.type}${sym ? ' (symmetric: reads the same from either end)' : ''}`],
      ['Role', rel.role],
      ['Valid from', rel.validFrom ?? 'unknown or timeless'],
      ['Valid to', rel.validTo ?? 'unknown or timeless'],
      ['At the chosen date', rel.timeMatch === 'possible' ? 'may hold (possible)' : rel.timeMatch === 'known' ? 'known to hold' : undefined],
      ['Modality', `${rel.modality}: ${MODALITY[rel.modality] ?? ''}`],
      ['Asserted by', end(rel.assertedBy)],
      ['Outside knowledge', rel.outsideKnowledge ? 'yes: curated from certain outside knowledge, not stated by the source' : undefined],
    ]),
    el('h4', {}, [`Evidence: ${rel.evidence.length} span${rel.evidence.length === 1 ? '' : 's'}`, ctx.source ? `, ${verified} verified` : '']),
    el('ol', { class: 'spans' }, spans),
  ]);
}

export function entityView(e: EntitySummary, actions: Array<[string, () => void]>): HTMLElement {
  return el('article', { class: 'entity', 'data-entity': e.id }, [
    el('h3', {}, [el('span', { class: `swatch kind-${e.kind}`, 'aria-hidden': 'true' }), e.name]),
    el('p', { class: 'summary' }, [e.summary]),
    dl([
      ['Id', e.id],
      ['Kind', `${e.kind} · ${e.subtype}`],
      ['Also called', e.aliases.join('; ')],
      ['From', e.validFrom],
      ['To', e.validTo],
      ['Wikidata', e.wikidata ? `${e.wikidata} (outside knowledge)` : undefined],
    ]),
    el('div', { class: 'actions' }, actions.map(([label, fn]) => button(label, fn))),
  ]);
}

export async function pathsView(paths: Path[], ctx: PanelContext, onDraw: (p: Path) => void): Promise<HTMLElement> {
  if (!paths.length) return el('p', { class: 'paths-none' }, ['No path within these limits.']);
  const items = await Promise.all(
    paths.map(async (p, i) => {
      const hops = await Promise.all(
        p.hops.map(async (h) => {
          const from = p.nodes.find((n) => n.id === h.from)?.name ?? h.from;
          const to = p.nodes.find((n) => n.id === h.to)?.name ?? h.to;
          const arrow = h.direction === 'forward' ? `—${h.relation.type}→` : `←${h.relation.type}—`;
          const spans = await Promise.all(h.relation.evidence.map((s) => spanItem(s, ctx)));
          return el('li', { class: 'hop', 'data-relation': h.relation.id }, [
            button(`${from} ${arrow} ${to}`, () => ctx.onRelation(h.relation), { class: 'link' }),
            el('p', { class: 'summary' }, [h.relation.summary]),
            el('details', {}, [el('summary', {}, [`Evidence (${h.relation.evidence.length})`]), el('ol', { class: 'spans' }, spans)]),
          ]);
        }),
      );
      return el('li', { class: 'path' }, [
        el('h3', {}, [`Path ${i + 1}: ${p.length} hop${p.length === 1 ? '' : 's'}`]),
        el('ol', { class: 'hops' }, hops),
        button('Draw on the graph', () => onDraw(p)),
      ]);
    }),
  );
  return el('ol', { class: 'path-list' }, items);
}
