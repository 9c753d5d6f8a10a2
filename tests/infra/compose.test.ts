// docker-compose.yml, Dockerfile and .dockerignore checked without a Docker engine:
// the compose file against the Compose Specification JSON schema, plus the properties we rely on.
//
// The schema is the compose-spec project's `compose-spec.json` (Apache-2.0) as shipped by the
// `dclint` devDependency (schemas/compose.schema.json), so nothing is vendored or fetched here.
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

type Json = Record<string, unknown>;

function loadComposeSchema(): Json {
  // dclint's package exports do not expose the file, so resolve the package folder instead.
  const dir = path.dirname(require.resolve('dclint/package.json'));
  const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schemas', 'compose.schema.json'), 'utf8')) as Json;
  // Draft-07 content under an https `$schema` URI that Ajv's draft-07 build does not know by name.
  delete schema.$schema;
  return schema;
}

function parseYaml(source: string): Json {
  const doc = parseDocument(source, { merge: false, uniqueKeys: true });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  expect(doc.warnings.map((e) => e.message)).toEqual([]);
  return doc.toJS() as Json;
}

const errorsOf = (validate: ValidateFunction): string[] =>
  (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/** How `npm start` runs the server (package.json). */
const npmStart = () => (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;

describe('docker-compose.yml', () => {
  let compose: Json;
  let validate: ValidateFunction;
  let services: Record<string, Json>;

  beforeAll(() => {
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false });
    validate = ajv.compile(loadComposeSchema());
    compose = parseYaml(read('docker-compose.yml'));
    services = compose.services as Record<string, Json>;
  });

  it('is valid against the Compose Specification schema', () => {
    const ok = validate(compose);
    expect(errorsOf(validate)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator rejects what Compose would reject (the schema is really in force)', () => {
    const broken = structuredClone(compose) as { services: Record<string, Json> };
    broken.services.api!.depends_on = { neo4j: { condition: 'when_ready' } };
    expect(validate(broken)).toBe(false);
    const unknownKey = structuredClone(compose) as { services: Record<string, Json> };
    unknownKey.services.neo4j!.helthcheck = {};
    expect(validate(unknownKey)).toBe(false);
  });

  it('runs neo4j:5.26-community with a healthcheck, auth from the environment and a named volume', () => {
    const neo4j = services.neo4j!;
    expect(neo4j.image).toBe('neo4j:5.26-community');
    const env = neo4j.environment as Record<string, string>;
    // the password is required (compose stops with a message when it is unset), never defaulted
    expect(env.NEO4J_AUTH).toMatch(/^\$\{NEO4J_USERNAME:-neo4j\}\/\$\{NEO4J_PASSWORD:\?[^}]+\}$/);
    expect(env.NEO4J_server_memory_heap_max__size).toMatch(/^\d+[mg]$/);
    expect(env.NEO4J_server_memory_pagecache_size).toMatch(/^\d+[mg]$/);
    const healthcheck = neo4j.healthcheck as { test: string[] };
    expect(healthcheck.test.join(' ')).toMatch(/cypher-shell|7474/);
    const volumes = neo4j.volumes as string[];
    const named = volumes.map((v) => v.split(':')[0]!).filter((v) => !v.startsWith('.') && !v.startsWith('/'));
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(Object.keys(compose.volumes as Json)).toContain(name);
    expect(volumes.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  it('starts the api after neo4j is healthy, pointed at it, seeding before it serves', () => {
    const api = services.api!;
    expect(api.depends_on).toMatchObject({ neo4j: { condition: 'service_healthy' } });
    expect(api.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile' });
    const env = api.environment as Record<string, string>;
    expect(env.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(env.NEO4J_USERNAME).toBeDefined();
    expect(env.NEO4J_PASSWORD).toMatch(/^\$\{NEO4J_PASSWORD:\?/);
    expect(env.HOST).toBe('0.0.0.0');
    expect(String(env.PORT)).toBe('3000');
    const command = (api.command as string[]).join(' ');
    expect(command).toMatch(/seed.*&&.*server/);
    // then the server as `npm start` runs it, Node flags included
    const start = npmStart();
    expect(command.endsWith(`exec ${start}`)).toBe(true);
    expect((api.ports as string[]).some((p) => p.endsWith(':3000'))).toBe(true);
    const healthcheck = api.healthcheck as { test: string[] };
    expect(healthcheck.test.join(' ')).toContain('/health');
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const instructions = lines.map((l) => {
    const [word = '', ...rest] = l.split(/\s+/);
    return { op: word.toUpperCase(), args: rest.join(' ') };
  });
  const stages = instructions.flatMap((ins, i) => (ins.op === 'FROM' ? [i] : []));

  it('is multi-stage: a build stage and a runtime stage on node slim images', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const i of stages) expect(instructions[i]!.args).toMatch(/^node:\S+-slim\b/);
    expect(instructions[stages[0]!]!.args).toMatch(/\sAS\s+build$/i);
    const runtime = instructions.slice(stages.at(-1));
    expect(runtime.some((i) => i.op === 'COPY' && i.args.startsWith('--from=build'))).toBe(true);
    expect(runtime.some((i) => i.op === 'RUN' && /npm ci\b.*--omit=dev/.test(i.args))).toBe(true);
    // seed bundles ship next to the compiled loader, which reads ./bundles beside itself
    expect(runtime.some((i) => i.op === 'COPY' && /^seed\/bundles\s+\.\/dist\/seed\/bundles$/.test(i.args))).toBe(true);
  });

  it('runs the final stage as a non-root user, exposes 3000, has a HEALTHCHECK and a node CMD', () => {
    const runtime = instructions.slice(stages.at(-1));
    const users = runtime.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.some((i) => i.op === 'EXPOSE' && /\b3000\b/.test(i.args))).toBe(true);
    expect(runtime.some((i) => i.op === 'HEALTHCHECK' && i.args.includes('/health'))).toBe(true);
    const cmd = runtime.filter((i) => i.op === 'CMD').at(-1);
    // the server as `npm start` runs it, Node flags included
    const start = npmStart();
    expect(JSON.parse(cmd!.args)).toEqual(start.split(/\s+/));
    expect(start).toMatch(/^node .*dist\/src\/server\.js$/);
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, local Neo4j data, git history and secrets out of the build context', () => {
    const entries = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const e of ['node_modules', '.neo4j', '.git', '.env', 'dist']) expect(entries).toContain(e);
  });
});
