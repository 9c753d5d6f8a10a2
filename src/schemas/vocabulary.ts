/**
 * The closed vocabulary of the graph: entity kinds and subtypes, relation types, modalities.
 * Everything that becomes a Neo4j label, relationship type or filter value comes from here,
 * never from raw input. docs/data-model.md explains each entry with an example.
 */

export const ENTITY_KINDS = ['person', 'organization', 'place', 'event'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const ENTITY_SUBTYPES = {
  person: ['politician', 'official', 'activist', 'businessperson', 'journalist'],
  organization: [
    'political-party',
    'government-body',
    'local-government',
    'military',
    'international-organization',
    'non-governmental-organization',
    'militant-group',
    'news-publisher',
    'industry-sector',
    'group-of-countries',
  ],
  place: ['country', 'city', 'island-group', 'sea', 'region', 'airspace-zone'],
  event: [
    'visit',
    'meeting',
    'election',
    'sporting-event',
    'negotiation',
    'policy-act',
    'crisis',
    'campaign',
    'exercise',
    'conference',
    'period',
    'speech',
    'war',
  ],
} as const satisfies Record<EntityKind, readonly string[]>;
export type EntitySubtype = (typeof ENTITY_SUBTYPES)[EntityKind][number];
export const ALL_SUBTYPES = [...new Set(Object.values(ENTITY_SUBTYPES).flat())] as EntitySubtype[];

interface RelationTypeInfo {
  readonly description: string;
  readonly subject: readonly EntityKind[];
  readonly object: readonly EntityKind[];
  /** true when A->B implies B->A (traversals may ignore direction). */
  readonly symmetric: boolean;
}

export const RELATION_TYPES = {
  HOLDS_OFFICE: {
    description: 'The subject holds (or held) a post in or over the object; `role` names the post.',
    subject: ['person'],
    object: ['organization', 'place'],
    symmetric: false,
  },
  MEMBER_OF: {
    description: 'The subject belongs to the object (a party, a bloc, a body).',
    subject: ['person', 'organization', 'place'],
    object: ['organization'],
    symmetric: false,
  },
  FOUNDED: {
    description: 'The subject started or founded the object.',
    subject: ['person', 'organization'],
    object: ['organization', 'event'],
    symmetric: false,
  },
  CHILD_OF: {
    description: 'The subject is a child of the object.',
    subject: ['person'],
    object: ['person'],
    symmetric: false,
  },
  FRIEND_OF: {
    description: 'The subject and the object are friends.',
    subject: ['person'],
    object: ['person'],
    symmetric: true,
  },
  MET: {
    description: 'The subject met the object (a meeting, a summit, talks).',
    subject: ['person', 'organization'],
    object: ['person', 'organization'],
    symmetric: true,
  },
  VISITED: {
    description: 'The subject travelled to the object.',
    subject: ['person', 'organization'],
    object: ['place'],
    symmetric: false,
  },
  HOSTED: {
    description: 'The subject hosted or staged the object (an event, talks, games).',
    subject: ['person', 'organization', 'place'],
    object: ['event'],
    symmetric: false,
  },
  PARTICIPATED_IN: {
    description: 'The subject took part in the object (an event, talks, an exercise); `role` may say how.',
    subject: ['person', 'organization', 'place'],
    object: ['event'],
    symmetric: false,
  },
  LOCATED_IN: {
    description: 'The subject lies in, or took place in, the object.',
    subject: ['place', 'event', 'organization'],
    object: ['place'],
    symmetric: false,
  },
  PART_OF: {
    description: 'The subject is a component of the object (a ministry of a government, a force of a state).',
    subject: ['organization', 'place', 'event'],
    object: ['organization', 'place', 'event'],
    symmetric: false,
  },
  DISPUTES: {
    description: 'The subject contests sovereignty over the object (a territory) or with the object (a rival claimant).',
    subject: ['place', 'organization'],
    object: ['place'],
    symmetric: false,
  },
  ALLIED_WITH: {
    description: 'The subject and the object are allies or aligned.',
    subject: ['place', 'organization', 'person'],
    object: ['place', 'organization', 'person'],
    symmetric: true,
  },
  RIVAL_OF: {
    description: 'The subject and the object are rivals or compete.',
    subject: ['place', 'organization', 'person'],
    object: ['place', 'organization', 'person'],
    symmetric: true,
  },
  OPPOSED: {
    description: 'The subject opposed or acted against the object (a person, a policy, a state).',
    subject: ['person', 'organization', 'place'],
    object: ['person', 'organization', 'place', 'event'],
    symmetric: false,
  },
  SUPPORTED: {
    description: 'The subject backed or helped (or, for an event, benefited) the object.',
    subject: ['person', 'organization', 'place', 'event'],
    object: ['person', 'organization', 'place', 'event'],
    symmetric: false,
  },
  INITIATED: {
    description: 'The subject launched, declared or carried out the object (a policy act, a campaign, a purchase).',
    subject: ['person', 'organization', 'place'],
    object: ['event'],
    symmetric: false,
  },
  TARGETS: {
    description: 'The object is what the subject (an event, a policy act, a campaign) is about or aimed at.',
    subject: ['event'],
    object: ['person', 'organization', 'place', 'event'],
    symmetric: false,
  },
  IN_CONFLICT_WITH: {
    description: 'The subject and the object are in an armed or open struggle.',
    subject: ['place', 'organization'],
    object: ['place', 'organization'],
    symmetric: true,
  },
  ENGAGED_WITH: {
    description: 'The subject reached out to or improved relations with the object (diplomatic, economic or defence ties).',
    subject: ['person', 'organization', 'place'],
    object: ['person', 'organization', 'place'],
    symmetric: false,
  },
  WITHDREW_FROM: {
    description: 'The subject withdrew its forces or presence from the object.',
    subject: ['place', 'organization'],
    object: ['place'],
    symmetric: false,
  },
  GOVERNS: {
    description: 'The subject (a party or an administration) is in power in the object (a state or its government).',
    subject: ['organization'],
    object: ['organization', 'place'],
    symmetric: false,
  },
  INDEPENDENT_OF: {
    description: 'The subject keeps its distance from, or acts independently of, the object (a party, a government).',
    subject: ['person', 'organization', 'place'],
    object: ['person', 'organization', 'place'],
    symmetric: false,
  },
  ASSOCIATED_WITH: {
    description: 'The subject and the object have ties or connections (short of an alliance or friendship).',
    subject: ['person', 'organization'],
    object: ['person', 'organization'],
    symmetric: true,
  },
  EMULATES: {
    description: 'The subject borrows the strategy of, or follows the example set by, the object.',
    subject: ['person', 'organization', 'place'],
    object: ['person', 'organization', 'place'],
    symmetric: false,
  },
  LED_TO: {
    description: 'The subject (an event or act) caused, sparked or forced the object (a later event or act).',
    subject: ['event'],
    object: ['event'],
    symmetric: false,
  },
} as const satisfies Record<string, RelationTypeInfo>;
export type RelationType = keyof typeof RELATION_TYPES;
export const RELATION_TYPE_NAMES = Object.keys(RELATION_TYPES) as RelationType[];

export const MODALITIES = {
  stated: 'Stated as fact by the source.',
  assessment: "The source's own analysis, judgement or forecast.",
  attributed: 'A claim, belief or fear the source attributes to a named party (assertedBy).',
  intention: 'An intention, plan or announced future action of the subject.',
  possibility:
    "Something the source says could or may hold or happen (could, may, is positioned to), not that it does: the source's estimate of a possibility.",
} as const;
export type Modality = keyof typeof MODALITIES;
export const MODALITY_NAMES = Object.keys(MODALITIES) as Modality[];

