/**
 * The timeline (rules: src/graph/memory/timeline.ts): dated events and dated relations ordered and paged
 * by the precomputed timelineKey; one query counts, one fetches the page's keys, two fetch the items.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { TimelineItem } from '../../schemas/domain';
import { decodeCursor, toPage } from '../cursor';
import type { Page, TimelineQuery } from '../store';
import { entitiesById, pick, relationsById, requireEntities } from './lookups';
import { DerivedCache } from './derived';
import { toNumber } from './mapper';
import { limitParam, typesParam, windowParams } from './params';
import { COUNT_TIMELINE, LIST_TIMELINE } from './queries';
import { toWindow, type TimeMatch } from '../rules';
import { eventItem, relationItem } from '../timeline-items';

export async function timeline(tx: ManagedTransaction, q: TimelineQuery, derived: DerivedCache): Promise<Page<TimelineItem>> {
  const itemTypes = q.itemTypes?.length ? q.itemTypes : ['event', 'relation'];
  const params = {
    types: typesParam(q.types),
    ...windowParams(q),
    entity: q.entity ?? null,
    document: q.document ?? null,
    wantEvents: itemTypes.includes('event'),
    wantRelations: itemTypes.includes('relation'),
  };
  const after = decodeCursor(q.cursor) ?? '';
  // The id check, the graph version and the page's keys, pipelined; the total cached per graph version.
  const [version, , res] = await Promise.all([
    DerivedCache.versionIn(tx),
    requireEntities(tx, { entity: q.entity }),
    tx.run(LIST_TIMELINE, { ...params, after, limit: limitParam(q.limit + 1) }),
  ]);
  const total = await derived.through(version, `timeline ${JSON.stringify(params)}`, async () =>
    toNumber((await tx.run(COUNT_TIMELINE, params)).records[0]!.get('total')),
  );
  const keys = res.records.map((r) => ({
    key: r.get('key') as string,
    itemType: r.get('itemType') as 'event' | 'relation',
    id: r.get('id') as string,
    timeMatch: r.get('timeMatch') as TimeMatch,
  }));
  const marked = toWindow(q) !== undefined;
  const [events, relations] = await Promise.all([
    entitiesById(tx, keys.filter((k) => k.itemType === 'event').map((k) => k.id)),
    relationsById(tx, keys.filter((k) => k.itemType === 'relation').map((k) => k.id)),
  ]);
  const items = keys.map((k) => ({
    key: k.key,
    ...(k.itemType === 'event'
      ? eventItem(pick(events, k.id), marked ? k.timeMatch : undefined)
      : relationItem(pick(relations, k.id), marked ? k.timeMatch : undefined)),
  }));
  const page = toPage(items, q.limit, (i) => i.key, total);
  return { ...page, items: page.items.map(({ key: _key, ...item }) => item) };
}
