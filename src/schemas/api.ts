/** Request parameters and response envelopes of the HTTP API (domain shapes live in domain.ts). */
import { Type, type Static, type TSchema } from 'typebox';
import { InvalidQueryError } from '../graph/errors';
import { endKey, startKey, toWindow } from '../graph/dates';
import { IntParam, Limit } from './params';
import { EntityKindSchema, EntitySubtypeSchema, ModalitySchema, PartialDate, RelationTypeSchema, Slug } from './common';

const many = <T extends TSchema>(item: T, description: string) => Type.Array(item, { description, maxItems: 50 });

export { Limit };
export const Cursor = Type.String({
  minLength: 1,
  maxLength: 512,
  description: 'Opaque cursor from the previous page’s `nextCursor`.',
});

export const TimeParams = {
  asOf: Type.Optional({
    ...PartialDate,
    description: 'Only what was valid on this date (any precision: 2014, 2014-04, 2014-04-24). Undated relations always match.',
  }),
  since: Type.Optional({ ...PartialDate, description: 'Only what was valid at some time on or after this date.' }),
  until: Type.Optional({ ...PartialDate, description: 'Only what was valid at some time on or before this date.' }),
};

export const IdParams = Type.Object(
  { id: { ...Slug, description: 'Entity id (find ids with GET /search).', examples: ['yoichi-masuzoe'] } },
  { additionalProperties: false },
);
export type IdParams = Static<typeof IdParams>;

export const Page = <T extends TSchema>(item: T, description: string) =>
  Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer({ minimum: 0, description: 'Matches across all pages.' }),
      nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null on the last.' }),
    },
    { additionalProperties: false, description },
  );

export const EntityListQuery = Type.Object(
  {
    kind: Type.Optional(many(EntityKindSchema, 'Keep these kinds (repeat the parameter for several).')),
    subtype: Type.Optional(many(EntitySubtypeSchema, 'Keep these subtypes.')),
    prefix: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Case-insensitive prefix of the name or an alias.', examples: ['Masu'] })),
    limit: Limit(100, 25),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type EntityListQuery = Static<typeof EntityListQuery>;

export const EntityRelationsQuery = Type.Object(
  {
    type: Type.Optional(many(RelationTypeSchema, 'Keep these relation types.')),
    direction: Type.Enum(['out', 'in', 'both'], { default: 'both', description: 'out: the entity is the subject; in: the object.' }),
    counterpartKind: Type.Optional(many(EntityKindSchema, 'Kinds allowed at the other end.')),
    modality: Type.Optional(many(ModalitySchema, 'Keep these modalities.')),
    ...TimeParams,
    limit: Limit(100, 25),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type EntityRelationsQuery = Static<typeof EntityRelationsQuery>;

export const NeighbourhoodQuery = Type.Object(
  {
    depth: IntParam({ minimum: 1, maximum: 3, default: 1, description: 'Hops from the entity (1–3).' }),
    type: Type.Optional(many(RelationTypeSchema, 'Follow only these relation types.')),
    ...TimeParams,
    maxNodes: IntParam({ minimum: 1, maximum: 500, default: 100, description: 'Node budget (nearest first, then by id).' }),
    maxEdges: IntParam({ minimum: 1, maximum: 2000, default: 500, description: 'Edge budget (by id).' }),
  },
  { additionalProperties: false },
);
export type NeighbourhoodQuery = Static<typeof NeighbourhoodQuery>;

export const RelationListQuery = Type.Object(
  {
    type: Type.Optional(many(RelationTypeSchema, 'Keep these relation types.')),
    subject: Type.Optional({ ...Slug, description: 'Subject entity id.', examples: ['china'] }),
    object: Type.Optional({ ...Slug, description: 'Object entity id.' }),
    entity: Type.Optional({ ...Slug, description: 'Either end is this entity.' }),
    modality: Type.Optional(many(ModalitySchema, 'Keep these modalities.')),
    assertedBy: Type.Optional({ ...Slug, description: 'Entity id of who asserts the statement (e.g. stratfor, china).' }),
    ...TimeParams,
    limit: Limit(100, 25),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type RelationListQuery = Static<typeof RelationListQuery>;

export const RelationIdParams = Type.Object({ id: { ...Slug, description: 'Relation id.', examples: ['hu-deping-son-of-hu-yaobang'] } }, { additionalProperties: false });
export type RelationIdParams = Static<typeof RelationIdParams>;

export const PathQuery = Type.Object(
  {
    from: { ...Slug, description: 'Start entity id.', examples: ['hu-deping'] },
    to: { ...Slug, description: 'End entity id.', examples: ['shinzo-abe'] },
    maxHops: IntParam({ minimum: 1, maximum: 6, default: 4, description: 'Longest path considered (1–6 relations).' }),
    k: IntParam({ minimum: 1, maximum: 10, default: 3, description: 'How many paths at most.' }),
    type: Type.Optional(many(RelationTypeSchema, 'Follow only these relation types.')),
    ...TimeParams,
  },
  { additionalProperties: false },
);
export type PathQuery = Static<typeof PathQuery>;

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200, description: 'Words to find; typos are tolerated.', examples: ['masuzoe'] }),
    kind: Type.Optional(many(EntityKindSchema, 'Keep these kinds.')),
    limit: Limit(50, 10),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const TimelineQuery = Type.Object(
  {
    ...TimeParams,
    entity: Type.Optional({ ...Slug, description: 'Only items about this entity.', examples: ['yoichi-masuzoe'] }),
    itemType: Type.Optional(many(Type.Enum(['event', 'relation']), 'event, relation or both (default).')),
    type: Type.Optional(many(RelationTypeSchema, 'Keep relation items of these types.')),
    limit: Limit(100, 50),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuery>;

export const StatsQuery = Type.Object(
  { top: IntParam({ minimum: 1, maximum: 100, default: 10, description: 'How many most-connected entities.' }) },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuery>;

export const DocumentIdParams = Type.Object({ id: { ...Slug, description: 'Document id.', examples: ['stratfor-2014-04-23-china-japan-city-diplomacy'] } }, { additionalProperties: false });
export type DocumentIdParams = Static<typeof DocumentIdParams>;

/**
 * Query time params -> store TimeFilter (the store calls since/until from/to). An empty window is a
 * client mistake, not an empty answer: undated relations would still match it, so it is refused.
 */
export function timeFilter(q: { asOf?: string; since?: string; until?: string }) {
  const window = toWindow({ asOf: q.asOf, from: q.since, to: q.until });
  if (window && window.start > window.end) {
    const parameter = q.since && q.until && startKey(q.since) > endKey(q.until) ? 'since' : 'asOf';
    throw new InvalidQueryError(
      parameter === 'since' ? 'since is after until.' : 'asOf lies outside the since/until window.',
      parameter,
    );
  }
  return {
    ...(q.asOf ? { asOf: q.asOf } : {}),
    ...(q.since ? { from: q.since } : {}),
    ...(q.until ? { to: q.until } : {}),
  };
}
