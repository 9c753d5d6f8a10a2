/** The view as a shareable URL: entity, depth, filters, date, expansions and budgets. */
export interface ViewState {
  entity?: string;
  depth: number;
  /** Relation types to follow; undefined = all. */
  types?: string[];
  /** Entity kinds to draw; undefined = all. */
  kinds?: string[];
  asOf?: string;
  expand: string[];
  maxNodes: number;
  maxEdges: number;
}

export const DATE = /^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const int = (v: string | null, min: number, max: number, dflt: number) => {
  const n = v === null ? NaN : Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : dflt;
};

export function readState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const entity = q.get('entity') ?? undefined;
  const asOf = q.get('asOf') ?? undefined;
  const list = (name: string) => (q.has(name) ? q.getAll(name).flatMap((v) => v.split(',')).filter(Boolean) : undefined);
  return {
    entity: entity && SLUG.test(entity) ? entity : undefined,
    depth: int(q.get('depth'), 1, 3, 1),
    types: list('type'),
    kinds: list('kind'),
    asOf: asOf && DATE.test(asOf) ? asOf : undefined,
    expand: (list('expand') ?? []).filter((id) => SLUG.test(id)),
    maxNodes: int(q.get('maxNodes'), 1, 500, 100),
    maxEdges: int(q.get('maxEdges'), 1, 2000, 500),
  };
}

export function writeState(s: ViewState): string {
  const q = new URLSearchParams();
  if (s.entity) q.set('entity', s.entity);
  q.set('depth', String(s.depth));
  if (s.types) q.set('type', s.types.join(','));
  if (s.kinds) q.set('kind', s.kinds.join(','));
  if (s.asOf) q.set('asOf', s.asOf);
  if (s.expand.length) q.set('expand', s.expand.join(','));
  if (s.maxNodes !== 100) q.set('maxNodes', String(s.maxNodes));
  if (s.maxEdges !== 500) q.set('maxEdges', String(s.maxEdges));
  return `?${q.toString()}`;
}
