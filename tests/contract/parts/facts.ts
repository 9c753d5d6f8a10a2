/**
 * Facts about the synthetic fixture (tests/fixtures/spec.ts), worked out by hand from its design:
 * the contract compares every store with these, never with another store's output.
 *
 * The fixture graph (undirected view, relation ids on the edges):
 *
 *   ember-reach (no relations)        oswin-quillfeather --quillfeather-writes-for-gazette-- harbor-gazette
 *
 *   civic-union-party (self-loop civic-union-infighting) --roth-member-of-civic-union-- anika-roth   (outsideKnowledge: true, the only one)
 *   civic-union-party --civic-union-in-2012-election-- vardania-election
 *   anika-roth ==roth-met-okafor / roth-met-okafor-again== bren-okafor      (two parallel MET)
 *   anika-roth --roth-at-halden-summit-- halden-summit --okafor-at-halden-summit-- bren-okafor
 *   anika-roth --roth-president-of-vardania-- vardania
 *   bren-okafor --okafor-minister-of-kestovar-- kestovar ; bren-okafor --okafor-visited-port-halden-- port-halden
 *   vardania ==vardania-engages-kestovar (out) / kestovar-rival-of-vardania (in)== kestovar
 *   vardania --vardania-disputes-tarvos-- tarvos-islands --kestovar-disputes-tarvos-- kestovar
 *   tarvos-islands --tarvos-in-gray-sea-- gray-sea --gray-tide-in-gray-sea-- gray-tide-exercise
 *   gray-tide-exercise --navy-in-gray-tide-- vardanian-navy --navy-part-of-vardania-- vardania
 *   kestovar --kestovar-plans-talks-- islands-talks --talks-target-tarvos-- tarvos-islands
 *   vardania --vardania-joins-compact / compact-backs-vardania-- northern-compact
 *   port-halden --port-halden-in-vardania-- vardania ; halden-summit --summit-in-port-halden-- port-halden
 *   port-halden --port-halden-hosted-visit-- okafor-visit
 */
export const ENTITY_IDS = [
  'anika-roth', 'bren-okafor', 'civic-union-party', 'ember-reach', 'gray-sea', 'gray-tide-exercise',
  'halden-summit', 'harbor-gazette', 'islands-talks', 'kestovar', 'northern-compact', 'okafor-visit',
  'oswin-quillfeather', 'port-halden', 'tarvos-islands', 'vardania', 'vardania-election', 'vardanian-navy',
];

export const RELATION_IDS = [
  'civic-union-in-2012-election', 'civic-union-infighting', 'compact-backs-vardania', 'gray-tide-in-gray-sea',
  'kestovar-disputes-tarvos', 'kestovar-plans-talks', 'kestovar-rival-of-vardania', 'navy-in-gray-tide',
  'navy-part-of-vardania', 'okafor-at-halden-summit', 'okafor-minister-of-kestovar', 'okafor-visited-port-halden',
  'port-halden-hosted-visit', 'port-halden-in-vardania', 'quillfeather-writes-for-gazette', 'roth-at-halden-summit',
  'roth-member-of-civic-union', 'roth-met-okafor', 'roth-met-okafor-again', 'roth-president-of-vardania',
  'summit-in-port-halden', 'talks-target-tarvos', 'tarvos-in-gray-sea', 'vardania-disputes-tarvos',
  'vardania-engages-kestovar', 'vardania-joins-compact',
];

export const REF = {
  anika: { id: 'anika-roth', name: 'Anika Roth', kind: 'person', subtype: 'politician' },
  vardania: { id: 'vardania', name: 'Vardania', kind: 'place', subtype: 'country' },
  gazette: { id: 'harbor-gazette', name: 'Harbor Gazette', kind: 'organization', subtype: 'news-publisher' },
  oswin: { id: 'oswin-quillfeather', name: 'Oswin Quillfeather', kind: 'person', subtype: 'journalist' },
  kestovar: { id: 'kestovar', name: 'Kestovar', kind: 'place', subtype: 'country' },
} as const;

/**
 * Every item with a date in timeline order: (placement day, coarser precision first, events before
 * relations, id). An item is placed at its validFrom, or at its validTo when only the end is known.
 */
export const TIMELINE_ALL = [
  'kestovar-disputes-tarvos', // 1999
  'vardania-joins-compact', // 2010-05-01
  'vardania-election', // event 2012 (before the relation of the same year)
  'civic-union-in-2012-election', // 2012 (a one-off: only a start)
  'roth-president-of-vardania', // 2012-06
  'civic-union-infighting', // 2013
  'gray-tide-exercise', // event 2013-11
  'navy-in-gray-tide', // 2013-11
  'okafor-minister-of-kestovar', // only an end: 2014-02
  'vardania-engages-kestovar', // 2014-03 (month before the day 2014-03-01)
  'compact-backs-vardania', // 2014-03-01
  'halden-summit', // event 2014-03-15
  'okafor-at-halden-summit',
  'roth-at-halden-summit',
  'roth-met-okafor',
  'okafor-visit', // event 2014-04-22
  'okafor-visited-port-halden',
  'port-halden-hosted-visit',
  'roth-met-okafor-again', // 2014-04-23
  'islands-talks', // event 2014-06
  'kestovar-plans-talks', // 2014-06
];

/** Relation degree of each entity (a self-loop counts once), in mostConnected order. */
export const DEGREES: Array<[string, number]> = [
  ['vardania', 8],
  ['anika-roth', 5], ['bren-okafor', 5], ['kestovar', 5],
  ['port-halden', 4], ['tarvos-islands', 4],
  ['civic-union-party', 3], ['halden-summit', 3],
  ['gray-sea', 2], ['gray-tide-exercise', 2], ['islands-talks', 2], ['northern-compact', 2], ['vardanian-navy', 2],
  ['harbor-gazette', 1], ['okafor-visit', 1], ['oswin-quillfeather', 1], ['vardania-election', 1],
  ['ember-reach', 0],
];

export const KIND_COUNTS = { person: 3, organization: 4, place: 6, event: 5 };
export const SUBTYPE_COUNTS: Record<string, number> = {
  'person/politician': 1, 'person/official': 1, 'person/journalist': 1,
  'organization/political-party': 1, 'organization/military': 1, 'organization/international-organization': 1, 'organization/news-publisher': 1,
  'place/country': 2, 'place/city': 1, 'place/island-group': 1, 'place/sea': 1, 'place/region': 1,
  'event/visit': 1, 'event/meeting': 1, 'event/election': 1, 'event/negotiation': 1, 'event/exercise': 1,
};
export const TYPE_COUNTS: Record<string, number> = {
  DISPUTES: 2, ENGAGED_WITH: 1, HOLDS_OFFICE: 3, HOSTED: 1, INITIATED: 1, LOCATED_IN: 4, MEMBER_OF: 2, MET: 2,
  OPPOSED: 1, PARTICIPATED_IN: 4, PART_OF: 1, RIVAL_OF: 1, SUPPORTED: 1, TARGETS: 1, VISITED: 1,
};
export const MODALITY_COUNTS = { stated: 21, assessment: 2, attributed: 2, intention: 1 };
