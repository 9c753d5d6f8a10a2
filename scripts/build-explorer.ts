/**
 * Builds the browser explorer (web/) into dist/explorer: one minified ES module bundle (Cytoscape.js
 * included, no CDN), the stylesheet and the page. `npm run build` runs it after tsc; the e2e tests call it.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const OUT_DIR = path.join(ROOT, 'dist', 'explorer');

export async function buildExplorer(): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, 'web', 'src', 'main.ts')],
    outfile: path.join(OUT_DIR, 'explorer.js'),
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    target: ['es2022'],
    legalComments: 'linked',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'explorer.css']) fs.copyFileSync(path.join(ROOT, 'web', file), path.join(OUT_DIR, file));
}

if (require.main === module) {
  buildExplorer().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
