import type { EntitySummary, Relation, TimelineItem } from '../schemas/domain';
import { timelineAnchor, type TimeMatch } from './rules/time';

/**
 * A dated fact as a timeline item, one rule for both stores: placed at its validFrom, or at its validTo
 * (anchor 'end') when only the end is known; endDate is the validTo of an item placed at its start.
 */
function placed(f: { validFrom?: string; validTo?: string }): Pick<TimelineItem, 'date' | 'anchor' | 'endDate'> {
  const at = timelineAnchor(f);
  if (!at) throw new Error('an undated fact is not on the timeline');
  return { date: at.date, anchor: at.anchor, ...(at.anchor === 'start' && f.validTo ? { endDate: f.validTo } : {}) };
}

/** A dated event as a timeline item. */
export function eventItem(entity: EntitySummary, timeMatch?: TimeMatch): TimelineItem {
  return { itemType: 'event', id: entity.id, ...placed(entity), ...(timeMatch ? { timeMatch } : {}), label: entity.name, entity };
}

/** A dated relation as a timeline item. */
export function relationItem(relation: Relation, timeMatch?: TimeMatch): TimelineItem {
  return { itemType: 'relation', id: relation.id, ...placed(relation), ...(timeMatch ? { timeMatch } : {}), label: relation.summary, relation };
}
