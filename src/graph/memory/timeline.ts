/**
 * The timeline. Rules (the Neo4j store follows the same):
 * - items are events (entities of kind 'event', label = name) and relations (label = summary) with at
 *   least one date: placed at validFrom (anchor 'start', endDate = validTo), or at validTo when only the
 *   end is known (anchor 'end'); things without any date (timeless, observed without dates) are not on it;
 * - ordered and paged by timelineKey(date, itemType, id) (rules/order.ts);
 * - the time window keeps items known (or, with possible, possibly) valid in it (rules/time.ts), marked timeMatch;
 * - `entity` keeps: the entity itself when it is an event, the relations touching it, and the events
 *   at the other end of any relation touching it (whatever that relation's type or dates);
 *   an entity id that names no entity -> InvalidQueryError;
 * - `document` keeps events it defines and relations it states;
 * - `types` narrows relation items only (events stay); `itemTypes` keeps the item kinds listed.
 */
import type { TimelineItem } from '../../schemas/domain';
import { ALWAYS, timeMatch, timelineAnchor, timelineKey, toWindow, type TimeKeys, type TimeMatch } from '../rules';
import { InvalidQueryError } from '../errors';
import type { Page, TimelineQuery } from '../store';
import { pageOf } from './filters';
import { byKey, nonEmpty, toRelation, toSummary, type MemoryIndexes } from './indexes';
import { eventItem, relationItem } from '../timeline-items';

interface Entry {
  key: string;
  itemType: 'event' | 'relation';
  id: string;
  keys: TimeKeys;
}

export class Timeline {
  private readonly entries: Entry[];

  constructor(private readonly ix: MemoryIndexes) {
    const events = ix.entityList.filter((e) => e.kind === 'event').flatMap((e) => entry('event', e.id, e, e.keys ?? ALWAYS));
    const relations = ix.relationList.flatMap((r) => entry('relation', r.id, r, r.keys));
    this.entries = [...events, ...relations].sort((a, b) => byKey(a.key, b.key));
  }

  /** Matches of recent filters (the graph never changes): the next page does not filter again. */
  private readonly recent = new Map<string, Array<{ e: Entry; match: TimeMatch | undefined }>>();

  private remember(key: string, matches: Array<{ e: Entry; match: TimeMatch | undefined }>) {
    if (this.recent.size >= 64) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(key, matches);
    return matches;
  }

  query(q: TimelineQuery): Page<TimelineItem> {
    const window = toWindow(q);
    const itemTypes = nonEmpty(q.itemTypes);
    const types = nonEmpty(q.types);
    const key = JSON.stringify({ ...q, limit: undefined, cursor: undefined });
    // The entity's items are gathered only when the filter's matches are not kept (a hub has thousands).
    const recent = this.recent.get(key);
    const about = recent || q.entity === undefined ? undefined : this.about(q.entity);
    const matches = recent ?? this.remember(key, this.entries.flatMap((e) => {
      if (itemTypes && !itemTypes.includes(e.itemType)) return [];
      if (types && e.itemType === 'relation' && !types.includes(this.ix.relations.get(e.id)!.type)) return [];
      if (about && !about.has(`${e.itemType}:${e.id}`)) return [];
      if (q.document !== undefined && !this.documentsOf(e).includes(q.document)) return [];
      const match = window ? timeMatch(e.keys, window) : undefined;
      return window && !match ? [] : [{ e, match }];
    }));
    return pageOf(matches, (m) => m.e.key, q, (m) => this.toItem(m.e, m.match));
  }

  private documentsOf(e: Entry): string[] {
    return e.itemType === 'event' ? this.ix.entities.get(e.id)!.documents : this.ix.relations.get(e.id)!.documents;
  }

  /** Item keys ("event:id" / "relation:id") about an entity. */
  private about(id: string): Set<string> {
    const entity = this.ix.entities.get(id);
    if (!entity) throw new InvalidQueryError(`No entity has the id "${id}".`, 'entity');
    const keys = new Set<string>();
    if (entity.kind === 'event') keys.add(`event:${id}`);
    for (const r of this.ix.touching.get(id) ?? []) {
      keys.add(`relation:${r.id}`);
      for (const end of [r.subject, r.object]) {
        if (this.ix.entities.get(end)!.kind === 'event') keys.add(`event:${end}`);
      }
    }
    return keys;
  }

  private toItem(e: Entry, match: TimeMatch | undefined): TimelineItem {
    return e.itemType === 'event'
      ? eventItem(toSummary(this.ix.entities.get(e.id)!), match)
      : relationItem(toRelation(this.ix, this.ix.relations.get(e.id)!), match);
  }
}

/** The entry of a fact with at least one date ([] without). */
function entry(itemType: Entry['itemType'], id: string, dates: { validFrom?: string; validTo?: string }, keys: TimeKeys): Entry[] {
  const at = timelineAnchor(dates);
  return at ? [{ key: timelineKey(at.date, itemType, id), itemType, id, keys }] : [];
}
