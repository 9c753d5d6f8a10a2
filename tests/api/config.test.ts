import { ConfigError, loadConfig } from '../../src/config';
import { LIMITS } from '../../src/schemas/limits';

describe('configuration', () => {
  test('defaults: memory store on 127.0.0.1:3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, store: 'memory', corsOrigins: '*', rateLimitMax: 300 });
    expect(c.neo4j).toBeUndefined();
  });

  test('NEO4J_URI selects Neo4j; GRAPH_STORE overrides', () => {
    expect(loadConfig({ NEO4J_URI: 'bolt://localhost:7687' }).store).toBe('neo4j');
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://db.example.org', GRAPH_STORE: 'memory' }).store).toBe('memory');
  });

  test('NEO4J_TRAVERSALS and NEO4J_TRAVERSAL_WAIT_MS: the traversal gate, defaults from LIMITS, 0 allowed', () => {
    expect(loadConfig({}).traversals).toEqual({ concurrency: LIMITS.traversals, queueMs: LIMITS.traversalWaitMs });
    expect(loadConfig({ NEO4J_TRAVERSALS: '0', NEO4J_TRAVERSAL_WAIT_MS: '250' }).traversals).toEqual({ concurrency: 0, queueMs: 250 });
  });

  test('EXPORT_TIMEOUT_MS, EXPORT_STALL_MS, NEO4J_EXPORTS and NEO4J_EXPORT_WAIT_MS: the downloads\' limits, defaults from LIMITS', () => {
    const d = loadConfig({});
    expect(d.exports).toEqual({ timeoutMs: LIMITS.exportTimeoutMs, stallMs: LIMITS.exportStallMs });
    expect(d.exportTurns).toEqual({ concurrency: LIMITS.exports, queueMs: LIMITS.exportWaitMs });
    const c = loadConfig({ EXPORT_TIMEOUT_MS: '7200000', EXPORT_STALL_MS: '500', NEO4J_EXPORTS: '0', NEO4J_EXPORT_WAIT_MS: '0' });
    expect(c.exports).toEqual({ timeoutMs: 7_200_000, stallMs: 500 });
    expect(c.exportTurns).toEqual({ concurrency: 0, queueMs: 0 });
    // the download's own limit is not the time to answer other requests
    expect(d.exports.timeoutMs).toBeGreaterThan(d.requestTimeoutMs);
  });

  test('empty variables count as unset (as in a copied .env.example)', () => {
    expect(loadConfig({ NEO4J_URI: '', PORT: '' }).store).toBe('memory');
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NEO4J_URI: 'http://localhost:7474' }, 'NEO4J_URI'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ GRAPH_STORE: 'neo4j' }, 'NEO4J_URI'],
    [{ NEO4J_TRAVERSALS: '-1' }, 'NEO4J_TRAVERSALS'],
    [{ NEO4J_TRAVERSALS: 'four' }, 'NEO4J_TRAVERSALS'],
    [{ NEO4J_TRAVERSAL_WAIT_MS: '1.5' }, 'NEO4J_TRAVERSAL_WAIT_MS'],
    [{ EXPORT_TIMEOUT_MS: '0' }, 'EXPORT_TIMEOUT_MS'],
    [{ EXPORT_TIMEOUT_MS: '86400001' }, 'EXPORT_TIMEOUT_MS'],
    [{ EXPORT_STALL_MS: '50' }, 'EXPORT_STALL_MS'],
    [{ NEO4J_EXPORTS: '-1' }, 'NEO4J_EXPORTS'],
    [{ NEO4J_EXPORT_WAIT_MS: 'soon' }, 'NEO4J_EXPORT_WAIT_MS'],
  ])('%p is rejected with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  test('API_KEYS: name:sha256hex pairs; hashes kept lowercase; READ_REQUIRES_KEY needs a key', () => {
    const hash = 'AB'.repeat(32);
    expect(loadConfig({ API_KEYS: `alice:${hash}, bob.x:${'0'.repeat(64)}` }).apiKeys).toEqual([
      { name: 'alice', sha256: 'ab'.repeat(32) },
      { name: 'bob.x', sha256: '0'.repeat(64) },
    ]);
    expect(loadConfig({}).apiKeys).toEqual([]);
    expect(loadConfig({}).readRequiresKey).toBe(false);
    expect(() => loadConfig({ API_KEYS: 'alice:secret' })).toThrow(/API_KEYS: entry 1 is not name:sha256hex/);
    expect(() => loadConfig({ API_KEYS: `a:${hash},a:${hash}` })).toThrow(/API_KEYS: the name "a" is given twice/);
    expect(() => loadConfig({ READ_REQUIRES_KEY: 'true' })).toThrow(/READ_REQUIRES_KEY/);
    expect(() => loadConfig({ READ_REQUIRES_KEY: 'yes' })).toThrow(/READ_REQUIRES_KEY/);
    expect(() => loadConfig({ WRITE_BODY_LIMIT: '10' })).toThrow(/WRITE_BODY_LIMIT/);
  });

  test('CORS_ORIGINS takes a comma-separated list', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
});
