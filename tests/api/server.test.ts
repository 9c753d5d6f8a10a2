// End to end: the real server process (src/server.ts) listens, answers, refuses bad config, and stops on SIGTERM.
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function startServer(env: Record<string, string>) {
  return spawn(TSX, ['src/server.ts'], { cwd: ROOT, env: { ...process.env, NEO4J_URI: '', GRAPH_STORE: '', ...env }, stdio: 'pipe' });
}

test('a bad PORT stops the process with a message naming the variable', async () => {
  const child = startServer({ PORT: 'eighty' });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(stderr).toMatch(/PORT="eighty"/);
});

test('the server listens, serves the article graph, and exits 0 on SIGTERM', async () => {
  const child = startServer({ PORT: '0', LOG_LEVEL: 'info' });
  let out = '';
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listen line in:\n${out}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  expect(out).toMatch(/graph store: memory with \d+ entities/);
  const ready = await (await fetch(`${address}/ready`)).json();
  expect(ready).toMatchObject({ status: 'ready', store: 'memory' });
  const masuzoe = await fetch(`${address}/entities/yoichi-masuzoe`);
  expect(masuzoe.status).toBe(200);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
