/**
 * A circuit breaker in front of Neo4j so an outage answers fast instead of waiting out the driver's
 * connection and retry budgets.
 *
 * - closed: queries run. A connection-type failure (see ./errors.ts isUnavailable) of a query or of the
 *   background ping opens it; a busy database (no room for a query: StoreBusyError) does not.
 * - open: queries fail at once with StoreUnavailableError (503, Retry-After 1 s), and queries already
 *   running are released with the same error (the driver finishes its retries in the background).
 * - A background ping (`RETURN 1` without retries, bounded by its own timeout) runs every `intervalMs`
 *   while closed and every `openIntervalMs` while open; its first success closes the breaker.
 */
import { StoreUnavailableError } from '../errors';

export interface BreakerOptions {
  /** Ping period while the database answers (detects an outage before a request waits on it). */
  intervalMs?: number;
  /** Ping period while it does not (how soon recovery is noticed). */
  openIntervalMs?: number;
  /** A ping slower than this counts as a failure. */
  pingTimeoutMs?: number;
}

export type Ping = () => Promise<void>;

export class CircuitBreaker {
  private open = false;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private watching = false;
  private stopped = false;
  /**
   * How to release each call running now. Not a race against one long-pending "opened" promise: every
   * race leaves a reaction on it that holds the call's result, so each query's records stayed in memory
   * until the breaker opened (a growing heap and longer GCs under load).
   */
  private readonly inFlight = new Set<(err: Error) => void>();
  /** Told of every change (the store plugin logs it; the store re-plans): open with the reason, or closed again. */
  private readonly listeners: Array<(open: boolean, reason?: string) => void> = [];
  readonly intervalMs: number;
  readonly openIntervalMs: number;
  readonly pingTimeoutMs: number;

  constructor(
    private readonly ping: Ping,
    opts: BreakerOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 1000;
    this.openIntervalMs = opts.openIntervalMs ?? 250;
    this.pingTimeoutMs = opts.pingTimeoutMs ?? 2000;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Throws at once while open; otherwise runs `work`, released early if the breaker opens meanwhile. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.open) throw unavailable();
    return new Promise<T>((resolve, reject) => {
      this.inFlight.add(reject);
      (async () => work())().then(
        (value) => {
          this.inFlight.delete(reject);
          resolve(value);
        },
        (err: unknown) => {
          this.inFlight.delete(reject);
          reject(err as Error);
        },
      );
    });
  }

  /** Tells `listener` of every change from now on. */
  subscribe(listener: (open: boolean, reason?: string) => void): void {
    this.listeners.push(listener);
  }

  private changed(open: boolean, reason?: string): void {
    for (const listener of this.listeners) listener(open, reason);
  }

  /** A query (or the ping) saw the database unreachable. */
  trip(reason = 'a query could not reach the database'): void {
    if (this.open) return;
    this.open = true;
    this.changed(true, reason);
    for (const release of this.inFlight) release(unavailable());
    this.inFlight.clear();
    this.schedule(0);
  }

  /** Pings continuously from now on (the store plugin does); without it only an open breaker pings, to close. */
  watch(): void {
    this.watching = true;
    if (!this.timer && !this.running) this.schedule(this.open ? 0 : this.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One ping now; resolves true when the database answered (and closes the breaker). */
  async check(): Promise<boolean> {
    let ok = false;
    let reason = 'ping timed out';
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.ping(),
        new Promise((_, reject) => {
          timeout = setTimeout(() => reject(unavailable()), this.pingTimeoutMs);
        }),
      ]);
      ok = true;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string') reason = `ping failed: ${code}`;
    } finally {
      clearTimeout(timeout);
    }
    if (ok && this.open) {
      this.open = false;
      this.changed(false);
    } else if (!ok) {
      this.trip(reason);
    }
    return ok;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.running) return;
    this.running = true;
    try {
      await this.check();
    } finally {
      this.running = false;
    }
    // Keep watching while the app runs (watch()), or until a tripped breaker has closed again.
    if (this.open || this.watching) this.schedule(this.open ? this.openIntervalMs : this.intervalMs);
  }
}

function unavailable(): StoreUnavailableError {
  return new StoreUnavailableError('The graph store is unreachable.', 1);
}
