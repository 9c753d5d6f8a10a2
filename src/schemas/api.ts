/** Request parameters and response envelopes of the HTTP API (domain shapes live in domain.ts). */
import { Type, type Static, type TSchema } from 'typebox';
import { LIMITS } from './limits';
import { IntParam, Limit } from './params';
import { EntityKindSchema, EntitySubtypeSchema, ModalitySchema, PartialDate, RelationTypeSchema, Slug } from './common';

const many = <T extends TSchema>(item: T, description: string) => Type.Array(item, { description, maxItems: LIMITS.filterValues });

export const Cursor = Type.String({
  minLength: 1,
  maxLength: 512,
  description: 'Opaque cursor from the previous page’s `nextCursor`.',
});

export const TimeParams = {
  asOf: Type.Optional({
    ...PartialDate,
    description:
      'Only what holds on this date (any precision: 2014 = the whole year, 2014-04, 2014-04-24). By default only what is known to hold ' +
      '(a fact without a known start or end is never stretched to cover it); add possible=true for what may hold. Items then carry `timeMatch`.',
  }),
  since: Type.Optional({ ...PartialDate, description: 'Only what holds at some time on or after this date (known, or with possible=true also possible).' }),
  until: Type.Optional({ ...PartialDate, description: 'Only what holds at some time on or before this date (known, or with possible=true also possible).' }),
  possible: Type.Boolean({
    default: false,
    description:
      'With asOf/since/until: also return what may hold in the window given the unknown bounds (marked timeMatch: possible), not only what is known to hold (timeMatch: known).',
  }),
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
    document: Type.Optional({ ...Slug, description: 'Only entities this document defines (see GET /documents).' }),
    limit: Limit(LIMITS.entityPage, 25),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type EntityListQuery = Static<typeof EntityListQuery>;

export const EntityRelationsQuery = Type.Object(
  {
    type: Type.Optional(many(RelationTypeSchema, 'Keep these relation types.')),
    direction: Type.Enum(['out', 'in', 'both'], {
      default: 'both',
      description: 'out: the entity is the subject; in: the object. Symmetric types (MET, RIVAL_OF, …) match in either direction; each item says which stored end the entity is (`requestedEnd`).',
    }),
    counterpartKind: Type.Optional(many(EntityKindSchema, 'Kinds allowed at the other end.')),
    modality: Type.Optional(many(ModalitySchema, 'Keep these modalities.')),
    document: Type.Optional({ ...Slug, description: 'Only relations this document states (see GET /documents).' }),
    ...TimeParams,
    limit: Limit(LIMITS.relationPage, 25),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type EntityRelationsQuery = Static<typeof EntityRelationsQuery>;

export const NeighbourhoodQuery = Type.Object(
  {
    depth: IntParam({ minimum: 1, maximum: LIMITS.maxDepth, default: 1, description: `Hops from the entity (1–${LIMITS.maxDepth}).` }),
    type: Type.Optional(many(RelationTypeSchema, 'Follow only these relation types.')),
    ...TimeParams,
    maxNodes: IntParam({ minimum: 1, maximum: LIMITS.maxNodes, default: LIMITS.neighbourhoodDefaults.maxNodes, description: 'Node budget (nearest first, then by id).' }),
    maxEdges: IntParam({ minimum: 1, maximum: LIMITS.maxEdges, default: LIMITS.neighbourhoodDefaults.maxEdges, description: 'Edge budget (by id).' }),
  },
  { additionalProperties: false },
);
export type NeighbourhoodQuery = Static<typeof NeighbourhoodQuery>;

export const RelationListQuery = Type.Object(
  {
    type: Type.Optional(many(RelationTypeSchema, 'Keep these relation types.')),
    subject: Type.Optional({ ...Slug, description: 'Subject entity id (for symmetric types either stored end).', examples: ['china'] }),
    object: Type.Optional({ ...Slug, description: 'Object entity id (for symmetric types either stored end; with subject, the other end).' }),
    entity: Type.Optional({ ...Slug, description: 'Either end is this entity.' }),
    modality: Type.Optional(many(ModalitySchema, 'Keep these modalities.')),
    assertedBy: Type.Optional({ ...Slug, description: 'Entity id of who asserts the statement (e.g. stratfor, china).' }),
    document: Type.Optional({ ...Slug, description: 'Only relations this document states (see GET /documents).' }),
    ...TimeParams,
    limit: Limit(LIMITS.relationPage, 25),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type RelationListQuery = Static<typeof RelationListQuery>;

/** The query of an operation that takes no query parameters: any parameter is unknown, and refused (routes/index.ts). */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const RelationIdParams = Type.Object({ id: { ...Slug, description: 'Relation id.', examples: ['hu-deping-son-of-hu-yaobang'] } }, { additionalProperties: false });
export type RelationIdParams = Static<typeof RelationIdParams>;

export const PathQuery = Type.Object(
  {
    from: { ...Slug, description: 'Start entity id.', examples: ['hu-deping'] },
    to: { ...Slug, description: 'End entity id.', examples: ['shinzo-abe'] },
    maxHops: IntParam({ minimum: 1, maximum: LIMITS.maxPathHops, default: 4, description: `Longest path considered (1–${LIMITS.maxPathHops} relations).` }),
    k: IntParam({ minimum: 1, maximum: LIMITS.maxPaths, default: 3, description: 'How many paths at most.' }),
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
    document: Type.Optional({ ...Slug, description: 'Only entities this document defines.' }),
    limit: Limit(LIMITS.searchResults, 10),
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
    document: Type.Optional({ ...Slug, description: 'Only events this document defines and relations it states.' }),
    limit: Limit(LIMITS.timelinePage, 50),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuery>;

export const StatsQuery = Type.Object(
  { top: IntParam({ minimum: 1, maximum: LIMITS.statsTop, default: 10, description: 'How many most-connected entities.' }) },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuery>;

export const DocumentIdParams = Type.Object({ id: { ...Slug, description: 'Document id.', examples: ['stratfor-2014-04-23-china-japan-city-diplomacy'] } }, { additionalProperties: false });
export type DocumentIdParams = Static<typeof DocumentIdParams>;
