/** The API's bounds (defined with the route schemas, src/schemas/limits.ts) and how the stores apply them. */
export { LIMITS } from '../../schemas/limits';

/** Clamp a requested value into [lo, hi] as an integer (stores defend themselves even behind the route schemas). */
export function clampInt(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(Math.floor(n), lo), hi);
}
