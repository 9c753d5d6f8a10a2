/**
 * A query whose plan takes seconds to make is used only once its plan is cached. LIST_RELATIONS (26
 * union branches) took 6–8 s to plan on the 2-core machine at load average 8, more than the transaction
 * timeout on a busier one; a plan cut off by the timeout is not cached, so every request asking for it
 * timed out. Its plan is made once in the background (EXPLAIN plans and caches without running), and
 * until then the store answers with a query that is slower to run but quick to plan: the same answer.
 */
export class WarmPlan {
  private state: 'cold' | 'warming' | 'ready' = 'cold';

  constructor(private readonly warm: () => Promise<void>) {}

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Starts warming unless it is under way or done; after a failure a later call tries again. */
  ensure(): void {
    if (this.state !== 'cold') return;
    this.state = 'warming';
    this.warm().then(
      () => {
        this.state = 'ready';
      },
      () => {
        this.state = 'cold';
      },
    );
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
