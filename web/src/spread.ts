/**
 * Moves overlapping nodes apart after the force layout: cose stops after a fixed number of iterations, and
 * now and then leaves a node wholly under another, where nobody can see or click it.
 */

export interface Disc {
  x: number;
  y: number;
  /** Half the node's larger side. */
  r: number;
}

/**
 * Positions where no two discs overlap (their centres at least r1 + r2 + gap apart), each moved as little as
 * the pairwise pushes allow: every overlapping pair is pushed apart along the line between its centres, half
 * each way, until none overlaps or `budget` pair checks are spent (about 50 ms; a crowded 150 nodes needs
 * under 300 passes). Discs that do not overlap stay where they are.
 */
export function spreadApart(discs: readonly Disc[], gap = 4, budget = 5_000_000): Array<{ x: number; y: number }> {
  const p = discs.map((d) => ({ ...d }));
  const rounds = Math.max(1, Math.floor(budget / Math.max(1, (p.length * (p.length - 1)) / 2)));
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    for (let i = 0; i < p.length; i++) {
      for (let j = i + 1; j < p.length; j++) {
        const a = p[i]!;
        const b = p[j]!;
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const d = Math.hypot(dx, dy);
        const need = a.r + b.r + gap;
        if (d >= need) continue;
        // Centres on top of each other have no line between them: a direction that differs per pair.
        const [ux, uy] = d > 1e-6 ? [dx / d, dy / d] : [Math.cos(i + 2 * j), Math.sin(i + 2 * j)];
        const push = (need - d) / 2 + 1e-6;
        a.x -= ux * push;
        a.y -= uy * push;
        b.x += ux * push;
        b.y += uy * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return p.map(({ x, y }) => ({ x, y }));
}
