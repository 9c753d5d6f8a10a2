// Shared by the export tests: the app over each store, what the store itself says a scope holds
// (read with its own paged lists, independently of src/export), and the documented flat columns.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app';
import { MemoryGraphStore } from '../../src/graph/memory';
import { Neo4jGraphStore } from '../../src/graph/neo4j';
import type { GraphStore, Page } from '../../src/graph/store';
import type { EntitySummary, Evidence, Relation } from '../../src/schemas/domain';
import type { EntityKind, RelationType } from '../../src/schemas/vocabulary';
import { bundleFiles, loadGraphData, readBundleFile, DEFAULT_BUNDLE_DIR } from '../../src/graph/data/bundle';
import { writeBundles } from '../../src/graph/neo4j/load';
import { FIXTURE_BUNDLE_DIR } from '../fixtures';
import { testConfig } from '../helpers/app';
import { describeNeo4j, openTestDriver } from '../helpers/neo4j';

export interface Target {
  app: FastifyInstance;
  store: GraphStore;
}

async function serve(store: GraphStore): Promise<Target> {
  const app = await buildApp({ config: testConfig(), store });
  await app.ready();
  return { app, store };
}

const memory = (dir: string) => () => serve(MemoryGraphStore.fromGraphData(loadGraphData(dir)));
const neo4j = (dir: string) => async () => {
  const driver = openTestDriver();
  await writeBundles(driver, bundleFiles(dir).map(readBundleFile), { reset: true });
  return serve(new Neo4jGraphStore(driver));
};

/**
 * Runs `fn` against the fixture bundles on the memory store and on a real Neo4j, and against the
 * article bundle (more than one page of relations) on the memory store, plus on Neo4j with `article`.
 */
export function describeStores(name: string, fn: (target: () => Target) => void, opts: { articleOnNeo4j?: boolean } = {}) {
  const cases: Array<[string, () => Promise<Target>, boolean]> = [
    ['memory store, fixture', memory(FIXTURE_BUNDLE_DIR), false],
    ['memory store, article', memory(DEFAULT_BUNDLE_DIR), false],
    ['neo4j, fixture', neo4j(FIXTURE_BUNDLE_DIR), true],
  ];
  if (opts.articleOnNeo4j) cases.push(['neo4j, article', neo4j(DEFAULT_BUNDLE_DIR), true]);
  for (const [label, make, isNeo4j] of cases) {
    (isNeo4j ? describeNeo4j : describe)(`${name} (${label})`, () => {
      let target: Target | undefined;
      beforeAll(async () => {
        target = await make();
      });
      afterAll(async () => target?.app.close());
      fn(() => {
        if (!target) throw new Error('no target');
        return target;
      });
    });
  }
}

async function listAll<T>(fetch: (cursor?: string) => Promise<Page<T>>): Promise<{ items: T[]; total: number }> {
  const items: T[] = [];
  let page = await fetch();
  const total = page.total;
  items.push(...page.items);
  while (page.nextCursor) {
    page = await fetch(page.nextCursor);
    items.push(...page.items);
  }
  return { items, total };
}

export interface ScopeQuery {
  kind?: EntityKind[];
  type?: RelationType[];
  asOf?: string;
  since?: string;
  until?: string;
  possible?: boolean;
}

export interface Expected {
  nodes: Map<string, EntitySummary>;
  edges: Map<string, Relation>;
}

/** The whole-graph scope as the store's listEntities / listRelations give it; totals must match the items. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function expectedScope(store: GraphStore, q: ScopeQuery = {}): Promise<Expected> {
  const entities = await listAll((cursor) => store.listEntities({ kinds: q.kind, limit: 100, cursor }));
  const relations = await listAll((cursor) =>
    store.listRelations({ types: q.type, endpointKinds: q.kind, asOf: q.asOf, since: q.since, until: q.until, possible: q.possible, limit: 100, cursor }),
  );
  expect(entities.items).toHaveLength(entities.total);
  expect(relations.items).toHaveLength(relations.total);
  return {
    nodes: new Map(entities.items.map((e) => [e.id, e])),
    // exports stream relations by (subject id, relation id): the order both stores read without a global sort
    edges: new Map(
      [...relations.items].sort((a, b) => cmp(a.subject.id, b.subject.id) || cmp(a.id, b.id)).map((r) => [r.id, r]),
    ),
  };
}

/** GET that must succeed. */
export async function download(app: FastifyInstance, url: string): Promise<LightMyRequestResponse> {
  const res = await app.inject(url);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res;
}

/** The documented compact evidence text: `document#p<paragraph>:<start>-<end> sha256:<hex>`, records joined by '; '. */
export const evidenceText = (ev: Evidence[]) => ev.map((e) => `${e.document}#p${e.paragraph}:${e.start}-${e.end} sha256:${e.sha256}`).join('; ');

/** The flat attributes documented for GraphML, GEXF and CSV (undefined = absent / empty cell). */
export function nodeColumns(e: EntitySummary): Record<string, string | undefined> {
  return {
    kind: e.kind,
    subtype: e.subtype,
    summary: e.summary,
    aliases: e.aliases.length ? e.aliases.join('; ') : undefined,
    outsideAliases: e.outsideAliases?.length ? e.outsideAliases.join('; ') : undefined,
    wikidata: e.wikidata,
    time: e.time,
    validFrom: e.validFrom,
    validTo: e.validTo,
    ongoing: e.ongoing ? 'true' : undefined,
  };
}

/** nodeColumns as GraphML and GEXF parsers type them: ongoing is a declared boolean. */
export function typedNodeColumns(e: EntitySummary): Record<string, string | boolean | undefined> {
  return { ...nodeColumns(e), ongoing: e.ongoing };
}

export function edgeColumns(r: Relation): Record<string, string | undefined> {
  return {
    relation_type: r.type,
    role: r.role,
    time: r.time,
    validFrom: r.validFrom,
    validTo: r.validTo,
    ongoing: r.ongoing ? 'true' : undefined,
    modality: r.modality,
    assertedBy: r.assertedBy.id,
    assertedByName: r.assertedBy.name,
    summary: r.summary,
    outsideKnowledge: r.outsideKnowledge ? 'true' : undefined,
    evidence: evidenceText(r.evidence),
  };
}

/** edgeColumns as GraphML and GEXF parsers type them: outsideKnowledge is a declared boolean. */
export function typedEdgeColumns(r: Relation): Record<string, string | boolean | undefined> {
  return { ...edgeColumns(r), ongoing: r.ongoing, outsideKnowledge: r.outsideKnowledge };
}

/** Ids of the relations the store flags as outside knowledge; every scope the export tests use has some. */
export function outsideKnowledgeIds(expected: Expected): string[] {
  const flagged = [...expected.edges.values()].filter((r) => r.outsideKnowledge === true).map((r) => r.id).sort();
  expect(flagged.length).toBeGreaterThan(0);
  return flagged;
}

/** Drops undefined values so objects compare with what a parser returns for absent attributes. */
export const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
