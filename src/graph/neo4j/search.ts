/**
 * Search over the full-text index `entity_search` (name, aliasesText, summary).
 * The Lucene query is built here from the words of the query, each escaped, as exact, prefix and
 * fuzzy terms (edit distance 1 for words of 4-6 characters, 2 for longer ones), weighted towards
 * name and aliases. Entities whose name or an alias equals the whole query (trimmed, spaces collapsed,
 * case-insensitive; looked up as one term in the keyword index `entity_exact`) rank first, then the rest
 * by Lucene score, ties by id (the memory store's rule). Lucene is asked for a bounded number of candidates.
 */
import type { EntitySummary, SearchHit } from '../../schemas/domain';
import type { SearchQuery } from '../store';
import { mapEntitySummary } from './mapper';
import { documentParam, exactKey, kindsParam, limitParam } from './params';
import { SEARCH } from './queries';

const MAX_CANDIDATES = 500;
/** How many of Lucene's best hits a search filtered by kind or document may look at, in rounds of 10x. */
export const MAX_FILTERED_CANDIDATES = 50_000;
const MAX_WORDS = 12;

/** Backslash-escape every character Lucene's query parser treats as syntax. */
export function escapeLucene(term: string): string {
  return term.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, (c) => `\\${c}`);
}

/** The Lucene query for one exact key in entity_exact (keyword analyzer): a quoted term, or '' for none. */
export function exactTermQuery(key: string): string {
  return key === '' ? '' : `exactKeys:"${key.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Words as the standard analyzer would see them, lowercased. */
export function queryWords(q: string): string[] {
  return (q.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu) ?? []).slice(0, MAX_WORDS);
}

function fuzziness(word: string): number {
  const n = [...word].length;
  return n <= 3 ? 0 : n <= 6 ? 1 : 2;
}

/** The Lucene query for a user query, or '' when it has no words. */
export function luceneQuery(q: string): string {
  const clauses: string[] = [];
  for (const word of queryWords(q)) {
    const t = escapeLucene(word);
    const fuzzy = fuzziness(word);
    for (const [field, boost] of [
      ['name', 4],
      ['aliasesText', 4],
      ['summary', 1],
    ] as const) {
      clauses.push(`${field}:${t}^${boost}`);
      if (word.length >= 2) clauses.push(`${field}:${t}*^${boost / 2}`);
      if (fuzzy > 0) clauses.push(`${field}:${t}~${fuzzy}^${boost / 2}`);
    }
  }
  return clauses.join(' ');
}

/** Runs one statement (the store's auto-commit query: one round trip). */
export type RunOne = (query: string, params: Record<string, unknown>) => Promise<Array<{ get(key: string): unknown }>>;

export async function search(run: RunOne, q: SearchQuery): Promise<SearchHit[]> {
  const limit = Math.max(Math.floor(q.limit), 0);
  const kinds = kindsParam(q.kinds);
  const document = documentParam(q.document);
  const exact = exactKey(q.q);
  const lucene = luceneQuery(q.q);
  if (limit === 0 || (exact === '' && lucene === '')) return [];

  // Lucene ranks before the kind and document filters apply: when its best candidates are mostly of other
  // kinds or documents (a common word at 10^6: none of 100), the filtered page was short or empty although
  // matches exist. So a filtered search that comes back short asks again for more candidates, until the page
  // is full, Lucene has no more, or MAX_FILTERED_CANDIDATES have been looked at.
  const filtered = kinds !== null || document !== '';
  let candidates = Math.min(MAX_CANDIDATES, Math.max(50, limit * 10));
  let exactHits: EntitySummary[];
  let scored: Array<{ entity: EntitySummary; score: number }>;
  for (;;) {
    const [rec] = await run(SEARCH, { exact: exactTermQuery(exact), lucene, kinds, document, limit: limitParam(limit), candidates: limitParam(candidates) });
    exactHits = (rec!.get('exact') as unknown[]).map(mapEntitySummary);
    scored = (rec!.get('scored') as Array<{ entity: unknown; score: number }>).map((h) => ({ entity: mapEntitySummary(h.entity), score: h.score }));
    const short = new Set([...exactHits.map((e) => e.id), ...scored.map((h) => h.entity.id)]).size < limit;
    const more = Number(rec!.get('found')) >= candidates;
    if (!filtered || !short || !more || candidates >= MAX_FILTERED_CANDIDATES) break;
    candidates = Math.min(MAX_FILTERED_CANDIDATES, candidates * 10);
  }
  // Exact matches are lifted above every other hit (their own score plus the best score plus 1).
  const scores = new Map(scored.map((h) => [h.entity.id, h]));
  let lift = 0;
  for (const h of scored) lift = Math.max(lift, h.score);
  lift += 1;
  for (const entity of exactHits) scores.set(entity.id, { entity, score: (scores.get(entity.id)?.score ?? 0) + lift });
  return [...scores.values()]
    .sort((a, b) => b.score - a.score || (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0))
    .slice(0, limit);
}
