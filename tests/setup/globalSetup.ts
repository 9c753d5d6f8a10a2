// Jest globalSetup: make a real Neo4j available to the test workers, or say clearly why not.
//
// 1. SKIP_NEO4J=1                 -> no Neo4j; Neo4j suites skip.
// 2. a Neo4j answers at NEO4J_URI (default bolt://127.0.0.1:7687, NEO4J_USERNAME/NEO4J_PASSWORD
//    if set), or an instance of scripts/neo4j.sh is already running -> reuse it, never stop it.
// 3. otherwise `scripts/neo4j.sh start` (Maven jars, see scripts/neo4j/pom.xml) on that port, or
//    on a free port when something that is not Neo4j holds it; globalTeardown stops it
//    (KEEP_NEO4J=1 leaves it running for the next run to reuse).
// If it cannot start: REQUIRE_NEO4J=1 fails the run with the log tail, else a warning and skips.
//
// Several Jest runs in one checkout share an instance that a Jest run started: each holds a lease
// (<home>/jest-leases/<pid>) and the last one to finish stops it. An instance started by hand
// (`scripts/neo4j.sh start`) or found elsewhere is never stopped.
//
// Results go to process.env (workers inherit it): NEO4J_TEST_URI, NEO4J_TEST_AVAILABLE=1|0,
// NEO4J_TEST_SKIP_REASON; NEO4J_TEST_STARTED=1 tells globalTeardown that we hold a lease.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { neo4jAuthFromEnv } from '../helpers/neo4j';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'neo4j.sh');
const DEFAULT_URI = 'bolt://127.0.0.1:7687';
const HOME_DIR = path.resolve(ROOT, process.env.NEO4J_HOME_DIR || '.neo4j');
const LEASES = path.join(HOME_DIR, 'jest-leases');

const log = (msg: string): void => {
  process.stderr.write(`[neo4j] ${msg}\n`);
};

