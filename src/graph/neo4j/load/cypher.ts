/**
 * The loader's Cypher (used by ./index.ts): schema statements and write templates.
 * Labels and relationship types cannot be parameters, so there is one constant template per kind
 * label and per relation type, generated once from the closed vocabulary; values are parameters.
 */
import { ENTITY_KINDS, RELATION_TYPE_NAMES, type EntityKind, type RelationType } from '../../../schemas/vocabulary';
import { KIND_LABELS } from './model';
import { ALL_TYPES } from '../queries';

export const FULLTEXT_INDEX = 'entity_search';

/** Constraints and indexes, all IF NOT EXISTS (run one by one, outside data transactions). */
export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE',
  'CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)',
  'CREATE INDEX entity_name_lower IF NOT EXISTS FOR (e:Entity) ON (e.nameLower)',
  'CREATE INDEX entity_timeline IF NOT EXISTS FOR (e:Entity) ON (e.timelineKey)',
  ...RELATION_TYPE_NAMES.map((t) => `CREATE INDEX rel_id_${t} IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.id)`),
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasesText, e.summary]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-no-stop-words', \`fulltext.eventually_consistent\`: false } }`,
];

export const AWAIT_INDEXES = 'CALL db.awaitIndexes($seconds)';

/** Deletes up to $batch nodes with their relationships; run until it reports 0. */
export const DELETE_BATCH = `
MATCH (n) WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted`;

export const GRAPH_COUNTS = `
RETURN COUNT { (n) } AS nodes, COUNT { ()-[r]->() } AS relationships`;

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

/** Relations this bundle defines (by id) or defined before (by document): what may change or go. */
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
