/**
 * The timeline. Rules (the Neo4j store follows the same):
 * - items are events (entities of kind 'event' with a validFrom: date = validFrom, endDate = validTo,
 *   label = name) and relations with a validFrom (date = validFrom, endDate = validTo, label = summary);
 *   things without a validFrom are not on the timeline;
 * - ordered and paged by timelineKey(date, itemType, id) (graph/dates.ts);
 * - the time window keeps items whose [validFrom, validTo] overlaps it;
 * - `entity` keeps: the entity itself when it is an event, the relations touching it, and the events
 *   at the other end of any relation touching it (whatever that relation's type or dates);
 *   an entity id that names no entity -> InvalidQueryError;
 * - `document` keeps events it defines and relations it states;
 * - `types` narrows relation items only (events stay); `itemTypes` keeps the item kinds listed.
 */
import type { TimelineItem } from '../../schemas/domain';
import { overlaps, timelineKey, toWindow } from '../dates';
import { InvalidQueryError } from '../errors';
import type { Page, TimelineQuery } from '../store';
import { pageOf } from './filters';
import { byKey, dropUndefined, nonEmpty, toRelation, toSummary, type MemoryIndexes } from './indexes';
import { eventItem, relationItem } from '../timeline-items';

interface Entry {
  key: string;
  itemType: 'event' | 'relation';
  id: string;
  validFrom: string;
  validTo?: string;
}

export class Timeline {
  private readonly entries: Entry[];

  constructor(private readonly ix: MemoryIndexes) {
    const events = ix.entityList
      .filter((e) => e.kind === 'event' && e.validFrom !== undefined)
      .map((e) => entry('event', e.id, e.validFrom!, e.validTo));
    const relations = ix.relationList
      .filter((r) => r.validFrom !== undefined)
      .map((r) => entry('relation', r.id, r.validFrom!, r.validTo));
    this.entries = [...events, ...relations].sort((a, b) => byKey(a.key, b.key));
  }

  query(q: TimelineQuery): Page<TimelineItem> {
    const window = toWindow(q);
    const itemTypes = nonEmpty(q.itemTypes);
    const types = nonEmpty(q.types);
    const about = q.entity === undefined ? undefined : this.about(q.entity);
    const matches = this.entries.filter(
      (e) =>
        (!itemTypes || itemTypes.includes(e.itemType)) &&
        (!types || e.itemType === 'event' || types.includes(this.ix.relations.get(e.id)!.type)) &&
        (!about || about.has(`${e.itemType}:${e.id}`)) &&
        (q.document === undefined || this.documentsOf(e).includes(q.document)) &&
        overlaps(e.validFrom, e.validTo, window),
    );
    return pageOf(matches, (e) => e.key, q, (e) => this.toItem(e));
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

  private toItem(e: Entry): TimelineItem {
    return e.itemType === 'event'
      ? eventItem(toSummary(this.ix.entities.get(e.id)!))
      : relationItem(toRelation(this.ix, this.ix.relations.get(e.id)!));
  }
}

function entry(itemType: Entry['itemType'], id: string, validFrom: string, validTo: string | undefined): Entry {
  return dropUndefined({ key: timelineKey(validFrom, itemType, id), itemType, id, validFrom, validTo });
}
