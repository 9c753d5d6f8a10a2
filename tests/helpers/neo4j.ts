// Test access to the Neo4j that tests/setup/globalSetup.ts found or started.
// globalSetup runs in Jest's parent process and publishes the result through environment
// variables, which every test worker inherits:
//   NEO4J_TEST_URI          bolt URI of a server that answered `RETURN 1`
//   NEO4J_TEST_AVAILABLE    '1' or '0'
//   NEO4J_TEST_SKIP_REASON  why there is none (shown when suites are skipped)
import neo4j, { type AuthToken, type Config, type Driver, type Session } from 'neo4j-driver';

/** Credentials from NEO4J_USERNAME / NEO4J_PASSWORD, or none (the local test server runs without auth). */
export function neo4jAuthFromEnv(env: NodeJS.ProcessEnv = process.env): AuthToken | undefined {
  const user = env.NEO4J_USERNAME;
  const password = env.NEO4J_PASSWORD;
  return user ? neo4j.auth.basic(user, password ?? '') : undefined;
}

/** The URI of the test Neo4j, or undefined when none is available (tests should skip). */
export function neo4jTestUri(): string | undefined {
  const uri = process.env.NEO4J_TEST_URI;
  return process.env.NEO4J_TEST_AVAILABLE === '1' && uri ? uri : undefined;
}

const announced = new Set<string>();

/**
 * `describe` when a test Neo4j is available, otherwise `describe.skip` with a visible note,
 * so a run without Neo4j says what it did not test instead of passing silently.
 */
export function describeNeo4j(name: string, fn: () => void): void {
  if (neo4jTestUri()) {
    describe(name, fn);
    return;
  }
  if (!announced.has(name)) {
    announced.add(name);
    const reason = process.env.NEO4J_TEST_SKIP_REASON ?? 'no Neo4j was found or started';
    console.warn(`[neo4j] SKIPPED "${name}": ${reason}`);
  }
  describe.skip(name, fn);
}

/** A driver for the test Neo4j. The caller closes it (afterAll). Throws when none is available. */
export function openTestDriver(config: Config = {}): Driver {
  const uri = neo4jTestUri();
  if (!uri) {
    throw new Error(
      `No test Neo4j (${process.env.NEO4J_TEST_SKIP_REASON ?? 'globalSetup did not run'}); guard the suite with describeNeo4j`,
    );
  }
  return neo4j.driver(uri, neo4jAuthFromEnv(), {
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxConnectionPoolSize: 10,
    ...config,
  });
}

/**
 * After a test loads a graph: resample index statistics now and drop cached plans, as a database in use
 * would have settled. Otherwise Neo4j resamples a little later on its own and replans the statements a
 * test has warmed, inline, within a request's timeout (the 27-branch timeline page took over 10 s at load
 * average 4 and answered a timeout).
 */
export async function settleStatistics(driver: Driver): Promise<void> {
  await driver.executeQuery('CALL db.prepareForReplanning()');
}

/** What a watched driver's sessions tell: each statement they run (text and parameters), each read transaction they open. */
export interface SessionWatch {
  run?(query: string, params: Record<string, unknown>): void;
  /** To hold the statement's answer back: called when it has come, what to wait for before passing it on. */
  holdAnswer?(query: string, params: Record<string, unknown>): (() => Promise<void>) | undefined;
  executeRead?(): void;
}

/** `driver`, whose sessions tell `watch` what they send (and then send it). */
export function watchedDriver(driver: Driver, watch: SessionWatch): Driver {
  return new Proxy(driver, {
    get(target, prop) {
      if (prop !== 'session') return Reflect.get(target, prop, target) as unknown;
      return (config?: Parameters<Driver['session']>[0]): Session => {
        const session = target.session(config);
        const run = session.run.bind(session) as (...args: unknown[]) => ReturnType<Session['run']>;
        const executeRead = session.executeRead.bind(session) as (...args: unknown[]) => unknown;
        return Object.assign(session, {
          run: (query: string, params: Record<string, unknown> = {}, ...rest: unknown[]) => {
            watch.run?.(query, params);
            const hold = watch.holdAnswer?.(query, params);
            const result = run(query, params, ...rest);
            return hold ? result.then((answer) => hold().then(() => answer)) : result;
          },
          executeRead: (...args: unknown[]) => {
            watch.executeRead?.();
            return executeRead(...args);
          },
        });
      };
    },
  });
}

/**
 * Sends `send()` until one try is held (`held()` goes up) and returns that try, still pending. On a loaded
 * machine a new store's first ping may time out, and its breaker then turns a try away (503) before it reaches
 * the database: waiting for the hold alone hung a test until Jest's timeout (CI, 2026-12-05).
 */
export async function untilHeld<T>(held: () => number, send: () => Promise<T>): Promise<{ attempt: Promise<T> }> {
  for (let tries = 0; tries < 50; tries++) {
    const before = held();
    const attempt = send();
    let settled = false;
    attempt.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (held() === before && !settled) await new Promise((r) => setTimeout(r, 5));
    if (held() > before) return { attempt }; // wrapped: an async function would wait for a returned promise
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no try was held');
}
