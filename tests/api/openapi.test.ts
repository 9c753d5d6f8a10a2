import { readFileSync } from 'node:fs';
import { OPENAPI_FILE, renderOpenApiYaml } from '../../scripts/openapi';

test('openapi.yaml matches what the code serves (run `npm run openapi` after changing a route)', async () => {
  const committed = readFileSync(OPENAPI_FILE, 'utf8');
  expect(await renderOpenApiYaml()).toBe(committed);
});
