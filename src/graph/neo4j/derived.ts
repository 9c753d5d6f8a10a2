/**
 * Derived figures kept per graph version: totals of list filters, stats, schema counts, documents,
 * the store description. The graph changes only when the loader writes, and every loader write bumps
 * the version (one :GraphVersion node, in the same transaction: load/cypher.ts BUMP_VERSION). A read
 * learns the version in its own transaction (GRAPH_VERSION, pipelined with the page query, so no extra
 * round trip), so a cached figure is never served for another graph than the one the page came from.
 * The first request for a filter after a load pays the count once; the rest are served from here.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { toNumber } from './mapper';
import { GRAPH_VERSION } from './queries';

/** Entries kept per version (filters are combinations of closed enums, ids and dates: bounded in practice). */
const MAX_ENTRIES = 5000;

export class DerivedCache {
  private version: number | undefined;
  private readonly entries = new Map<string, unknown>();

  /** The graph version, read in `tx` (a graph loaded without the current loader reads as 0). */
  static async versionIn(tx: ManagedTransaction): Promise<number> {
    return DerivedCache.versionOf((await tx.run(GRAPH_VERSION)).records[0]?.get('version'));
  }

  /** A `version` column as a number (null before any load: 0). */
  static versionOf(v: unknown): number {
    return v === null || v === undefined ? 0 : toNumber(v);
  }

  /** The entry for `key` at the version last cached, with that version: a guess for a one-statement read. */
  latest<T>(key: string): { version: number; value: T } | undefined {
    if (this.version === undefined || !this.entries.has(key)) return undefined;
    return { version: this.version, value: this.entries.get(key) as T };
  }

  /** The value cached for `key` at `version`, if any. */
  get<T>(version: number, key: string): T | undefined {
    if (version !== this.version) return undefined;
    return this.entries.get(key) as T | undefined;
  }

  set<T>(version: number, key: string, value: T): T {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }

  /** The cached value, or `compute` (in the same transaction) cached at `version`. */
  async through<T>(version: number, key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.get<T>(version, key);
    return hit !== undefined ? hit : this.set(version, key, await compute());
  }
}
