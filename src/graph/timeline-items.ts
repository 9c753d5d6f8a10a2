import type { EntitySummary, Relation, TimelineItem } from '../schemas/domain';

/** A dated event as a timeline item: one rule for both stores. */
export function eventItem(entity: EntitySummary): TimelineItem {
  return {
    itemType: 'event',
    id: entity.id,
    date: entity.validFrom!,
    ...(entity.validTo ? { endDate: entity.validTo } : {}),
    label: entity.name,
    entity,
  };
}

/** A dated relation as a timeline item. */
export function relationItem(relation: Relation): TimelineItem {
  return {
    itemType: 'relation',
    id: relation.id,
    date: relation.validFrom!,
    ...(relation.validTo ? { endDate: relation.validTo } : {}),
    label: relation.summary,
    relation,
  };
}
