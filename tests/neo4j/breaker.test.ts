/** The circuit breaker alone (no database): it releases running calls when it opens, and keeps nothing of a finished call. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CircuitBreaker } from '../../src/graph/neo4j/breaker';
import { StoreUnavailableError } from '../../src/graph/errors';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const macrotask = () => new Promise((resolve) => setImmediate(resolve));

describe('CircuitBreaker', () => {
  let breaker: CircuitBreaker;
  beforeEach(() => {
    breaker = new CircuitBreaker(async () => undefined);
  });
  afterEach(() => breaker.stop());

  it('passes a call’s value and error through', async () => {
    await expect(breaker.run(async () => 42)).resolves.toBe(42);
    await expect(breaker.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });

  it('releases a running call with StoreUnavailableError when it opens, and refuses new calls', async () => {
    const running = breaker.run(() => new Promise(() => undefined));
    breaker.trip('test');
    await expect(running).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(breaker.run(async () => 1)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('does not keep a finished call’s result alive', async () => {
    let ref: WeakRef<object> | undefined;
    await breaker.run(async () => {
      const result = { records: new Array(1000).fill('x') };
      ref = new WeakRef(result);
      return result;
    });
    // WeakRef targets live until the current job ends: collect on a later task.
    await macrotask();
    gc();
    await macrotask();
    gc();
    expect(ref!.deref()).toBeUndefined();
  });
});
