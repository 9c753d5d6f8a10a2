// The explorer's overlap removal after its force layout (web/src/spread.ts).
import { spreadApart, type Disc } from '../../web/src/spread';
import { prng } from '../../scripts/prng';

const GAP = 4;

/** Pairs of discs closer than their radii allow (what spreadApart must leave none of). */
function overlaps(discs: readonly Disc[], at: ReadonlyArray<{ x: number; y: number }>): string[] {
  const found: string[] = [];
  for (let i = 0; i < discs.length; i++) {
    for (let j = i + 1; j < discs.length; j++) {
      const d = Math.hypot(at[i]!.x - at[j]!.x, at[i]!.y - at[j]!.y);
      if (d < discs[i]!.r + discs[j]!.r + GAP - 1e-3) found.push(`${i}-${j} at ${d.toFixed(2)}`);
    }
  }
  return found;
}

test('leaves no two nodes overlapping, including nodes placed on the same spot', () => {
  for (let seed = 1; seed <= 30; seed++) {
    const random = prng(seed);
    const n = 2 + Math.floor(random() * 120);
    // crowded: a field far too small for n nodes, a few of them stacked exactly
    const side = 40 + random() * 200;
    const discs: Disc[] = Array.from({ length: n }, () => ({ x: random() * side, y: random() * side, r: 8 + random() * 12 }));
    for (let k = 0; k < 3 && n > 3; k++) Object.assign(discs[k + 1]!, { x: discs[0]!.x, y: discs[0]!.y });
    const spread = spreadApart(discs, GAP);
    expect({ seed, n, overlaps: overlaps(discs, spread) }).toEqual({ seed, n, overlaps: [] });
  }
});

test('moves nothing that does not overlap', () => {
  const discs: Disc[] = [
    { x: 0, y: 0, r: 10 },
    { x: 30, y: 0, r: 10 },
    { x: 0, y: 50, r: 20 },
  ];
  expect(spreadApart(discs, GAP)).toEqual(discs.map(({ x, y }) => ({ x, y })));
});

test('pushes an overlapping pair apart along the line between them, half each way', () => {
  const [a, b] = spreadApart(
    [
      { x: 0, y: 0, r: 10 },
      { x: 10, y: 0, r: 10 },
    ],
    GAP,
  );
  expect(a!.y).toBeCloseTo(0);
  expect(b!.y).toBeCloseTo(0);
  expect(a!.x).toBeCloseTo(-7);
  expect(b!.x).toBeCloseTo(17);
});
