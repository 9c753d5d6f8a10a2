/**
 * Query plans made ahead of the requests that need them.
 *
 * Neo4j caches a plan per statement text and parameter types (strings by length class: params.afterParam),
 * and a plan cut off by a transaction timeout is not cached: a statement slower to plan than the timeout
 * (LIST_RELATIONS, 26 union branches, took 6–8 s to plan on the 2-core machine at load average 8; most
 * statements take 1–2 s on a JVM just restarted) times out on every request that asks for it. Planning
 * without a time limit is therefore done in the background: EXPLAIN after a request timed out (the store),
 * and a run for one row ahead of use for a statement the store uses only once its plan is cached
 * (WarmPlan; until then it answers with a statement that is slower to run but quick to plan: the same answer).
 */
export class WarmPlan {
  private state: 'cold' | 'warming' | 'ready' = 'cold';
  /** Bumped by forget(): a warm-up started before it does not count. */
  private generation = 0;
  /** Warm-ups that failed in a row, and the last reason (whenReady gives up after a few). */
  private failures = 0;
  private lastError: unknown;

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
        if (generation !== this.generation) return;
        this.state = 'ready';
        this.failures = 0;
      },
      (err: unknown) => {
        if (generation !== this.generation) return;
        this.state = 'cold';
        this.failures++;
        this.lastError = err;
      },
    );
  }

  /** The plan may be gone (Neo4j restarted, or a request using it timed out): warm it again before use. */
  forget(): void {
    this.generation++;
    this.state = 'cold';
  }

  /**
   * Resolves once the plan is ready (tests); starts warming if needed. Rejects with the last error after
   * `maxFailures` failed warm-ups in a row (a closed driver, a database gone), rather than polling forever.
   */
  async whenReady(pollMs = 50, maxFailures = 3): Promise<void> {
    this.failures = 0;
    this.ensure();
    while (!this.ready) {
      if (this.failures >= maxFailures) throw this.lastError;
      if (this.state === 'cold') this.ensure();
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
