/** The on-disk seed bundle: one source document with the entities and relations curated from it. */
import { Type, type Static } from 'typebox';
import {
  EntityKindSchema,
  EntitySubtypeSchema,
  ModalitySchema,
  Ongoing,
  PartialDate,
  RelationTypeSchema,
  Sha256,
  Slug,
  SpanFields,
  TimeStatusSchema,
  WIKIDATA_ID_PATTERN,
} from './common';

const Span = Type.Object(SpanFields, { additionalProperties: false });
export type BundleSpan = Static<typeof Span>;

const BundleDocument = Type.Object(
  {
    id: Slug,
    title: Type.String({ minLength: 1 }),
    publisher: Slug,
    published: PartialDate,
    sha256: Sha256,
    characters: Type.Integer({ minimum: 1 }),
    paragraphs: Type.Integer({ minimum: 1 }),
    sourceFile: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

const BundleEntity = Type.Object(
  {
    id: Slug,
    kind: EntityKindSchema,
    subtype: EntitySubtypeSchema,
    name: Type.String({ minLength: 1 }),
    aliases: Type.Array(Type.String({ minLength: 1 })),
    /**
     * Names the source does not use but analysts type (short forms such as "LDP", "US", "PRC"),
     * curated from certain outside knowledge. Searched like aliases; kept apart so that `aliases`
     * stays what the source says. Left out when there are none.
     */
    outsideAliases: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    summary: Type.String({ minLength: 1 }),
    wikidata: Type.Optional(Type.String({ pattern: WIKIDATA_ID_PATTERN })),
    /** Required on events (the validator checks it); optional on other kinds. */
    time: Type.Optional(TimeStatusSchema),
    validFrom: Type.Optional(PartialDate),
    validTo: Type.Optional(PartialDate),
    ongoing: Type.Optional(Ongoing),
    mentions: Type.Array(Span),
  },
  { additionalProperties: false },
);
export type BundleEntity = Static<typeof BundleEntity>;

const BundleRelation = Type.Object(
  {
    id: Slug,
    type: RelationTypeSchema,
    subject: Slug,
    object: Slug,
    role: Type.Optional(Type.String({ minLength: 1 })),
    /** Required; the validator also checks that the dates agree with it (src/graph/rules/time.ts). */
    time: TimeStatusSchema,
    validFrom: Type.Optional(PartialDate),
    validTo: Type.Optional(PartialDate),
    ongoing: Type.Optional(Ongoing),
    assertedBy: Slug,
    modality: ModalitySchema,
    summary: Type.String({ minLength: 1 }),
    /**
     * true: curated from certain outside knowledge, not stated by the source; the evidence points at
     * where the source relies on or implies it. Only `true` is accepted: a relation from the source
     * leaves the field out, so there is one spelling for each case.
     */
    outsideKnowledge: Type.Optional(Type.Literal(true)),
    evidence: Type.Array(Span, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type BundleRelation = Static<typeof BundleRelation>;

export const BundleSchema = Type.Object(
  {
    bundleVersion: Type.Literal(1),
    document: BundleDocument,
    entities: Type.Array(BundleEntity),
    relations: Type.Array(BundleRelation),
  },
  { additionalProperties: false },
);
export type Bundle = Static<typeof BundleSchema>;
