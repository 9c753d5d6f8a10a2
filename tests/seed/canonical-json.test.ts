// canonicalJson (src/graph/data/documents.ts) keys documents' versions and the write diff: the same value must
// always give the same text, whatever order its keys were written in. Checked against a reference that sorts
// every object's entries, on generated values with nesting, arrays, numeric-looking and odd keys.
import { bundleVersion, canonicalJson } from '../../src/graph/data/documents';
import { generate } from '../../scripts/bench-scale';
import { prng } from '../../scripts/prng';
import type { Bundle } from '../../src/schemas/bundle';

/** Every object copied with its entries sorted (the definition of canonical here). */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const KEYS = ['id', 'b', 'a', 'z', '10', '9', '0', '__proto__', 'constructor', 'Ä', 'aa', ''];

/** A random JSON value (objects built from parsed text, so a "__proto__" key is an own key). */
function randomValue(rng: () => number, depth: number): unknown {
  const r = rng();
  if (depth === 0 || r < 0.3) return [null, true, 1.5, -2, 'text', '', 'ü'][Math.floor(rng() * 7)];
  if (r < 0.55) return Array.from({ length: Math.floor(rng() * 4) }, () => randomValue(rng, depth - 1));
  const entries = KEYS.filter(() => rng() < 0.4).map((k) => `${JSON.stringify(k)}:${JSON.stringify(randomValue(rng, depth - 1)) ?? 'null'}`);
  return JSON.parse(`{${entries.join(',')}}`);
}

describe('canonicalJson', () => {
  it('gives the reference text for generated values, keys in any order', () => {
    const rng = prng(11);
    let objects = 0;
    for (let i = 0; i < 500; i++) {
      const value = randomValue(rng, 4);
      if (value && typeof value === 'object' && !Array.isArray(value)) objects++;
      expect(canonicalJson(value)).toBe(reference(value));
    }
    expect(objects).toBeGreaterThan(100);
  });

  it('gives the same text and version whatever the key order', () => {
    const bundle = generate(60, 3, 1).bundles[0] as Bundle;
    const reversed = JSON.parse(JSON.stringify(bundle), (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as Bundle;
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(bundle));
    expect(canonicalJson(reversed)).toBe(canonicalJson(bundle));
    expect(canonicalJson(bundle)).toBe(reference(bundle));
    expect(bundleVersion(reversed)).toBe(bundleVersion(bundle));
  });

  it('keeps a "__proto__" key as a key', () => {
    const value = JSON.parse('{"b": 1, "__proto__": {"x": 2}, "a": 3}') as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":2},"a":3,"b":1}');
  });
});
