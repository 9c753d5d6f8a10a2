/**
 * JSON-LD (schema.org + our vocabulary), one document with an inline @context and a streamed @graph.
 * - Entities: schema.org Person / Organization / Place / Event with name, alternateName, description,
 *   sameAs (Wikidata), kg:kind, kg:subtype; events have startDate/endDate, others kg:validFrom/validTo.
 * - MEMBER_OF and HOLDS_OFFICE: the schema.org Role pattern. The relation is a Role (OrganizationRole
 *   when the object is an organization) between subject and object: subject -memberOf-> role -memberOf->
 *   organization (kg:HOLDS_OFFICE for offices), with roleName, startDate, endDate.
 * - Every other relation: the direct triple (subject kg:<TYPE> object) plus an rdf:Statement reifying it.
 * Roles and statements carry kg:relationType, description, kg:modality, kg:assertedBy and kg:evidence,
 * and kg:outsideKnowledge true when the relation is curated from outside knowledge (not stated by the source).
 */
import type { Readable } from 'node:stream';
import type { EntitySummary, Evidence, Relation } from '../schemas/domain';
import type { EntityKind } from '../schemas/vocabulary';
import { textStream, type ExportInput } from './stream';

export const VOCAB = 'urn:kg-api:vocab:';

export const CONTEXT = {
  '@vocab': 'https://schema.org/',
  schema: 'https://schema.org/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  kg: VOCAB,
  kge: 'urn:kg-api:entity:',
  kgr: 'urn:kg-api:relation:',
  kgd: 'urn:kg-api:document:',
  wd: 'http://www.wikidata.org/entity/',
  sameAs: { '@id': 'schema:sameAs', '@type': '@id' },
  memberOf: { '@id': 'schema:memberOf', '@type': '@id' },
  alternateName: { '@id': 'schema:alternateName', '@container': '@set' },
  kind: 'kg:kind',
  subtype: 'kg:subtype',
  validFrom: 'kg:validFrom',
  validTo: 'kg:validTo',
  relationType: 'kg:relationType',
  role: 'kg:role',
  modality: 'kg:modality',
  assertedBy: { '@id': 'kg:assertedBy', '@type': '@id' },
  outsideKnowledge: 'kg:outsideKnowledge',
  evidence: { '@id': 'kg:evidence', '@container': '@set' },
  Evidence: 'kg:Evidence',
  document: { '@id': 'kg:document', '@type': '@id' },
  paragraph: 'kg:paragraph',
  start: 'kg:start',
  end: 'kg:end',
  sha256: 'kg:sha256',
  Statement: 'rdf:Statement',
  subject: { '@id': 'rdf:subject', '@type': '@id' },
  predicate: { '@id': 'rdf:predicate', '@type': '@id' },
  object: { '@id': 'rdf:object', '@type': '@id' },
};

const SCHEMA_TYPE: Record<EntityKind, string> = { person: 'Person', organization: 'Organization', place: 'Place', event: 'Event' };
/** Relation types written as schema.org Roles, and the property on both sides of the role. */
const ROLE_PROPERTY: Partial<Record<Relation['type'], string>> = { MEMBER_OF: 'memberOf', HOLDS_OFFICE: 'kg:HOLDS_OFFICE' };

export const entityIri = (id: string) => `kge:${id}`;
export const relationIri = (id: string) => `kgr:${id}`;

export function entityNode(e: EntitySummary) {
  const dates = e.kind === 'event' ? { startDate: e.validFrom, endDate: e.validTo } : { validFrom: e.validFrom, validTo: e.validTo };
  return {
    '@id': entityIri(e.id),
    '@type': SCHEMA_TYPE[e.kind],
    name: e.name,
    alternateName: e.aliases,
    description: e.summary,
    kind: e.kind,
    subtype: e.subtype,
    ...(e.wikidata ? { sameAs: `wd:${e.wikidata}` } : {}),
    ...dates,
  };
}

const evidenceNode = (e: Evidence) => ({
  '@type': 'Evidence',
  document: `kgd:${e.document}`,
  paragraph: e.paragraph,
  start: e.start,
  end: e.end,
  sha256: e.sha256,
});

/** The node objects one relation becomes (two: the link from the subject and the role or statement). */
export function relationNodes(r: Relation): object[] {
  const attribution = {
    relationType: r.type,
    description: r.summary,
    modality: r.modality,
    assertedBy: entityIri(r.assertedBy.id),
    ...(r.outsideKnowledge ? { outsideKnowledge: true } : {}),
    evidence: r.evidence.map(evidenceNode),
  };
  const subject = entityIri(r.subject.id);
  const object = entityIri(r.object.id);
  const roleProperty = ROLE_PROPERTY[r.type];
  if (roleProperty) {
    const link = { '@id': relationIri(r.id) };
    const role = {
      '@id': relationIri(r.id),
      '@type': r.object.kind === 'organization' ? 'OrganizationRole' : 'Role',
      [roleProperty]: { '@id': object },
      roleName: r.role,
      startDate: r.validFrom,
      endDate: r.validTo,
      ...attribution,
    };
    return [{ '@id': subject, [roleProperty]: link }, role];
  }
  const statement = {
    '@id': relationIri(r.id),
    '@type': 'Statement',
    subject,
    predicate: `kg:${r.type}`,
    object,
    role: r.role,
    validFrom: r.validFrom,
    validTo: r.validTo,
    ...attribution,
  };
  return [{ '@id': subject, [`kg:${r.type}`]: { '@id': object } }, statement];
}

export function writeJsonld(input: ExportInput): Readable {
  async function* text() {
    yield `{"@context":${JSON.stringify(CONTEXT)},\n"@graph":[`;
    let sep = '\n';
    for await (const node of input.nodes()) {
      yield `${sep}${JSON.stringify(entityNode(node))}`;
      sep = ',\n';
    }
    for await (const edge of input.edges()) {
      for (const item of relationNodes(edge)) {
        yield `${sep}${JSON.stringify(item)}`;
        sep = ',\n';
      }
    }
    yield '\n]}\n';
  }
  return textStream(text());
}
