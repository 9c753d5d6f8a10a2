// A Neo4j of a test's own (scripts/neo4j.sh in a temporary home, on a free port, without authentication
// whatever the pass): for a test that replaces the database or needs settings the shared one does not have.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const SCRIPT = resolve(__dirname, '../../scripts/neo4j.sh');
const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface OwnNeo4j {
  uri: string;
  /** A folder of the test's own, removed by stop(). */
  work: string;
  /** The environment script() runs with (a test may change it). */
  env: NodeJS.ProcessEnv;
  /** scripts/neo4j.sh with this instance's environment (e.g. `import DIR`, `start`). */
  script(...args: string[]): Promise<void>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** The instance's folder and environment; `settings`: more scripts/neo4j.sh variables (e.g. NEO4J_TX_MEMORY). */
export async function ownNeo4j(settings: Record<string, string> = {}): Promise<OwnNeo4j> {
  const work = await mkdtemp(join(tmpdir(), 'kg-own-neo4j-'));
  const port = await freePort();
  const env = { ...process.env, NEO4J_HOME_DIR: join(work, 'neo4j'), NEO4J_BOLT_PORT: String(port), NEO4J_OWNER: 'jest', NEO4J_AUTH_PASSWORD: '', ...settings };
  const script = async (...args: string[]) => {
    await run('bash', [SCRIPT, ...args], { env, maxBuffer: 64 << 20 });
  };
  return {
    uri: `bolt://127.0.0.1:${port}`,
    work,
    env,
    script,
    stop: async () => {
      await script('stop').catch(() => undefined);
      await rm(work, { recursive: true, force: true });
    },
  };
}
