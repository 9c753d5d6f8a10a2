/** The querystring every export endpoint takes: which part of the graph to export. */
import { Type, type Static } from 'typebox';
import { EntityKindSchema, RelationTypeSchema, Slug } from './common';
import { TimeParams } from './api';
import { LIMITS } from './limits';
import { IntParam } from './params';

export const ExportQuery = Type.Object(
  {
    entity: Type.Optional({
      ...Slug,
      description: `Export only the neighbourhood of this entity (within \`depth\` hops, at most ${LIMITS.maxNodes} nodes); omit it for the whole graph.`,
      examples: ['yoichi-masuzoe'],
    }),
    depth: Type.Optional(
      IntParam({ minimum: 1, maximum: LIMITS.maxDepth, default: 1, description: `Hops from \`entity\` (1–${LIMITS.maxDepth}, default 1); ignored without \`entity\`.` }),
    ),
    type: Type.Optional(
      Type.Array(RelationTypeSchema, { maxItems: LIMITS.filterValues, description: 'Keep only relations of these types (repeat the parameter for several).' }),
    ),
    kind: Type.Optional(
      Type.Array(EntityKindSchema, { maxItems: LIMITS.filterValues, description: 'Keep only entities of these kinds, and the relations whose both ends are kept.' }),
    ),
    ...TimeParams,
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;