/** True when a Neo4j at `uri` runs `RETURN 1` within a few seconds. */
async function answers(uri: string): Promise<boolean> {
  let driver;
  try {
    driver = neo4j.driver(uri, neo4jAuthFromEnv(), {
      connectionTimeout: 3_000,
      connectionAcquisitionTimeout: 4_000,
      maxTransactionRetryTime: 0,
      maxConnectionPoolSize: 1,
    });
    const { records } = await driver.executeQuery('RETURN 1 AS one');
    return records[0]?.get('one')?.toNumber() === 1;
  } catch {
    return false;
  } finally {
    await driver?.close().catch(() => undefined);
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

interface ScriptResult {
  code: number | null;
  output: string;
}

/** Runs scripts/neo4j.sh, echoing its progress lines to stderr. */
export function runNeo4jScript(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  opts: { echo?: boolean; timeoutMs?: number } = {},
): Promise<ScriptResult> {
  const { echo = true, timeoutMs = 600_000 } = opts;
  return new Promise((resolve) => {
    const child = spawn('bash', [SCRIPT, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (echo) process.stderr.write(chunk);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      output += `\n[neo4j] scripts/neo4j.sh ${args.join(' ')} took longer than ${timeoutMs} ms: killed\n`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, output: `${output}\n${err.message}` });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function localPortOf(uri: string): number | undefined {
  try {
    const url = new URL(uri);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return undefined;
    return url.port ? Number(url.port) : 7687;
  } catch {
    return undefined;
  }
}

const readState = (name: string): string | undefined => {
  try {
    return fs.readFileSync(path.join(HOME_DIR, name), 'utf8').trim();
  } catch {
    return undefined;
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Take a lease when `uri` is the scripts/neo4j.sh instance that a Jest run started. */
function leaseIfJestOwned(uri: string): void {
  const port = readState('neo4j.port');
  if (!port || readState('neo4j.owner') !== 'jest' || uri !== `bolt://127.0.0.1:${port}`) return;
  fs.mkdirSync(LEASES, { recursive: true });
  fs.writeFileSync(path.join(LEASES, String(process.pid)), `${uri}\n`);
  process.env.NEO4J_TEST_STARTED = '1';
}

/** Drop our lease; true when no other live Jest run holds one (so the caller may stop Neo4j). */
export function releaseLease(): boolean {
  fs.rmSync(path.join(LEASES, String(process.pid)), { force: true });
  let others: string[] = [];
  try {
    others = fs.readdirSync(LEASES);
  } catch {
    return true;
  }
  const live = others.filter((name) => {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return true;
    fs.rmSync(path.join(LEASES, name), { force: true }); // a run that died without teardown
    return false;
  });
  if (live.length) log(`still used by Jest run(s) ${live.join(', ')}: leaving it running`);
  return live.length === 0;
}

function publish(uri: string | undefined, reason?: string): void {
  if (uri) {
    process.env.NEO4J_TEST_URI = uri;
    process.env.NEO4J_TEST_AVAILABLE = '1';
    delete process.env.NEO4J_TEST_SKIP_REASON;
  } else {
    delete process.env.NEO4J_TEST_URI;
    process.env.NEO4J_TEST_AVAILABLE = '0';
    process.env.NEO4J_TEST_SKIP_REASON = reason ?? 'no Neo4j';
  }
}

export default async function globalSetup(): Promise<void> {
  delete process.env.NEO4J_TEST_STARTED;
  const required = process.env.REQUIRE_NEO4J === '1';

  if (process.env.SKIP_NEO4J === '1') {
    if (required) throw new Error('SKIP_NEO4J=1 and REQUIRE_NEO4J=1 contradict each other');
    log('SKIP_NEO4J=1: not looking for Neo4j; Neo4j suites will be skipped');
    publish(undefined, 'SKIP_NEO4J=1');
    return;
  }

  const uri = process.env.NEO4J_URI || DEFAULT_URI;
  if (await answers(uri)) {
    log(`using the Neo4j already answering at ${uri}`);
    publish(uri);
    leaseIfJestOwned(uri);
    return;
  }

  // An instance of the script may already run on another port (e.g. after KEEP_NEO4J=1).
  const status = await runNeo4jScript(['status'], {}, { echo: false, timeoutMs: 10_000 });
  const running = /bolt:\/\/127\.0\.0\.1:(\d+)/.exec(status.output);
  if (status.code === 0 && running) {
    const existing = `bolt://127.0.0.1:${running[1]}`;
    if (await answers(existing)) {
      log(`using the scripts/neo4j.sh instance already running at ${existing}`);
      publish(existing);
      leaseIfJestOwned(existing);
      return;
    }
  }

  let port = Number(process.env.NEO4J_BOLT_PORT ?? localPortOf(uri) ?? 7687);
  if (await portInUse(port)) {
    const taken = port;
    port = await freePort();
    log(`port ${taken} is held by something that does not answer as Neo4j: using ${port}`);
  }

  log(`no Neo4j at ${uri}: starting one with scripts/neo4j.sh on port ${port}`);
  const started = await runNeo4jScript(['start'], { NEO4J_BOLT_PORT: String(port), NEO4J_OWNER: 'jest' });
  const testUri = `bolt://127.0.0.1:${port}`;
  if (started.code === 0 && (await answers(testUri))) {
    publish(testUri);
    leaseIfJestOwned(testUri);
    return;
  }

  const tail = started.output.trim().split('\n').slice(-40).join('\n');
  const reason = `scripts/neo4j.sh start failed (exit ${started.code})`;
  if (required) {
    throw new Error(`REQUIRE_NEO4J=1 but Neo4j could not start: ${reason}\n${tail}`);
  }
  log(
    `WARNING: ${reason}. Neo4j suites will be SKIPPED (set REQUIRE_NEO4J=1 to fail instead).\n${tail}`,
  );
  publish(undefined, reason);
}
