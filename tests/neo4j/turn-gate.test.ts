/**
 * The turn gate (src/graph/neo4j/turn-gate.ts; the store's traversals and whole-graph exports): at most N at
 * once, the rest wait their turn for a bounded time and are then turned away with StoreBusyError, without ever
 * running.
 */
import { TurnGate } from '../../src/graph/neo4j/turn-gate';
import { ClientGoneError, StoreBusyError } from '../../src/graph/errors';

/** Work that runs until released; records how many ran at once. */
function tracker() {
  const t = { running: 0, most: 0, started: [] as number[], releases: [] as Array<() => void> };
  const work = (n: number) => () =>
    new Promise<number>((resolve) => {
      t.started.push(n);
      t.most = Math.max(t.most, ++t.running);
      t.releases.push(() => {
        t.running--;
        resolve(n);
      });
    });
  return { t, work };
}

const tick = () => new Promise((r) => setImmediate(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TurnGate', () => {
  test('runs at most `concurrency` at once; the others start, in order, as slots free', async () => {
    const gate = new TurnGate({ concurrency: 2, queueMs: 10_000 });
    const { t, work } = tracker();
    const results = [1, 2, 3, 4, 5].map((n) => gate.run(work(n)));
    await tick();
    expect(t.started).toEqual([1, 2]);
    expect(gate.load).toEqual({ running: 2, waiting: 3 });
    while (t.releases.length) {
      t.releases.shift()!();
      await tick();
    }
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
    expect(t.started).toEqual([1, 2, 3, 4, 5]);
    expect(t.most).toBe(2);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  test('a traversal that waits past queueMs is turned away (StoreBusyError) and never runs; the next one takes its turn', async () => {
    const gate = new TurnGate({ concurrency: 1, queueMs: 30 });
    const { t, work } = tracker();
    const first = gate.run(work(1));
    const second = gate.run(work(2));
    await expect(second).rejects.toBeInstanceOf(StoreBusyError);
    const third = gate.run(work(3));
    t.releases.shift()!();
    await tick();
    await tick();
    expect(t.started).toEqual([1, 3]);
    t.releases.shift()!();
    expect(await first).toBe(1);
    expect(await third).toBe(3);
  });

  test('a traversal whose client goes while it waits is dropped (ClientGoneError), never runs, and frees its place', async () => {
    const gate = new TurnGate({ concurrency: 1, queueMs: 10_000 });
    const { t, work } = tracker();
    const first = gate.run(work(1));
    const client = new AbortController();
    const gone = gate.run(work(2), client.signal);
    const third = gate.run(work(3), new AbortController().signal);
    await tick();
    expect(gate.load).toEqual({ running: 1, waiting: 2 });
    client.abort();
    await expect(gone).rejects.toBeInstanceOf(ClientGoneError);
    expect(gate.load).toEqual({ running: 1, waiting: 1 });
    t.releases.shift()!();
    await tick();
    await tick();
    expect(t.started).toEqual([1, 3]);
    t.releases.shift()!();
    expect([await first, await third]).toEqual([1, 3]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    // gone before it asked: dropped at once; gone once running: it runs to its end
    const before = new AbortController();
    before.abort();
    await expect(gate.run(work(4), before.signal)).rejects.toBeInstanceOf(ClientGoneError);
    const late = new AbortController();
    const running = gate.run(work(5), late.signal);
    await tick();
    late.abort();
    t.releases.shift()!();
    expect(await running).toBe(5);
    expect(t.started).toEqual([1, 3, 5]);
  });

  test('queueMs 0: turned away at once when every slot is taken', async () => {
    const gate = new TurnGate({ concurrency: 1, queueMs: 0 });
    const { t, work } = tracker();
    const first = gate.run(work(1));
    const err = await gate.run(work(2)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreBusyError);
    expect((err as StoreBusyError).retryAfterSeconds).toBeGreaterThan(0);
    t.releases.shift()!();
    expect(await first).toBe(1);
    const again = gate.run(work(3));
    await tick();
    t.releases.shift()!();
    expect(await again).toBe(3);
  });

  test('a failing traversal passes its error on and frees its slot', async () => {
    const gate = new TurnGate({ concurrency: 1, queueMs: 1000 });
    const boom = new Error('boom');
    await expect(gate.run(() => Promise.reject(boom))).rejects.toBe(boom);
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  test('concurrency 0: no cap', async () => {
    const gate = new TurnGate({ concurrency: 0, queueMs: 0 });
    const { t, work } = tracker();
    const all = Array.from({ length: 50 }, (_, i) => gate.run(work(i)));
    await tick();
    expect(t.running).toBe(50);
    t.releases.forEach((release) => release());
    expect((await Promise.all(all)).length).toBe(50);
  });

  test('a wait shorter than queueMs is not turned away', async () => {
    const gate = new TurnGate({ concurrency: 1, queueMs: 2000 });
    const { t, work } = tracker();
    const first = gate.run(work(1));
    const second = gate.run(work(2));
    await sleep(50);
    t.releases.shift()!();
    await tick();
    t.releases.shift()!();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
  });

  test('hold: a turn kept until released (once, however often release is called); the busy text is the gate\'s', async () => {
    const gate = new TurnGate({ concurrency: 2, queueMs: 30 }, 'Too many exports are streaming.');
    const a = await gate.hold();
    const b = await gate.hold();
    expect(gate.load).toEqual({ running: 2, waiting: 0 });
    const turnedAway = await gate.hold().catch((e: unknown) => e);
    expect(turnedAway).toBeInstanceOf(StoreBusyError);
    expect((turnedAway as StoreBusyError).detail).toBe('Too many exports are streaming.');
    a();
    a();
    await tick();
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    const c = await gate.hold();
    await expect(gate.hold()).rejects.toBeInstanceOf(StoreBusyError);
    b();
    c();
    await tick();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  test('hold: one whose client goes while it waits is dropped', async () => {
    const gate = new TurnGate({ concurrency: 1, queueMs: 10_000 });
    const first = await gate.hold();
    const gone = new AbortController();
    const waiting = gate.hold(gone.signal);
    gone.abort();
    await expect(waiting).rejects.toBeInstanceOf(ClientGoneError);
    first();
    await tick();
    await expect(gate.hold()).resolves.toBeInstanceOf(Function);
  });
});
