/**
 * The GraphStore contract: one suite, the same expectations for every store. The setup function must
 * return a store holding exactly the synthetic fixture graph (tests/fixtures: fixtureGraphData(), or
 * the bundles in FIXTURE_BUNDLE_DIR) and a teardown. Expected values are worked out from the fixture's
 * design (tests/contract/parts/facts.ts), not recorded from a store. The rules being checked are
 * written in src/graph/store.ts and next to the memory store's code (src/graph/memory/*.ts).
 */
import type { GraphStore } from '../../src/graph/store';
import { aggregateContract } from './parts/aggregate';
import { entityContract } from './parts/entities';
import { relationContract } from './parts/relations';
import { searchContract, timelineContract } from './parts/search-timeline';
import { timeContract } from './parts/time';
import { traversalContract } from './parts/traversal';

export function graphStoreContract(
  name: string,
  setup: () => Promise<{ store: GraphStore; teardown: () => Promise<void> }>,
  setupTimeoutMs?: number,
): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore | undefined;
    let teardown: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, teardown } = await setup());
    }, setupTimeoutMs);

    afterAll(async () => {
      await teardown?.();
    });

    const current = (): GraphStore => {
      if (!store) throw new Error(`the ${name} store was not set up`);
      return store;
    };

    entityContract(current);
    relationContract(current);
    timeContract(current);
    traversalContract(current);
    searchContract(current);
    timelineContract(current);
    aggregateContract(current);
  });
}
