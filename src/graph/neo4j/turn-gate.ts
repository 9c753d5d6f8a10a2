/**
 * Turns on the database for heavy work: at most N at once; the rest wait their turn for a bounded time, then get
 * StoreBusyError (503 store-busy with Retry-After) without reaching the database. The store keeps two gates:
 *
 * Traversals (paths, and neighbourhoods past the default budgets: store.ts). Why: a hub's neighbourhood at the
 * largest budgets claims tens of MB of Neo4j's transaction memory (35 MB at 10^5) and a path search up to its
 * 5 s budget of CPU. Twenty such neighbourhoods at once ran a 512 MB server's memory pool out, so most of them
 * failed, each after doing part of its work; taking turns, they all finished (README, "Outages and time limits").
 * Other reads never wait here.
 *
 * Whole-graph exports (store.ts exportTurn): each holds a pooled connection for as long as its client reads
 * (minutes for a big graph or a slow client). Fifty-five slow downloads at once took all 50 connections, and
 * every other request of the API answered 503 until they ended.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { ClientGoneError, StoreBusyError } from '../errors';
import { LIMITS } from '../../schemas/limits';

export interface TurnGateOptions {
  /** Work running at once; 0 turns the gate off. */
  concurrency: number;
  /** How long work may wait for its turn (ms) before it is turned away; 0: turned away at once when all are taken. */
  queueMs: number;
}

/** NEO4J_TRAVERSALS and NEO4J_TRAVERSAL_WAIT_MS when unset. */
export const DEFAULT_TRAVERSALS: TurnGateOptions = { concurrency: LIMITS.traversals, queueMs: LIMITS.traversalWaitMs };
/** NEO4J_EXPORTS and NEO4J_EXPORT_WAIT_MS when unset. */
export const DEFAULT_EXPORT_TURNS: TurnGateOptions = { concurrency: LIMITS.exports, queueMs: LIMITS.exportWaitMs };

export class TurnGate {
  private readonly limit: LimitFunction | undefined;
  // Counted here, as they change: p-limit starts a task and frees its slot a few microtasks later.
  private running = 0;
  private waiting = 0;

  /** `busy`: the 503's detail, saying what is crowded. */
  constructor(
    private readonly opts: TurnGateOptions,
    private readonly busy = 'Too many traversals are running; retry shortly, or narrow it (fewer hops, a smaller budget).',
  ) {
    this.limit = opts.concurrency > 0 ? pLimit(opts.concurrency) : undefined;
  }

  /** Work running now and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting };
  }

  /** Runs `work` in its turn; one whose `signal` aborts before its turn is dropped (ClientGoneError) and frees its place. */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const limit = this.limit;
    if (signal?.aborted) return Promise.reject(new ClientGoneError());
    if (!limit) return work();
    const { concurrency, queueMs } = this.opts;
    if (queueMs === 0 && this.running + this.waiting >= concurrency) return Promise.reject(new StoreBusyError(this.busy));
    this.waiting++;
    return new Promise<T>((resolve, reject) => {
      let gaveUp = false;
      const giveUp = (err: Error) => {
        if (gaveUp) return;
        gaveUp = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', gone);
        this.waiting--;
        reject(err);
      };
      const gone = () => giveUp(new ClientGoneError());
      const timer = queueMs > 0 ? setTimeout(() => giveUp(new StoreBusyError(this.busy)), queueMs) : undefined;
      signal?.addEventListener('abort', gone, { once: true });
      // Turned away or gone: its turn (when it comes) ends at once, and the next one starts.
      limit(async () => {
        if (gaveUp) return;
        clearTimeout(timer);
        signal?.removeEventListener('abort', gone);
        this.waiting--;
        this.running++;
        try {
          resolve(await work());
        } catch (err) {
          reject(err);
        } finally {
          this.running--;
        }
      }).catch(reject);
    });
  }

  /**
   * A turn held until the returned release is called (for work that outlives one promise: a streamed
   * download). Turned away and dropped as run() is; calling release more than once frees one turn.
   */
  hold(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      this.run(
        () =>
          new Promise<void>((done) => {
            let held = true;
            resolve(() => {
              if (held) done();
              held = false;
            });
          }),
        signal,
      ).catch(reject);
    });
  }
}
