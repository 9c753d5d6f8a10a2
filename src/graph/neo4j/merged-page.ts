/**
 * A page merged from per-type id orders in rounds (queries.LIST_RELATIONS).
 *
 * Cypher runs a UNION's branches one after the other, each to its own LIMIT, so a page of `need` rows read every
 * branch to `need` matches, and a type whose relations never pass the filter to its end. Here each branch reads at
 * most `scan` relations and keeps at most `hits` matches, both in proportion to its type's share of the graph: a
 * round returns, in id order, the matches up to `resume`, the smallest id up to which a branch has seen every
 * match (so every branch has seen all of them: exact). When that is fewer than the page needs, the next round
 * reads on after `resume`, with a budget sized from the matches per relation read so far (at least twice the
 * last), so every round moves on and a page ends after a few. Each round is one statement (README,
 * GET /relations?asOf).
 */
import { StoreUnavailableError } from '../errors';
import { padAfter } from './params';

/** What one round returned: its rows in id order, where to resume (null: nothing left), relations read, the graph version. */
export interface MergedRound<R> {
  rows: R[];
  resume: string | null;
  scanned: number;
  version: number;
}

/** Per branch, in the shares' order: relations to read at most, and matches to keep at most. */
export interface BranchLimits {
  scan: number[];
  hits: number[];
}

/** Runs one round: rows with id > `after` (a padded key), at most `limit`. */
export type RoundRunner<R> = (after: string, limit: number, limits: BranchLimits) => Promise<MergedRound<R>>;

/**
 * Where the page starts (a padded key), its rows, each branch's share of the graph (any non-negative weights: a
 * guess, it changes the cost, never the rows) and, if known, the matches expected per relation read (the first
 * round then reads enough for twice the page at that rate).
 */
export interface PageOptions {
  after: string;
  need: number;
  shares: readonly number[];
  rate?: number;
}

/** Rounds begun again from the start when loads keep landing between them, before giving up. */
const RESTARTS = 3;

/**
 * `budget` x share + 1 per branch (a share no smaller than a sixteenth of an even one, so a type the shares
 * missed still reads something and grows), at most `cap`.
 */
export function shareOut(shares: readonly number[], budget: number, cap = Number.MAX_SAFE_INTEGER): number[] {
  const floor = 1 / (16 * shares.length);
  return shares.map((share) => Math.min(cap, Math.ceil(budget * Math.max(share, floor)) + 1));
}

/**
 * The first `need` rows after `after`, merged over as many rounds as it takes (PageOptions). Every round must
 * read the same graph version: if a load lands in between, the page is read again from the start.
 */
export async function mergedPage<R>(run: RoundRunner<R>, opts: PageOptions): Promise<R[]> {
  for (let attempt = 0; attempt < RESTARTS; attempt++) {
    const rows = await inRounds(run, opts);
    if (rows) return rows;
  }
  throw new StoreUnavailableError('The graph changed while the page was read; try again.', 1);
}

/** The rounds of one attempt; undefined when the graph version changed between two of them. */
async function inRounds<R>(run: RoundRunner<R>, opts: PageOptions): Promise<R[] | undefined> {
  const { need } = opts;
  const sum = opts.shares.reduce((a, b) => a + b, 0);
  const shares = opts.shares.map((w) => (sum > 0 ? w / sum : 1 / opts.shares.length));
  const rows: R[] = [];
  let after = opts.after;
  let version: number | undefined;
  // Relations to read this round: first as if one in two matched (a page without a filter in one round, reading
  // about twice the page) or at the rate given, then from the matches per relation read.
  let budget = opts.rate === undefined ? 2 * need : Math.ceil((2 * need) / Math.min(1, Math.max(opts.rate, 1e-6)));
  let read = 0;
  for (let round = 0; ; round++) {
    const left = need - rows.length;
    // Matches kept per branch: by share, except for an anchor's page (a rate given), whose relations need not
    // follow the graph's shares (a person's are mostly of a few types): a branch capped below them would stop
    // `resume` early. Keeping more costs no extra reading (each branch reads its `scan` whatever it keeps).
    const hits = opts.rate === undefined ? shareOut(shares, 2 * left * 4 ** round, left) : shares.map(() => left);
    const got = await run(after, left, { scan: shareOut(shares, budget), hits });
    if (version !== undefined && got.version !== version) return undefined;
    version = got.version;
    rows.push(...got.rows);
    if (rows.length >= need || got.resume === null) return rows;
    after = padAfter(got.resume);
    read += got.scanned;
    // Enough to find twice the rows still needed at the rate seen so far; at least twice, at most 64 times the last.
    const rate = rows.length / Math.max(1, read);
    budget = Math.min(64 * budget, Math.max(2 * budget, Math.ceil((2 * (need - rows.length)) / Math.max(rate, 1e-9))));
  }
}
