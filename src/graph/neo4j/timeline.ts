/**
 * The timeline (rules: src/graph/memory/timeline.ts): dated events and dated relations ordered and paged
 * by the precomputed timelineKey, the page, its items, the id check and the graph version in one statement
 * (queries.LIST_TIMELINE_ONE, LIST_TIMELINE_BY_TYPE_ONE or LIST_TIMELINE_BY_BAND_ONE, or LIST_TIMELINE_OF_ENTITY_ONE reading only
 * what touches the entity); the total counted once per graph version and filter.
 */
import type { TimelineItem } from '../../schemas/domain';
import { decodeCursor, toPage } from '../cursor';
import type { Page, TimelineQuery } from '../store';
import { mapEntitySummary, mapMarkedRelation } from './mapper';
import { documentParam, padAfter, limitParam, passesEveryRelation, typesParam, windowParams } from './params';
import { BAND_OWNERS, TIMELINE_ITEM_AT as AT, LIST_TIMELINE_BY_BAND_ONE, LIST_TIMELINE_BY_TYPE_ONE, LIST_TIMELINE_OF_ENTITY_ONE, LIST_TIMELINE_ONE } from './queries';
import { overlapBands } from './overlap';
import { toWindow, type TimeMatch } from '../rules';
import { eventItem, relationItem } from '../timeline-items';

/** The store's one-statement page (Neo4jGraphStore.pageInOne). */
export type PageInOne = (
  key: string,
  query: string,
  params: Record<string, unknown>,
  filters: Record<string, string | undefined>,
) => Promise<{ rows: unknown[]; total: number }>;

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
 * How the whole graph's page reads (the store's choice; an entity's page always starts from the entity):
 * `scan` every item; `byType` walk the per-type key indexes; `{bands}` read the window's key range of each
 * band present, per owner (queries.BAND_OWNERS -> band codes; ./overlap.ts; a windowed query only).
 */
export type TimelinePlan = 'scan' | 'byType' | { bands: Readonly<Record<string, readonly string[]>> };

/** $bands for LIST_TIMELINE_BY_BAND_ONE: each owner's present bands as key ranges for the window and cursor. */
export function bandRanges(present: Readonly<Record<string, readonly string[]>>, since: string, until: string, after = '') {
  return Object.fromEntries(BAND_OWNERS.map((owner) => [owner, overlapBands(since, until, after, present[owner] ?? [])]));
}

/** Whether every item passes the window, type and document tests (the `every` form of an entity's page). */
function passesEveryItem(p: ReturnType<typeof timelineParams>): boolean {
  return passesEveryRelation(p) && p.document === '';
}

/** One page. Anchored on an entity: what touches it. Otherwise the whole graph's, read as `plan` says. */
export async function timeline(page: PageInOne, q: TimelineQuery, plan: TimelinePlan = 'scan'): Promise<Page<TimelineItem>> {
  const params = timelineParams(q);
  const after = decodeCursor(q.cursor) ?? '';
  const present = q.entity === undefined && typeof plan === 'object' ? plan.bands : undefined;
  const query =
    q.entity !== undefined ? LIST_TIMELINE_OF_ENTITY_ONE[passesEveryItem(params) ? 'every' : 'filtered'] : present ? LIST_TIMELINE_BY_BAND_ONE : plan === 'byType' ? LIST_TIMELINE_BY_TYPE_ONE : LIST_TIMELINE_ONE;
  // the band ranges carry the cursor unpadded: strings inside a map parameter do not key the plan (afterParam)
  const bands = present ? { bands: bandRanges(present, params.since, params.until, after) } : {};
  const { rows, total } = await page(
    `timeline ${JSON.stringify(params)}`,
    query,
    { ...params, ...bands, after: padAfter(after), limit: limitParam(q.limit + 1) },
    { entity: q.entity },
  );
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
