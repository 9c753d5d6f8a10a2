/** Per-graph-version caches of the memory store: a write builds a new state, so nothing here is ever stale. */
/**
 * The matches of recent list filters (a state never changes: a write builds a new one): a next page, or another
 * request with the same filter, pages through the kept list instead of filtering the graph again.
 */
export class FilterMemo {
  private readonly entries = new Map<string, unknown[]>();
  constructor(private readonly size = 64) {}

  get<T>(key: string, compute: () => T[]): T[] {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as T[];
    }
    const value = compute();
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }
}

/** A query without its page: the key of its matches. */
export const filterKey = (kind: string, q: object) => `${kind} ${JSON.stringify({ ...q, limit: undefined, cursor: undefined })}`;
