/**
 * Full-text search with MiniSearch over name, aliases (with outside aliases) and summary: names and
 * aliases boosted, fuzzy (edit distance up to 20% of the term) and prefix matching. Rule shared with
 * the Neo4j store: an entity whose name, alias or outside alias has the query's search key
 * (src/graph/rules/order.ts) ranks above every other hit. Ties by id. Scores are only comparable
 * within one response.
 */
import MiniSearch from 'minisearch';
import type { EntityRecord } from '../data/bundle';
import type { SearchHit } from '../../schemas/domain';
import type { SearchQuery } from '../store';
import { byKey, nonEmpty, toSummary, type MemoryIndexes } from './indexes';
import { exactKey, searchNames } from '../rules';
import { firstK } from './first-k';

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export class EntitySearch {
  private readonly index = new MiniSearch<EntityRecord>({
    idField: 'id',
    fields: ['name', 'aliases', 'summary'],
    extractField: (e, field) => (field === 'aliases' ? searchNames(e).slice(1).join(' ; ') : String(e[field as keyof EntityRecord] ?? '')),
    searchOptions: { boost: { name: 3, aliases: 2.5 }, fuzzy: 0.2, prefix: true },
  });
  /** search key of a name, alias or outside alias -> entity ids */
  private readonly exact = new Map<string, string[]>();

  constructor(private readonly ix: MemoryIndexes) {
    this.index.addAll(ix.entityList);
    for (const e of ix.entityList) {
      for (const n of new Set(searchNames(e).map(exactKey))) this.exact.set(n, [...(this.exact.get(n) ?? []), e.id]);
    }
  }

  search(q: SearchQuery): SearchHit[] {
    const text = normalise(q.q);
    if (!text || q.limit <= 0) return [];
    const kinds = nonEmpty(q.kinds);
    const filtered = kinds !== undefined || q.document !== undefined;
    const allowed = (id: string) => {
      const e = this.ix.entities.get(id)!;
      return (!kinds || kinds.includes(e.kind)) && (q.document === undefined || e.documents.includes(q.document));
    };
    // A common word matches tens of thousands of entities at 10^6 (28,466 for "Nesren Conference 2018"): a
    // filter only when one is asked for (a call per hit), and the page taken without sorting every hit.
    const scores = new Map<string, number>();
    for (const r of this.index.search(text, filtered ? { filter: (r) => allowed(String(r.id)) } : {})) scores.set(String(r.id), r.score);
    const exact = (this.exact.get(exactKey(q.q)) ?? []).filter(allowed);
    let lift = 0;
    for (const score of scores.values()) lift = Math.max(lift, score);
    for (const id of exact) scores.set(id, (scores.get(id) ?? 0) + lift + 1);
    return firstK(scores, q.limit, (a, b) => b[1] - a[1] || byKey(a[0], b[0])).map(([id, score]) => ({ entity: toSummary(this.ix.entities.get(id)!), score }));
  }
}
