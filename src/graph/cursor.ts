import { InvalidQueryError } from './errors';

/**
 * Opaque page cursors: base64url of the last sort key served. Pages are ordered by a unique key,
 * so "key > cursor" gives no duplicates and no gaps even while pages are fetched one by one.
 */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(`k:${lastKey}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith('k:') || text.length < 3) {
    throw new InvalidQueryError('The cursor is not one this API issued; start again without it.', 'cursor');
  }
  return text.slice(2);
}

/** Build a page from limit+1 fetched items: the extra one only tells that another page exists. */
export function toPage<T>(fetched: T[], limit: number, keyOf: (item: T) => string, total: number) {
  const items = fetched.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = fetched.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null;
  return { items, total, nextCursor };
}
