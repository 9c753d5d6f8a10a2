/**
 * Configuration from the environment, validated once at start. A bad value stops the process with a
 * message naming the variable (see .env.example for every variable).
 */
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { LIMITS } from './schemas/limits';

const ConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  GRAPH_STORE: Type.Optional(Type.Enum(['memory', 'neo4j'])),
  NEO4J_URI: Type.Optional(Type.String({ pattern: '^(neo4j|bolt)(\\+s|\\+ssc)?://[^\\s/]+(:[0-9]+)?/?$' })),
  NEO4J_USERNAME: Type.Optional(Type.String()),
  NEO4J_PASSWORD: Type.Optional(Type.String()),
  NEO4J_DATABASE: Type.Optional(Type.String({ minLength: 1 })),
  SEED_DIR: Type.Optional(Type.String({ minLength: 1 })),
  CORS_ORIGINS: Type.String({ default: '*' }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 0, default: 300 }),
  API_KEYS: Type.Optional(Type.String()),
  READ_REQUIRES_KEY: Type.Enum(['true', 'false'], { default: 'false' }),
  WRITE_BODY_LIMIT: Type.Integer({ minimum: 1024, default: 5 * 1024 * 1024 }),
  WRITE_RATE_LIMIT_MAX: Type.Integer({ minimum: 0, default: 30 }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 30_000 }),
  NEO4J_QUERY_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 10_000 }),
  NEO4J_TRAVERSALS: Type.Integer({ minimum: 0, maximum: 1000, default: LIMITS.traversals }),
  NEO4J_TRAVERSAL_WAIT_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: LIMITS.traversalWaitMs }),
  EXPORT_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 86_400_000, default: LIMITS.exportTimeoutMs }),
  EXPORT_STALL_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: LIMITS.exportStallMs }),
  NEO4J_EXPORTS: Type.Integer({ minimum: 0, maximum: 1000, default: LIMITS.exports }),
  NEO4J_EXPORT_WAIT_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: LIMITS.exportWaitMs }),
});
type RawConfig = Static<typeof ConfigSchema>;

export interface Config {
  host: string;
  port: number;
  logLevel: RawConfig['LOG_LEVEL'];
  store: 'memory' | 'neo4j';
  neo4j?: { uri: string; username?: string; password?: string; database?: string };
  seedDir?: string;
  corsOrigins: string[] | '*';
  /** Requests per minute per client IP; 0 turns rate limiting off. */
  rateLimitMax: number;
  /** Named API keys, each kept only as the SHA-256 of the token (lowercase hex). */
  apiKeys: ApiKey[];
  /** true: reads need a key too (health probes, the OpenAPI document and /docs stay open). */
  readRequiresKey: boolean;
  /** Largest write body in bytes (larger: 413). */
  writeBodyLimit: number;
  /** Writes per minute per client IP (on top of rateLimitMax); 0 = only the global limit. */
  writeRateLimitMax: number;
  /** Time to receive a request and to answer it (Fastify requestTimeout and handlerTimeout). */
  requestTimeoutMs: number;
  /** Neo4j transaction timeout: the database cancels a query that runs longer (504 problem). */
  queryTimeoutMs: number;
  /** Paths and large neighbourhoods running on Neo4j at once (0: no cap), and how long one waits for its turn before a 503. */
  traversals: { concurrency: number; queueMs: number };
  /**
   * Downloads of /export/*: how long one may stream in all (past it, the response is cut; on Neo4j also the
   * export statements' transaction timeout), and how long its client may take nothing before it is dropped.
   */
  exports: { timeoutMs: number; stallMs: number };
  /** Whole-graph exports streaming from Neo4j at once (0: no cap), and how long one waits for its turn before a 503. */
  exportTurns: { concurrency: number; queueMs: number };
}

export interface ApiKey {
  name: string;
  sha256: string;
}

