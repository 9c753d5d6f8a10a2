// Jest globalTeardown: stop the Neo4j that a Jest run started (never one found or started by hand),
// unless another Jest run in this checkout still holds a lease on it.
// KEEP_NEO4J=1 leaves it running; the next run finds and reuses it.
import { releaseLease, runNeo4jScript } from './globalSetup';

export default async function globalTeardown(): Promise<void> {
  if (process.env.NEO4J_TEST_STARTED !== '1') return;
  delete process.env.NEO4J_TEST_STARTED;
  if (!releaseLease()) return;
  if (process.env.KEEP_NEO4J === '1') {
    process.stderr.write(`[neo4j] KEEP_NEO4J=1: leaving ${process.env.NEO4J_TEST_URI} running (scripts/neo4j.sh stop)\n`);
    return;
  }
  // A throwaway test instance: a short grace period, then SIGKILL.
  const { code, output } = await runNeo4jScript(['stop'], { NEO4J_STOP_TIMEOUT: '15' }, { timeoutMs: 60_000 });
  if (code !== 0) {
    process.stderr.write(`[neo4j] stopping the test Neo4j failed (exit ${code}):\n${output}\n`);
  }
}
