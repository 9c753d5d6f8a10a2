// The seed CLI's --import refuses what it cannot do before it stops or replaces anything: another server
// than the local scripts/neo4j.sh instance, another database, and options that mean a transactional load.
import { main } from '../../seed/cli';
import { notLocal } from '../../seed/import';

async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stderr: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  const lines: string[] = [];
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), stderr: lines.join('') };
  } finally {
    err.mockRestore();
    out.mockRestore();
    process.env = saved;
  }
}

describe('npm run seed -- --import', () => {
  it('refuses a server other than the local one on NEO4J_BOLT_PORT', async () => {
    const r = await runCli(['--import'], { NEO4J_URI: 'bolt://db.example.org:7687', NEO4J_BOLT_PORT: undefined });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/replaces the database of the local Neo4j/);
  });

  it('refuses another database than neo4j', async () => {
    const r = await runCli(['--import'], { NEO4J_URI: 'bolt://127.0.0.1:7799', NEO4J_BOLT_PORT: '7799', NEO4J_DATABASE: 'other' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/writes the database neo4j, not other/);
  });

  it('takes neither --reset nor --batch, and --import-files only with --import', async () => {
    expect((await runCli(['--import', '--reset'])).code).toBe(1);
    expect((await runCli(['--import', '--batch', '10'])).stderr).toMatch(/neither --reset nor --batch/);
    expect((await runCli(['--import-files', '/tmp/x'])).stderr).toMatch(/goes with --import/);
  });

  it('knows the local instance by host and port', () => {
    expect(notLocal('bolt://127.0.0.1:7687', {})).toBeUndefined();
    expect(notLocal('neo4j://localhost:7711', { NEO4J_BOLT_PORT: '7711' })).toBeUndefined();
    expect(notLocal('bolt://127.0.0.1:7687', { NEO4J_BOLT_PORT: '7711' })).toMatch(/7711/);
    expect(notLocal('bolt://10.0.0.2:7687', {})).toBeDefined();
    expect(notLocal('not a uri', {})).toMatch(/not a URI/);
  });
});
