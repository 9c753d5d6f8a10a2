// JSON-LD export, expanded offline with the jsonld library (the @context is inline; any remote load fails the test).
import jsonld from 'jsonld';
import type { Relation } from '../../src/schemas/domain';
import { describeStores, download, expectedScope } from './support';

const SCHEMA = 'https://schema.org/';
const KG = 'urn:kg-api:vocab:';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const entityIri = (id: string) => `urn:kg-api:entity:${id}`;
const relationIri = (id: string) => `urn:kg-api:relation:${id}`;

type Node = Record<string, unknown> & { '@id'?: string; '@type'?: string[] };
const noRemote = { documentLoader: async (url: string) => Promise.reject(new Error(`remote context load: ${url}`)) };

/** The single value of an expanded property (`@value` or `@id`), or undefined. */
function one(node: Node, iri: string): unknown {
  const values = node[iri] as Array<{ '@value'?: unknown; '@id'?: string }> | undefined;
  if (!values) return undefined;
  expect(values).toHaveLength(1);
  return values[0]!['@id'] ?? values[0]!['@value'];
}

const ENTITY_TYPES: Record<string, string> = { person: 'Person', organization: 'Organization', place: 'Place', event: 'Event' };

describeStores('GET /export/jsonld', (target) => {
  test('expands to exactly one schema.org node per entity and one Role or Statement per relation, attribution kept', async () => {
    const { app, store } = target();
    const expected = await expectedScope(store);
    const res = await download(app, '/export/jsonld');
    expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kg-graph.jsonld"');
    const expanded = (await jsonld.expand(res.json(), noRemote as jsonld.Options.Expand)) as Node[];

    const entities = expanded.filter((n) => n['@type']?.some((t) => Object.values(ENTITY_TYPES).map((x) => SCHEMA + x).includes(t)));
    const statements = expanded.filter((n) => n['@type']?.some((t) => [`${RDF}Statement`, `${SCHEMA}Role`, `${SCHEMA}OrganizationRole`].includes(t)));
    expect(entities).toHaveLength(expected.nodes.size);
    expect(statements).toHaveLength(expected.edges.size);

    for (const node of entities) {
      const id = node['@id']!.replace('urn:kg-api:entity:', '');
      const e = expected.nodes.get(id)!;
      expect(node['@type']).toEqual([SCHEMA + ENTITY_TYPES[e.kind]]);
      expect(one(node, `${SCHEMA}name`)).toBe(e.name);
      expect(one(node, `${SCHEMA}description`)).toBe(e.summary);
      expect(one(node, `${KG}subtype`)).toBe(e.subtype);
      expect(((node[`${SCHEMA}alternateName`] ?? []) as Array<{ '@value': string }>).map((v) => v['@value'])).toEqual(e.aliases);
      expect(one(node, `${SCHEMA}sameAs`)).toBe(e.wikidata ? `http://www.wikidata.org/entity/${e.wikidata}` : undefined);
      const [from, to] = e.kind === 'event' ? [`${SCHEMA}startDate`, `${SCHEMA}endDate`] : [`${KG}validFrom`, `${KG}validTo`];
      expect([one(node, from), one(node, to)]).toEqual([e.validFrom, e.validTo]);
    }

    const links = expanded.filter((n) => !n['@type']);
    for (const node of statements) {
      const r = expected.edges.get(node['@id']!.replace('urn:kg-api:relation:', '')) as Relation;
      expect(one(node, `${KG}relationType`)).toBe(r.type);
      expect(one(node, `${KG}modality`)).toBe(r.modality);
      expect(one(node, `${KG}assertedBy`)).toBe(entityIri(r.assertedBy.id));
      expect(one(node, `${SCHEMA}description`)).toBe(r.summary);
      expect(one(node, `${KG}outsideKnowledge`)).toBe(r.outsideKnowledge);
      const evidence = (node[`${KG}evidence`] as Node[]).map((ev) => ({
        document: one(ev, `${KG}document`),
        paragraph: one(ev, `${KG}paragraph`),
        start: one(ev, `${KG}start`),
        end: one(ev, `${KG}end`),
        sha256: one(ev, `${KG}sha256`),
      }));
      expect(evidence).toEqual(r.evidence.map((ev) => ({ ...ev, document: `urn:kg-api:document:${ev.document}` })));

      const roleProperty = r.type === 'MEMBER_OF' ? `${SCHEMA}memberOf` : r.type === 'HOLDS_OFFICE' ? `${KG}HOLDS_OFFICE` : undefined;
      if (roleProperty) {
        // schema.org Role pattern: subject -p-> role -p-> object, the role dated and named.
        expect(node['@type']).toEqual([SCHEMA + (r.object.kind === 'organization' ? 'OrganizationRole' : 'Role')]);
        expect(one(node, roleProperty)).toBe(entityIri(r.object.id));
        expect([one(node, `${SCHEMA}startDate`), one(node, `${SCHEMA}endDate`), one(node, `${SCHEMA}roleName`)]).toEqual([r.validFrom, r.validTo, r.role]);
        expect(links.some((l) => l['@id'] === entityIri(r.subject.id) && one(l, roleProperty) === relationIri(r.id))).toBe(true);
      } else {
        expect(node['@type']).toEqual([`${RDF}Statement`]);
        expect([one(node, `${RDF}subject`), one(node, `${RDF}predicate`), one(node, `${RDF}object`)]).toEqual([
          entityIri(r.subject.id),
          `${KG}${r.type}`,
          entityIri(r.object.id),
        ]);
        expect([one(node, `${KG}validFrom`), one(node, `${KG}validTo`), one(node, `${KG}role`)]).toEqual([r.validFrom, r.validTo, r.role]);
        expect(links.some((l) => l['@id'] === entityIri(r.subject.id) && (l[`${KG}${r.type}`] as Node[] | undefined)?.[0]?.['@id'] === entityIri(r.object.id))).toBe(true);
      }
    }
    expect(statements.some((n) => n['@type']![0] !== `${RDF}Statement`)).toBe(true);
  });
});