/** API_KEYS="alice:<sha256 hex of alice's token>,bob:<...>": names are unique, hashes are 64 hex digits. */
export function parseApiKeys(value: string | undefined): ApiKey[] {
  if (value === undefined || value.trim() === '') return [];
  const keys: ApiKey[] = [];
  for (const [i, entry] of value.split(',').map((e) => e.trim()).entries()) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63}):([0-9a-fA-F]{64})$/.exec(entry);
    if (!m) {
      throw new ConfigError(
        `Invalid configuration:\n  API_KEYS: entry ${i + 1} is not name:sha256hex (a name of letters, digits, . _ -, then the 64 hex digits of the token's SHA-256)`,
      );
    }
    if (keys.some((k) => k.name === m[1])) throw new ConfigError(`Invalid configuration:\n  API_KEYS: the name "${m[1]}" is given twice`);
    keys.push({ name: m[1]!, sha256: m[2]!.toLowerCase() });
  }
  return keys;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const INTEGER_VARS = new Set(['PORT', 'RATE_LIMIT_MAX', 'WRITE_BODY_LIMIT', 'WRITE_RATE_LIMIT_MAX', 'REQUEST_TIMEOUT_MS', 'NEO4J_QUERY_TIMEOUT_MS', 'NEO4J_TRAVERSALS', 'NEO4J_TRAVERSAL_WAIT_MS',
  'EXPORT_TIMEOUT_MS', 'EXPORT_STALL_MS', 'NEO4J_EXPORTS', 'NEO4J_EXPORT_WAIT_MS']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    raw[key] = INTEGER_VARS.has(key) && /^-?[0-9]+$/.test(value.trim()) ? Number(value) : value;
  }
  const withDefaults = Value.Default(ConfigSchema, raw);
  const errors = [...Value.Errors(ConfigSchema, withDefaults)];
  if (errors.length) {
    const lines = errors.map((e) => {
      const name = e.instancePath.replace(/^\//, '') || (e.params as { requiredProperties?: string[] }).requiredProperties?.[0];
      return `${name}=${JSON.stringify(raw[name ?? ''])}: ${e.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = withDefaults as RawConfig;
  const store = c.GRAPH_STORE ?? (c.NEO4J_URI ? 'neo4j' : 'memory');
  if (store === 'neo4j' && !c.NEO4J_URI) {
    throw new ConfigError('Invalid configuration:\n  NEO4J_URI: required when GRAPH_STORE=neo4j');
  }
  const origins = c.CORS_ORIGINS.trim();
  const apiKeys = parseApiKeys(c.API_KEYS);
  const readRequiresKey = c.READ_REQUIRES_KEY === 'true';
  if (readRequiresKey && apiKeys.length === 0) {
    throw new ConfigError('Invalid configuration:\n  READ_REQUIRES_KEY: true needs at least one key in API_KEYS');
  }
  return {
    host: c.HOST,
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    store,
    neo4j: c.NEO4J_URI
      ? { uri: c.NEO4J_URI, username: c.NEO4J_USERNAME, password: c.NEO4J_PASSWORD, database: c.NEO4J_DATABASE }
      : undefined,
    seedDir: c.SEED_DIR,
    corsOrigins: origins === '*' ? '*' : origins.split(',').map((o) => o.trim()).filter(Boolean),
    rateLimitMax: c.RATE_LIMIT_MAX,
    apiKeys,
    readRequiresKey,
    writeBodyLimit: c.WRITE_BODY_LIMIT,
    writeRateLimitMax: c.WRITE_RATE_LIMIT_MAX,
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
    queryTimeoutMs: c.NEO4J_QUERY_TIMEOUT_MS,
    traversals: { concurrency: c.NEO4J_TRAVERSALS, queueMs: c.NEO4J_TRAVERSAL_WAIT_MS },
    exports: { timeoutMs: c.EXPORT_TIMEOUT_MS, stallMs: c.EXPORT_STALL_MS },
    exportTurns: { concurrency: c.NEO4J_EXPORTS, queueMs: c.NEO4J_EXPORT_WAIT_MS },
  };
}
