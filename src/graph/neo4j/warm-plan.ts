/**
 * Query plans made ahead of the requests that need them.
 *
 * Neo4j caches a plan per statement text and parameter types, and a plan cut off by a transaction
 * timeout is not cached: a statement slower to plan than the timeout (LIST_RELATIONS, 26 union branches,
 * took 6–8 s to plan on the 2-core machine at load average 8; most statements take 1–2 s on a JVM just
 * restarted) times out on every request that asks for it. EXPLAIN plans and caches without running, and
 * without a time limit, so it is done in the background:
 * - WarmPlan: one statement the store uses only once its plan is cached (until then it answers with a
 *   statement that is slower to run but quick to plan: the same answer);
 * - PlanShapes: every statement the store has run, with the parameters it was planned for, so the plans
 *   can be made again after Neo4j restarts (its plan cache starts empty) and after a request timed out.
 */
export class WarmPlan {
  private state: 'cold' | 'warming' | 'ready' = 'cold';
  /** Bumped by forget(): a warm-up started before it does not count. */
  private generation = 0;

  constructor(private readonly warm: () => Promise<void>) {}

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Starts warming unless it is under way or done; after a failure a later call tries again. */
  ensure(): void {
    if (this.state !== 'cold') return;
    this.state = 'warming';
    const generation = this.generation;
    this.warm().then(
      () => {
        if (generation === this.generation) this.state = 'ready';
      },
      () => {
        if (generation === this.generation) this.state = 'cold';
      },
    );
  }

  /** The plan may be gone (Neo4j restarted, or a request using it timed out): warm it again before use. */
  forget(): void {
    this.generation++;
    this.state = 'cold';
  }

  /** Resolves once the plan is ready (tests); starts warming if needed. */
  async whenReady(pollMs = 50): Promise<void> {
    this.ensure();
    while (!this.ready) {
      if (this.state === 'cold') this.ensure();
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}

/** A statement as run: its text and the parameters it was planned for (their types key Neo4j's plan cache). */
export interface Shape {
  query: string;
  params: Record<string, unknown>;
}

/** The type of a parameter value as Neo4j sees it (null, int, float, string, boolean, list<...>, map). */
function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `list<${[...new Set(value.map(typeOf))].sort().join('|')}>`;
  if (typeof value === 'object') return (value as { constructor?: { name?: string } }).constructor?.name === 'Integer' ? 'int' : 'map';
  return typeof value === 'number' ? 'float' : typeof value;
}

/** The same types with small values (EXPLAIN needs only the types): strings empty, one list item per type. */
function skeleton(value: unknown): unknown {
  if (typeof value === 'string') return '';
  if (Array.isArray(value)) {
    const byType = new Map<string, unknown>();
    for (const item of value) if (!byType.has(typeOf(item))) byType.set(typeOf(item), skeleton(item));
    return [...byType.values()];
  }
  if (value !== null && typeof value === 'object' && typeOf(value) === 'map') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, skeleton(v)]));
  }
  return value;
}

/** The statements the store has run, one per text and parameter types, in first-run order; at most `max`. */
export class PlanShapes {
  private readonly shapes = new Map<string, Shape>();

  constructor(private readonly max = 500) {}

  static key(query: string, params: Record<string, unknown>): string {
    const types = Object.keys(params)
      .sort()
      .map((k) => `${k}:${typeOf(params[k])}`)
      .join(',');
    return `${types}\n${query}`;
  }

  note(query: string, params: Record<string, unknown>): void {
    if (this.shapes.size >= this.max) return;
    const key = PlanShapes.key(query, params);
    if (!this.shapes.has(key)) this.shapes.set(key, { query, params: skeleton(params) as Record<string, unknown> });
  }

  get size(): number {
    return this.shapes.size;
  }

  list(): Shape[] {
    return [...this.shapes.values()];
  }
}
