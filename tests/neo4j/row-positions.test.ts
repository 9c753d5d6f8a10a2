// Rows are positional lists (queries.entityList / relationList) read back by position (mapper.ts): the
// Cypher lists and the positions the mapper reads must name the same fields.
import { ENTITY_KEYS, RELATION_AT, entityList, refList, relationList } from '../../src/graph/neo4j/queries';

const columns = (list: string) => list.replace(/^\[|\]$/g, '').split(',').map((c) => c.trim());

describe('row positions', () => {
  it('an entity row holds ENTITY_KEYS in order', () => {
    expect(columns(entityList('e'))).toEqual(ENTITY_KEYS.map((k) => `e.${k}`));
  });

  it('a reference row is [id, name, kind, subtype]', () => {
    expect(columns(refList('a'))).toEqual(['a.id', 'a.name', 'a.kind', 'a.subtype']);
  });

  it.each([true, false])('a relation row puts every field where RELATION_AT says (time keys: %s)', (withKeys) => {
    const row = columns(relationList('ASSERTER', withKeys));
    const expected: string[] = [];
    for (const [field, at] of Object.entries(RELATION_AT)) {
      if (field === 'subject' || field === 'object') {
        const x = field[0];
        expected[at] = `${x}.id`;
        expected[at + 1] = `${x}.name`;
        expected[at + 2] = `${x}.kind`;
        expected[at + 3] = `${x}.subtype`;
      } else if (field === 'keys') {
        if (withKeys) ['minStart', 'maxStart', 'minEnd', 'maxEnd'].forEach((k, i) => (expected[at + i] = `r.${k}`));
      } else {
        expected[at] = field === 'type' ? 'type(r)' : field === 'assertedBy' ? 'ASSERTER' : `r.${field}`;
      }
    }
    expect(row).toEqual(expected);
  });
});
