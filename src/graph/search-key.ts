/**
 * The exact-match key of search, shared by both stores and by the bundle validator: an entity whose
 * name, alias or outside alias has the same key as the query ranks above every other hit.
 * NFKC, lowercase, curly apostrophes made straight, dots dropped ("U.S." = "US"), trimmed, inner
 * whitespace collapsed.
 */
export function searchKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\./g, '')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Every name an entity is searched and exact-matched by: name, the source's aliases, outside aliases. */
export function searchNames(e: { name: string; aliases: readonly string[]; outsideAliases?: readonly string[] }): string[] {
  return [e.name, ...e.aliases, ...(e.outsideAliases ?? [])];
}
