/**
 * The timeline (rules: src/graph/memory/timeline.ts): dated events and dated relations ordered and paged
 * by the precomputed timelineKey, the page, its items, the id check and the graph version in one statement
 * (queries.LIST_TIMELINE_ONE, LIST_TIMELINE_BY_TYPE_ONE or LIST_TIMELINE_BY_BAND_ONE, or LIST_TIMELINE_OF_ENTITY_ONE reading only
 * what touches the entity); the total counted once per graph version and filter.
 */
import type { TimelineItem } from '../../schemas/domain';
import { decodeCursor, toPage } from '../cursor';
import type { Page, TimelineQuery } from '../store';
import { mapEntitySummary, mapMarkedRelation, toNumber } from './mapper';
import { documentParam, padAfter, limitParam, passesEveryRelation, typesParam, windowParams } from './params';
import {
  BAND_OWNERS,
  TIMELINE_ITEM_AT as AT,
  LIST_TIMELINE_BY_BAND_ONE,
  LIST_TIMELINE_BY_TYPE_ONE,
  LIST_TIMELINE_OF_ENTITY_ONE,
  LIST_TIMELINE_OF_HUB_ONE,
  LIST_TIMELINE_ONE,
} from './queries';
import { mergedPage, type BranchLimits } from './merged-page';
import { overlapBands } from './overlap';
import { toWindow, type TimeMatch } from '../rules';
import { eventItem, relationItem } from '../timeline-items';

/** The store's one-statement page (Neo4jGraphStore.pageInOne). */
export type PageInOne = (
  key: string,
  query: string,
  params: Record<string, unknown>,
  filters: Record<string, string | undefined>,
) => Promise<{ rows: unknown[]; total: number; version: number }>;

/** The statements' parameters for a timeline query (the page's cursor and limit aside). */
export function timelineParams(q: Omit<TimelineQuery, 'limit'>) {
  const itemTypes = q.itemTypes?.length ? q.itemTypes : ['event', 'relation'];
  return {
    types: typesParam(q.types),
    ...windowParams(q),
    entity: q.entity ?? null,
    document: documentParam(q.document),
    wantEvents: itemTypes.includes('event'),
    wantRelations: itemTypes.includes('relation'),
  };
}

/**
 * How the page reads (the store's choice): `scan` every item (an entity's page: what touches it); `byType` walk
 * the per-type key indexes; `{bands}` read the window's key range of each band present, per owner
 * (queries.BAND_OWNERS -> band codes; ./overlap.ts; a windowed query only); `{hub}` an entity's page without a
 * filter walking each owner's key index, keeping what touches it, in rounds (queries.TIMELINE_OF_HUB): `shares`
 * guess each owner's share of the items, `rate` the share that touches the entity.
 */
export type TimelinePlan =
  | 'scan'
  | 'byType'
  | { bands: Readonly<Record<string, readonly string[]>> }
  | { hub: { shares: readonly number[]; rate: number } };

/** $bands for LIST_TIMELINE_BY_BAND_ONE: each owner's present bands as key ranges for the window and cursor. */
export function bandRanges(present: Readonly<Record<string, readonly string[]>>, since: string, until: string, after = '') {
  return Object.fromEntries(BAND_OWNERS.map((owner) => [owner, overlapBands(since, until, after, present[owner] ?? [])]));
}

/** Whether every item passes the window, type and document tests (the `every` form of an entity's page). */
export function passesEveryItem(p: ReturnType<typeof timelineParams>): boolean {
  return passesEveryRelation(p) && p.document === '';
}

/** One page. Anchored on an entity: what touches it. Otherwise the whole graph's, read as `plan` says. */
export async function timeline(page: PageInOne, q: TimelineQuery, plan: TimelinePlan = 'scan'): Promise<Page<TimelineItem>> {
  const params = timelineParams(q);
  const after = decodeCursor(q.cursor) ?? '';
  const key = `timeline ${JSON.stringify(params)}`;
  const filters = { entity: q.entity };
  if (typeof plan === 'object' && 'hub' in plan && q.entity !== undefined) return toItems(await hubRows(page, key, params, after, q.limit + 1, plan.hub), q);
  const present = q.entity === undefined && typeof plan === 'object' && 'bands' in plan ? plan.bands : undefined;
  const query =
    q.entity !== undefined ? LIST_TIMELINE_OF_ENTITY_ONE[passesEveryItem(params) ? 'every' : 'filtered'] : present ? LIST_TIMELINE_BY_BAND_ONE : plan === 'byType' ? LIST_TIMELINE_BY_TYPE_ONE : LIST_TIMELINE_ONE;
  // the band ranges carry the cursor unpadded: strings inside a map parameter do not key the plan (afterParam)
  const bands = present ? { bands: bandRanges(present, params.since, params.until, after) } : {};
  const answer = await page(key, query, { ...params, ...bands, after: padAfter(after), limit: limitParam(q.limit + 1) }, filters);
  return toItems(answer, q);
}

/** A hub's first `need` items and the total, in rounds (queries.TIMELINE_OF_HUB). */
async function hubRows(
  page: PageInOne,
  key: string,
  params: ReturnType<typeof timelineParams>,
  after: string,
  need: number,
  hub: { shares: readonly number[]; rate: number },
): Promise<{ rows: unknown[]; total: number }> {
  let total = 0;
  const round = async (from: string, limit: number, limits: BranchLimits) => {
    const branch = (xs: readonly number[]) => Object.fromEntries(BAND_OWNERS.map((owner, i) => [owner, limitParam(xs[i]!)]));
    const answer = await page(key, LIST_TIMELINE_OF_HUB_ONE, { ...params, after: from, limit: limitParam(limit), scan: branch(limits.scan), hits: branch(limits.hits) }, { entity: params.entity ?? undefined });
    total = answer.total;
    const rows = answer.rows as Array<{ item: unknown; resume: string | null; scanned: unknown }>;
    return {
      rows: rows.flatMap((r) => (r.item === null ? [] : [r.item])),
      resume: rows[0]?.resume ?? null,
      scanned: rows[0] ? toNumber(rows[0].scanned) : 0,
      version: answer.version,
    };
  };
  const rows = await mergedPage(round, { after: padAfter(after), need, shares: hub.shares, rate: hub.rate });
  return { rows, total };
}

/** The page of timeline items from item rows (TIMELINE_ITEM_AT). */
function toItems({ rows, total }: { rows: unknown[]; total: number }, q: TimelineQuery): Page<TimelineItem> {
  const marked = toWindow(q) !== undefined;
  const items = (rows as unknown[][]).map((r) => {
    const timeMatch = marked ? (r[AT.timeMatch] as TimeMatch) : undefined;
    return {
      key: r[AT.key] as string,
      ...(r[AT.event] !== null
        ? eventItem(mapEntitySummary(r[AT.event]), timeMatch)
        : relationItem(mapMarkedRelation(r[AT.relation], undefined), timeMatch)),
    };
  });
  const paged = toPage(items, q.limit, (i) => i.key, total);
  return { ...paged, items: paged.items.map(({ key: _key, ...item }) => item) };
}
