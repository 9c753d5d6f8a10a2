/**
 * The loader's Cypher (used by ./index.ts): schema statements and write templates.
 * Labels and relationship types cannot be parameters, so there is one constant template per kind
 * label and per relation type, generated once from the closed vocabulary; values are parameters.
 */
import { ENTITY_KINDS, RELATION_TYPE_NAMES, type EntityKind, type RelationType } from '../../../schemas/vocabulary';
import { KIND_LABELS } from './model';
import { ALL_TYPES } from '../queries';

export const FULLTEXT_INDEX = 'entity_search';
/**
 * Exact names: each of an entity's exactKeys (already normalised, see rules exactKey) is one Lucene term
 * under the keyword analyzer. A range index does not serve membership in a list property, so without this
 * the exact half of search scanned every entity. It indexes the kind labels, which an entity has from its
 * creation (staged or not) and keeps at the switch, and search keeps only :Entity nodes: on :Entity, the
 * switch's relabelling of every entity would update it too, and at 10^6 relations that pushed the switch
 * transaction past a 2 GB heap's transaction memory (it commits in 35 s without).
 */
export const EXACT_INDEX = 'entity_exact';

/**
 * Labels of a reload in progress (see ./staged.ts): the new graph is written under STAGED_* beside the
 * live :Entity/:Document nodes (which every read query matches, so staged nodes are invisible), switched
 * in one transaction, and the old nodes, relabelled RETIRED, are deleted in batches afterwards.
 */
export const STAGED_ENTITY = 'StagedEntity';
export const STAGED_DOCUMENT = 'StagedDocument';
export const RETIRED = 'Retired';

/** Constraints and indexes, all IF NOT EXISTS (run one by one, outside data transactions). */
export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE',
  `CREATE CONSTRAINT staged_entity_id IF NOT EXISTS FOR (e:${STAGED_ENTITY}) REQUIRE e.id IS UNIQUE`,
  `CREATE CONSTRAINT staged_document_id IF NOT EXISTS FOR (d:${STAGED_DOCUMENT}) REQUIRE d.id IS UNIQUE`,
  'CREATE CONSTRAINT graph_version_key IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.key IS UNIQUE',
  'CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)',
  'CREATE INDEX entity_name_lower IF NOT EXISTS FOR (e:Entity) ON (e.nameLower)',
  // the documents a write plans over, by the Wikidata ids it states (load/document-cypher.ts DOCUMENTS_REACHED)
  'CREATE INDEX entity_wikidata IF NOT EXISTS FOR (e:Entity) ON (e.wikidata)',
  'CREATE INDEX entity_timeline IF NOT EXISTS FOR (e:Entity) ON (e.timelineKey)',
  // time windows over the whole graph's timeline, by band (../overlap.ts; queries.TIMELINE_WINDOW_BY_BAND)
  'CREATE INDEX entity_overlap IF NOT EXISTS FOR (e:Entity) ON (e.overlapKey)',
  ...RELATION_TYPE_NAMES.map((t) => `CREATE INDEX rel_overlap_${t} IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.overlapKey)`),
  ...RELATION_TYPE_NAMES.map((t) => `CREATE INDEX rel_id_${t} IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.id)`),
  // the whole-graph timeline's relations, walked in key order per type (queries.LIST_TIMELINE_BY_TYPE_ONE)
  ...RELATION_TYPE_NAMES.map((t) => `CREATE INDEX rel_timeline_${t} IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.timelineKey)`),
  // the relations of one document, without scanning all relations (re-loading a document)
  ...RELATION_TYPE_NAMES.map((t) => `CREATE INDEX rel_document_${t} IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.document)`),
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasesText, e.summary]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-no-stop-words', \`fulltext.eventually_consistent\`: false } }`,
  `CREATE FULLTEXT INDEX ${EXACT_INDEX} IF NOT EXISTS FOR (e:${Object.values(KIND_LABELS).join('|')}) ON EACH [e.exactKeys]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'keyword', \`fulltext.eventually_consistent\`: false } }`,
];

