/** Shared helpers of the contract suite: shape checks against the domain schemas, page walking. */
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { InvalidQueryError } from '../../../src/graph/errors';
import type { GraphStore, Page } from '../../../src/graph/store';

/** The store under test, available once the suite's beforeAll has run. */
export type StoreRef = () => GraphStore;

/** The value matches the TypeBox schema exactly (no extra keys) and holds no undefined or null anywhere. */
export function expectShape(schema: TSchema, value: unknown): void {
  const errors = [...Value.Errors(schema, value)].slice(0, 5).map((e) => `${e.instancePath}: ${e.message}`);
  expect(errors).toEqual([]);
  expect(blanks(value, '$')).toEqual([]);
}

function blanks(v: unknown, at: string): string[] {
  if (v === undefined || v === null) return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => blanks(x, `${at}[${i}]`));
  if (typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => blanks(x, `${at}.${k}`));
  return [];
}

export const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

/**
 * Fetch every page (following nextCursor) and check the paging invariants on the way: the same total on
 * every page, full pages before the last, nextCursor null only on the last page.
 */
export async function walkPages<T>(fetch: (cursor?: string) => Promise<Page<T>>, limit: number): Promise<{ items: T[]; pages: number; total: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  let total = -1;
  for (;;) {
    const page = await fetch(cursor);
    pages += 1;
    if (total === -1) total = page.total;
    expect(page.total).toBe(total);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.nextCursor === null) break;
    expect(page.items).toHaveLength(limit);
    expect(typeof page.nextCursor).toBe('string');
    cursor = page.nextCursor;
    if (pages > 200) throw new Error('paging does not end');
  }
  expect(items).toHaveLength(total);
  return { items, pages, total };
}

/** The promise rejects with an InvalidQueryError naming `parameter`. */
export async function expectInvalid(p: Promise<unknown>, parameter: string): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidQueryError);
  expect((err as InvalidQueryError).parameter).toBe(parameter);
}

/** Cursors no store ever issues: not base64url, base64url of text without the key prefix, empty key. */
export const BAD_CURSORS = ['not a cursor', '***', Buffer.from('hello').toString('base64url'), Buffer.from('k:').toString('base64url')];
