/** The graph's domain objects as the stores return them and the API serialises them. */
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
  TimeMatchSchema,
  TimeStatusSchema,
} from './common';

export const Evidence = Type.Object(
  { document: Slug, ...SpanFields },
  {
    additionalProperties: false,
    description: 'Where the source says it: verify by hashing text[start:end] of the document.',
  },
);
export type Evidence = Static<typeof Evidence>;

export const Assertion = Type.Object(
  {
    document: Slug,
    assertedBy: { ...Slug, description: 'Entity id of who asserts the statement in this document.' },
    modality: ModalitySchema,
  },
  { additionalProperties: false, description: 'One document’s assertion of a relation.' },
);
export type Assertion = Static<typeof Assertion>;

export const EntityRef = Type.Object(
  { id: Slug, name: Type.String(), kind: EntityKindSchema, subtype: EntitySubtypeSchema },
  { additionalProperties: false },
);
export type EntityRef = Static<typeof EntityRef>;

export const EntitySummary = Type.Object(
  {
    id: Slug,
    kind: EntityKindSchema,
    subtype: EntitySubtypeSchema,
    name: Type.String(),
    aliases: Type.Array(Type.String({ description: 'A name the source uses.' })),
    outsideAliases: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'Names the source does not use but analysts type (e.g. "LDP", "US"): outside knowledge, searched like aliases. Absent when there are none.',
      }),
    ),
    summary: Type.String({ description: 'One line in our own words.' }),
    wikidata: Type.Optional(Type.String({ description: 'Wikidata item id (outside knowledge, not from the source).' })),
    time: Type.Optional(TimeStatusSchema),
    validFrom: Type.Optional(PartialDate),
    validTo: Type.Optional(PartialDate),
    ongoing: Type.Optional(Ongoing),
  },
  { additionalProperties: false },
);
export type EntitySummary = Static<typeof EntitySummary>;