/** The name a schema statement creates (`CREATE [FULLTEXT] INDEX|CONSTRAINT <name> IF NOT EXISTS ...`). */
export function schemaName(statement: string): string {
  const name = /^CREATE (?:FULLTEXT )?(?:INDEX|CONSTRAINT) (\w+) IF NOT EXISTS/.exec(statement)?.[1];
  if (!name) throw new Error(`not a named schema statement: ${statement.slice(0, 60)}`);
  return name;
}

/** Every index name (a constraint's backing index has the constraint's name). */
export const SCHEMA_NAMES = 'SHOW INDEXES YIELD name RETURN collect(name) AS names';

export const AWAIT_INDEXES = 'CALL db.awaitIndexes($seconds)';

/**
 * Deleting a graph: relationships first, then the nodes, each in inner transactions of $batch rows
 * (auto-commit queries: CALL IN TRANSACTIONS). A DETACH DELETE of a node takes all its relationships in
 * one inner transaction: a hub's thousands (a document's mention links: one per entity) took a reload
 * over a graph of 10^5 relations past a 1 GB heap's transaction memory.
 * Each statement deletes at most $rows and is run again until it deletes fewer (staged.ts deleteInRounds):
 * the statement is one outer transaction, and the server's transaction timeout (120 s in scripts/neo4j.sh)
 * cut the deletion of a retired 10^6 graph (2.2M relationships) half-way.
 */
export const DELETE_ALL_RELATIONSHIPS = `
MATCH ()-[r]->()
WITH r LIMIT $rows
CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS
RETURN count(*) AS deleted`;

/**
 * Before the nodes in batches: the nodes holding a stored bundle (documents, live, staged or retired), one
 * per inner transaction. A transaction keeps what it deletes until it commits, and a bundle's JSON was
 * 106 MB per document at 10^6 relations (38 MB packed now, ./stored-bundle.ts; older documents keep the JSON
 * until rewritten): deleting ten retired documents in one batch passed a 2 GB heap's transaction memory
 * (1.35 GiB) and failed every later reload in its clean-up. Without a label: every node.
 */
export const DELETE_BUNDLE_HOLDERS = (label?: ReloadLabel) => `
MATCH (n${label ? `:${label}` : ''}) WHERE n.bundle IS NOT NULL
WITH n LIMIT $rows
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1 ROWS
RETURN count(*) AS deleted`;

/** Then every node (DETACH: whatever was created meanwhile); the graph is visibly emptied. */
export const DELETE_ALL_NODES = `
MATCH (n)
WITH n LIMIT $rows
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS
RETURN count(*) AS deleted`;

type ReloadLabel = typeof STAGED_ENTITY | typeof STAGED_DOCUMENT | typeof RETIRED;

/** Whether there is anything of one label to delete (a count-store lookup: no scan when there is not). */
export const COUNT_LABELLED = (label: ReloadLabel) => `RETURN COUNT { (:${label}) } AS n`;

/**
 * The relationships of the nodes of one label, outgoing then incoming (each matched once per statement).
 * A reload only joins nodes of one generation (staged with staged, retired with retired), so the
 * incoming pass finds nothing after the outgoing passes of every label; it is there for correctness.
 * Planned as a scan of all relationships with a label filter, which streams; matching from the label
 * (USING SCAN) plans an Eager that holds every matched relationship in the outer transaction first.
 */
export const DELETE_LABELLED_RELATIONSHIPS = (label: ReloadLabel): readonly string[] => [
  `
MATCH (:${label})-[r]->()
WITH r LIMIT $rows
CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS
RETURN count(*) AS deleted`,
  `
MATCH ()-[r]->(:${label})
WITH r LIMIT $rows
CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS
RETURN count(*) AS deleted`,
];

/**
 * Then the nodes of that label, $batch per inner transaction (DETACH: a relationship created between the
 * two statements, which no loader does, would otherwise fail the delete).
 */
