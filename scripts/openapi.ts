// `npm run openapi`: writes openapi.yaml from the route schemas. tests/api/openapi.test.ts fails when it drifts.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { MemoryGraphStore } from '../src/graph/memory';
import { loadGraphData } from '../src/graph/data/bundle';

export const OPENAPI_FILE = resolve(__dirname, '..', 'openapi.yaml');

export async function renderOpenApiYaml(): Promise<string> {
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0' }),
    store: MemoryGraphStore.fromGraphData(loadGraphData()),
  });
  await app.ready();
  const yaml = app.swagger({ yaml: true });
  await app.close();
  return yaml;
}

if (require.main === module) {
  renderOpenApiYaml().then((yaml) => {
    writeFileSync(OPENAPI_FILE, yaml);
    console.log(`wrote ${OPENAPI_FILE} (${yaml.split('\n').length} lines)`);
  });
}
