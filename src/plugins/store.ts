/**
 * The graph store as an infrastructure plugin: created once, checked at start, closed on shutdown.
 * Routes reach it as `app.store` and know only the GraphStore interface.
 */
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { createStore } from '../graph';
import type { GraphStore } from '../graph/store';

declare module 'fastify' {
  interface FastifyInstance {
    store: GraphStore;
  }
}

export interface StorePluginOptions {
  config: Config;
  /** A ready store (tests); closed with the app like one the plugin builds. */
  store?: GraphStore;
}

export default fp<StorePluginOptions>(
  async (app, opts) => {
    const store = opts.store ?? createStore(opts.config);
    app.decorate('store', store);
    app.addHook('onClose', async () => store.close());
    // Outages are noticed by a background ping (and recovery too), not by requests waiting on timeouts.
    app.addHook('onReady', async () =>
      store.watch?.((down, reason) =>
        down ? app.log.warn(`graph store unreachable (${reason}): answering 503 until it is back`) : app.log.info('graph store reachable again'),
      ),
    );
    try {
      await store.ping();
      const d = await store.describe();
      app.log.info(d, `graph store: ${d.store} with ${d.entities} entities, ${d.relations} relations, ${d.documents} documents`);
    } catch (err) {
      // Keep serving: /ready reports 503 and queries answer 503 with Retry-After until the store is back.
      app.log.warn({ err }, `graph store (${store.kind}) is not reachable yet`);
    }
  },
  { name: 'store' },
);