export const DELETE_LABELLED = (label: ReloadLabel) => `
MATCH (n:${label})
WITH n LIMIT $rows
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS
RETURN count(*) AS deleted`;

/** The live graph only (staged or retired nodes of a reload are not counted): count-store lookups. */
export const GRAPH_COUNTS = `
RETURN COUNT { (:Entity) } + COUNT { (:Document) } AS nodes, COUNT { (:Entity)-->() } AS relationships`;

/**
 * The graph's version: one node, bumped in the same transaction as every write, so derived figures
 * (totals, stats) can be cached per version and a cache never outlives the graph it describes.
 */
export const BUMP_VERSION = `
MERGE (v:GraphVersion {key: 'graph'})
ON CREATE SET v.overlapKeys = true
SET v.version = coalesce(v.version, 0) + 1, v.changedAt = datetime()
RETURN v.version AS version`;

/**
 * `overlapKeys` on the version node says every dated item has its overlapKey (../overlap.ts): true for a
 * graph begun by this loader (BUMP_VERSION on create) or reloaded whole (the switch). A database loaded by
 * an earlier version lacks it, and the store reads time windows without the bands until a reload.
 */
export const MARK_OVERLAP_KEYS = `
MATCH (v:GraphVersion {key: 'graph'})
SET v.overlapKeys = true`;

// ---------------------------------------------------------------- a staged (atomic) reload

/**
 * `{k: row.p.k, ...}` for a CREATE pattern: properties written in the pattern plan without an Eager
 * (a `SET e += row.props` after CREATE needs one, which holds every row of the batch first). `keys` are
 * the property names of model.ts (never input), checked anyway; a null value is not written.
 */
function propsPattern(keys: readonly string[]): string {
  for (const k of keys) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(k)) throw new Error(`not a property name: ${k}`);
  return `{${keys.map((k) => `${k}: row.p.${k}`).join(', ')}}`;
}

/**
 * New entities of the staged graph (its label set per kind); returns the element ids to link by. The id
 * comes back from the node (`e.id`): returning `row.p.id` after the CREATE plans an Eager.
 */
export function stageEntities(kind: EntityKind, keys: readonly string[]): string {
  return `
UNWIND $rows AS row
CREATE (e:${STAGED_ENTITY}:${KIND_LABELS[kind]} ${propsPattern(keys)})
RETURN e.id AS id, elementId(e) AS eid`;
}

export const STAGE_DOCUMENT = `
CREATE (d:${STAGED_DOCUMENT})
SET d = $props
RETURN elementId(d) AS eid`;

export function stageMentions(keys: readonly string[]): string {
  return `
MATCH (d) WHERE elementId(d) = $doc
UNWIND $rows AS row
MATCH (e) WHERE elementId(e) = row.e
CREATE (e)-[m:MENTIONED_IN ${propsPattern(keys)}]->(d)
RETURN count(m) AS written`;
}

/**
 * Relations between staged entities, found by element id (no index lookup per end), of any vocabulary type
 * in one statement: the type is a dynamic type (`$(row.type)`, Neo4j 5.26), from validated bundles only
 * (the closed vocabulary). The properties are written in the CREATE pattern, named by `keys` (the
 * property names of model.ts relationProps, never input), which plans without an Eager; one template per
 * key set, so the planner works once per load, not once per relation type.
 */
export function stageRelations(keys: readonly string[]): string {
  return `
UNWIND $rows AS row
MATCH (s) WHERE elementId(s) = row.s
MATCH (o) WHERE elementId(o) = row.o
CREATE (s)-[r:$(row.type) ${propsPattern(keys)}]->(o)
RETURN count(r) AS written`;
}

