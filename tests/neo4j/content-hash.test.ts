/**
 * Content hashes (src/graph/neo4j/load/model.ts contentHash) decide which rows a reload rewrites, so their text
 * must never change: a database loaded by an earlier version would be rewritten whole. The reference here is
 * the definition: SHA-256 of JSON.stringify of the [key, value] pairs sorted by key, contentHash left out.
 */
import { createHash } from 'node:crypto';
import { generate } from '../../scripts/bench-scale';
import { bundleFiles, readBundleFile } from '../../src/graph/data/bundle';
import { prepareBundles } from '../../src/graph/neo4j/load';
import { contentHash, documentProps, entityProps, mentionProps, relationProps, type Props } from '../../src/graph/neo4j/load/model';

function reference(props: Props): string {
  const pairs = Object.keys(props)
    .filter((k) => k !== 'contentHash')
    .sort()
    .map((k) => [k, props[k] ?? null]);
  return createHash('sha256').update(JSON.stringify(pairs)).digest('hex');
}

describe('contentHash', () => {
  test('every row of the article and of a generated graph: the hash is the reference one', () => {
    const bundles = [...bundleFiles().map(readBundleFile), ...(generate(400, 7, 2).bundles as never[])];
    let rows = 0;
    for (const p of prepareBundles(bundles)) {
      const all: Props[] = [
        documentProps(p.bundle.document),
        ...p.entities.map(entityProps),
        ...p.relations.map(relationProps),
        ...p.entities.map((e) => mentionProps(p.mentions.get(e.id) ?? [])),
      ];
      for (const props of all) {
        expect(props.contentHash).toBe(reference(props));
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(1000);
  });

  test('the same properties in any key order, with or without contentHash: the same hash; any change: another', () => {
    let seed = 5;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values: Props[string][] = [null, '', 'a "quoted" \\ text', 'line\nbreak \u2028 \u00e9 \u{1F600}', 0, -3, 1.5, true, false, [], ['x', 'y,z'], 'contentHash'];
    for (let i = 0; i < 500; i++) {
      const keys = ['a', 'b', 'kind', 'Zeta', 'é', 'x y', '10', '9'].filter(() => rand() < 0.7);
      const props: Props = {};
      for (const k of keys) props[k] = values[Math.floor(rand() * values.length)]!;
      const shuffled: Props = {};
      for (const k of [...keys].sort(() => rand() - 0.5)) shuffled[k] = props[k]!;
      if (rand() < 0.5) shuffled.contentHash = 'stale';
      expect(contentHash(props)).toBe(reference(props));
      expect(contentHash(shuffled)).toBe(contentHash(props));
      if (keys.length) expect(contentHash({ ...props, [keys[0]!]: 'changed!' })).not.toBe(contentHash(props));
    }
  });
});