export const RelationCount = Type.Object(
  { type: RelationTypeSchema, direction: Type.Enum(['out', 'in']), count: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type RelationCount = Static<typeof RelationCount>;

export const EntityDetail = Type.Object(
  {
    ...EntitySummary.properties,
    mentions: Type.Array(Evidence, { description: 'Where the sources name this entity.' }),
    documents: Type.Array(Slug, { description: 'The documents that define this entity (by id).' }),
    relationCounts: Type.Array(RelationCount, { description: 'Sorted by type, then direction.' }),
  },
  { additionalProperties: false, description: 'An entity with where the sources name it and its relation counts.' },
);
export type EntityDetail = Static<typeof EntityDetail>;

export const Relation = Type.Object(
  {
    id: Slug,
    type: RelationTypeSchema,
    subject: EntityRef,
    object: EntityRef,
    role: Type.Optional(Type.String()),
    time: TimeStatusSchema,
    validFrom: Type.Optional(PartialDate),
    validTo: Type.Optional(PartialDate),
    ongoing: Type.Optional(Ongoing),
    timeMatch: Type.Optional(TimeMatchSchema),
    requestedEnd: Type.Optional(
      Type.Enum(['subject', 'object'], {
        description: 'Which stored end is the requested entity: in the relations of an entity, or with a `subject` / `object` filter (the `subject` entity first). A symmetric type matches either orientation, so the entity asked for as subject may be the stored object.',
      }),
    ),
    assertedBy: EntityRef,
    modality: ModalitySchema,
    summary: Type.String({ description: 'One line in our own words.' }),
    outsideKnowledge: Type.Optional(
      Type.Boolean({
        description:
          'Present (always true) when the relation is curated from certain outside knowledge, not stated by the source; ' +
          'the evidence then points at where the source relies on or implies it. Absent: the source states or asserts it.',
      }),
    ),
    evidence: Type.Array(Evidence),
    documents: Type.Array(Slug, { description: 'The documents that state this relation (by id); the fields above come from the first.' }),
    assertions: Type.Array(Assertion, { description: 'Who asserts it and how, per document (ordered by document).' }),
  },
  { additionalProperties: false, description: 'A statement: subject, type, object, dates, evidence, who asserts it and how.' },
);
export type Relation = Static<typeof Relation>;

export const DocumentInfo = Type.Object(
  {
    id: Slug,
    title: Type.String(),
    publisher: EntityRef,
    published: PartialDate,
    sha256: Sha256,
    characters: Type.Integer(),
    paragraphs: Type.Integer(),
    sourceFile: Type.String(),
    entityCount: Type.Integer({ description: 'Entities with at least one mention in this document.' }),
    relationCount: Type.Integer({ description: 'Relations with evidence in this document.' }),
    version: Type.Optional(Type.String({ description: 'The document’s version: its ETag without the quotes.' })),
    author: Type.Optional(Type.String({ description: 'Name of the API key that wrote it (absent when loaded by the seed CLI).' })),
    spansVerified: Type.Optional(
      Type.Boolean({ description: 'Written over the API: true when every span was checked against the source text sent with it, false when accepted as given.' }),
    ),
  },
  { additionalProperties: false, description: 'A source document and what the graph holds from it.' },
);
export type DocumentInfo = Static<typeof DocumentInfo>;

export const Subgraph = Type.Object(
  {
    nodes: Type.Array(EntitySummary),
    edges: Type.Array(Relation),
    truncated: Type.Boolean({ description: 'True when the node or edge budget cut the result.' }),
  },
  { additionalProperties: false, description: 'Nodes and the relations among them.' },
);
export type Subgraph = Static<typeof Subgraph>;

export const PathHop = Type.Object(
  {
    from: Slug,
    to: Slug,
    direction: Type.Enum(['forward', 'backward'], {
      description: 'forward: the hop follows the relation from subject to object.',
    }),
    relation: Relation,
  },
  { additionalProperties: false },
);
export const Path = Type.Object(
  { length: Type.Integer({ minimum: 1 }), nodes: Type.Array(EntitySummary), hops: Type.Array(PathHop) },
  { additionalProperties: false },
);
export type Path = Static<typeof Path>;

export const SearchHit = Type.Object(
  { entity: EntitySummary, score: Type.Number({ description: 'Relevance; higher is better. Comparable within one response only.' }) },
  { additionalProperties: false },
);
export type SearchHit = Static<typeof SearchHit>;

export const TimelineItem = Type.Object(
  {
    itemType: Type.Enum(['event', 'relation']),
    id: Slug,
    date: { ...PartialDate, description: 'Where the item sits on the timeline: its validFrom, or its validTo when only the end is known (see `anchor`).' },
    anchor: Type.Enum(['start', 'end'], { description: 'start: `date` is when it began; end: only its end is known and `date` is that end.' }),
    endDate: Type.Optional({ ...PartialDate, description: 'validTo, when `date` is the start and the end is known.' }),
    timeMatch: Type.Optional(TimeMatchSchema),
    label: Type.String({ description: 'The event name or the relation summary.' }),
    entity: Type.Optional(EntitySummary),
    relation: Type.Optional(Relation),
  },
  { additionalProperties: false },
);
export type TimelineItem = Static<typeof TimelineItem>;

const Count = Type.Integer({ minimum: 0 });
export const SchemaInfo = Type.Object(
  {
    kinds: Type.Array(
      Type.Object(
        {
          kind: EntityKindSchema,
          count: Count,
          subtypes: Type.Array(Type.Object({ subtype: EntitySubtypeSchema, count: Count }, { additionalProperties: false })),
        },
        { additionalProperties: false },
      ),
    ),
    relationTypes: Type.Array(
      Type.Object(
        {
          type: RelationTypeSchema,
          description: Type.String(),
          subjectKinds: Type.Array(EntityKindSchema),
          objectKinds: Type.Array(EntityKindSchema),
          symmetric: Type.Boolean(),
          count: Count,
        },
        { additionalProperties: false },
      ),
    ),
    modalities: Type.Array(
      Type.Object({ modality: ModalitySchema, description: Type.String(), count: Count }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false, description: 'The vocabulary with counts.' },
);
export type SchemaInfo = Static<typeof SchemaInfo>;

export const Stats = Type.Object(
  {
    entities: Type.Object({ total: Count, byKind: Type.Record(Type.String(), Count) }, { additionalProperties: false }),
    relations: Type.Object({ total: Count, byType: Type.Record(Type.String(), Count) }, { additionalProperties: false }),
    documents: Count,
    mostConnected: Type.Array(
      Type.Object({ entity: EntitySummary, degree: Count }, { additionalProperties: false }),
      { description: 'Entities by number of relations (either direction), ties by id.' },
    ),
  },
  { additionalProperties: false, description: 'Counts and the most connected entities.' },
);
export type Stats = Static<typeof Stats>;