/** The switch, in one transaction: the live graph retires, the staged graph goes live. */
export const SWITCH: readonly string[] = [
  `MATCH (n:Entity) REMOVE n:Entity SET n:${RETIRED}`,
  `MATCH (n:Document) REMOVE n:Document SET n:${RETIRED}`,
  `MATCH (n:${STAGED_ENTITY}) REMOVE n:${STAGED_ENTITY} SET n:Entity`,
  `MATCH (n:${STAGED_DOCUMENT}) REMOVE n:${STAGED_DOCUMENT} SET n:Document`,
];

// ---------------------------------------------------------------- after the offline importer (./bulk-import.ts)

/** The stored bundle and its version, by document id (the importer's read buffer could not hold them). */
export const SET_DOCUMENT_PROPS = `
MATCH (d:Document {id: $id})
SET d += $props`;

// ---------------------------------------------------------------- reading what is there

export const EXISTING_ENTITIES = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, e.contentHash AS hash`;

export const EXISTING_DOCUMENT = `
MATCH (d:Document {id: $id})
RETURN d.contentHash AS hash`;

export const EXISTING_MENTIONS = `
MATCH (e:Entity)-[m:MENTIONED_IN]->(:Document {id: $doc})
RETURN e.id AS id, m.contentHash AS hash`;

/**
 * Relations this bundle defines (by id) or defined before (by document): what may change or go. Both
 * halves are index seeks (rel_id_* and rel_document_*), never a scan of all relations.
 */
export const EXISTING_RELATIONS = `
CALL () {
  UNWIND $ids AS id
  MATCH (s:Entity)-[r:${ALL_TYPES}]->(o:Entity) WHERE r.id = id
  RETURN r, s, o
  UNION
  MATCH (s:Entity)-[r:${ALL_TYPES}]->(o:Entity) WHERE r.document = $doc
  RETURN r, s, o
}
RETURN r.id AS id, type(r) AS type, s.id AS subject, o.id AS object, r.contentHash AS hash, elementId(r) AS elementId`;

// ---------------------------------------------------------------- writing

const OTHER_LABELS = (kind: EntityKind) =>
  ENTITY_KINDS.filter((k) => k !== kind)
    .map((k) => KIND_LABELS[k])
    .join(':');

/** Per kind: MERGE by id, replace every property, set this kind label and drop the others. */
export const WRITE_ENTITIES = Object.fromEntries(
  ENTITY_KINDS.map((kind) => [
    kind,
    `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
SET e = row.props
SET e:${KIND_LABELS[kind]}
REMOVE e:${OTHER_LABELS(kind)}
RETURN count(e) AS written`,
  ]),
) as Record<EntityKind, string>;

export const WRITE_DOCUMENT = `
MERGE (d:Document {id: $props.id})
SET d = $props`;

export const WRITE_MENTIONS = `
MATCH (d:Document {id: $doc})
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
MERGE (e)-[m:MENTIONED_IN]->(d)
SET m = row.props
RETURN count(m) AS written`;

export const DELETE_MENTIONS = `
MATCH (e:Entity)-[m:MENTIONED_IN]->(:Document {id: $doc})
WHERE e.id IN $ids
DELETE m`;

/** Entities no loaded bundle defines any more (no mention link left), with their relations. */
export const DELETE_ORPHAN_ENTITIES = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (e)-[:MENTIONED_IN]->(:Document) }
DETACH DELETE e
RETURN count(*) AS deleted`;

export const DELETE_RELATIONS = `
UNWIND $elementIds AS eid
MATCH ()-[r]->() WHERE elementId(r) = eid
DELETE r
RETURN count(*) AS deleted`;

/** Per type: MERGE by id between its subject and object, replace every property. */
export const WRITE_RELATIONS = Object.fromEntries(
  RELATION_TYPE_NAMES.map((type) => [
    type,
    `
UNWIND $rows AS row
MATCH (s:Entity {id: row.subject}), (o:Entity {id: row.object})
MERGE (s)-[r:${type} {id: row.id}]->(o)
SET r = row.props
RETURN count(r) AS written`,
  ]),
) as Record<RelationType, string>;
