/**
 * Cypher of document writes over the API (./document.ts). The entity, document, mention and relation
 * templates are the loader's (./cypher.ts); these add what a per-document write needs on top.
 */
import { ALL_TYPES } from '../queries';

/**
 * Every document write first MERGEs this one node and deletes it again before it commits. The
 * uniqueness constraint makes a concurrent MERGE wait for the holder's commit, so writes are serialised
 * across API processes (each merges against the bundles the previous write committed), and no lock
 * node stays in the graph.
 */
export const WRITE_LOCK_CONSTRAINT = 'CREATE CONSTRAINT ingest_lock_id IF NOT EXISTS FOR (l:IngestLock) REQUIRE l.id IS UNIQUE';

export const TAKE_WRITE_LOCK = `
MERGE (l:IngestLock {id: 'documents'})
SET l.at = timestamp()`;

export const RELEASE_WRITE_LOCK = `
MATCH (l:IngestLock {id: 'documents'})
DELETE l`;

/** A stored document's row: its bundle (packed or JSON text), version and metadata (document.ts toStored). */
const STORED_FIELDS = 'd.id AS id, d.bundle AS bundle, d.version AS version, d.author AS author, d.spansVerified AS spansVerified';

/** Every document, as STORED_FIELDS. */
export const STORED_DOCUMENTS = `
MATCH (d:Document)
RETURN ${STORED_FIELDS}
ORDER BY id`;

/**
 * The documents a write plans over (graph/data/documents.ts writeReach): those stating one of the reach's
 * entities, relations or Wikidata ids. Every part starts from an index (entity id, the per-type relation
 * ids, entity_wikidata).
 */
export const DOCUMENTS_REACHED = `
CALL () {
  UNWIND $entities AS id
  MATCH (:Entity {id: id})-[:MENTIONED_IN]->(d:Document)
  RETURN d.id AS doc
  UNION
  UNWIND $relations AS id
  MATCH (:Entity)-[r:${ALL_TYPES}]->(:Entity) WHERE r.id = id
  UNWIND r.documents AS doc
  RETURN doc
  UNION
  MATCH (e:Entity)-[:MENTIONED_IN]->(d:Document) WHERE e.wikidata IN $qids
  RETURN d.id AS doc
}
RETURN collect(doc) AS docs`;

/**
 * The far ends of the timeless relations of the reach's entities, with their merged time keys: such a
 * relation's time is its ends' overlap, and the far end's other documents are not read (planWrite endKeys).
 * Expands each entity's relations, a hub's included.
 */
export const FAR_END_KEYS = `
UNWIND $entities AS id
MATCH (:Entity {id: id})-[r]-(far:Entity)
WHERE r.time = 'timeless' AND NOT far.id IN $entities
RETURN DISTINCT far.id AS id, far.minStart AS minStart, far.maxStart AS maxStart, far.minEnd AS minEnd, far.maxEnd AS maxEnd`;

/** The stored documents of a list of ids, as STORED_DOCUMENTS. */
export const STORED_DOCUMENTS_IN = `
MATCH (d:Document) WHERE d.id IN $ids
RETURN ${STORED_FIELDS}
ORDER BY id`;

export const STORED_DOCUMENT = `
MATCH (d:Document {id: $id})
RETURN ${STORED_FIELDS}`;

/** A document's stored bundle (packed) and its version, nothing else. */
export const STORED_BUNDLE = `
MATCH (d:Document {id: $id})
RETURN d.bundle AS bundle, d.version AS version`;

/** The bundle as written and its version (a null author/spansVerified removes the property). */
export const SET_DOCUMENT_META = `
MATCH (d:Document {id: $id})
SET d.bundle = $bundle, d.version = $version, d.author = $author, d.spansVerified = $spansVerified`;

/** The bundle and version only: the seed loader's documents keep any author the API recorded. */
export const SET_DOCUMENT_BUNDLE = `
MATCH (d:Document {id: $id})
SET d.bundle = $bundle, d.version = $version`;

export const DELETE_RELATIONS_BY_ID = `
UNWIND $ids AS id
MATCH (:Entity)-[r:${ALL_TYPES}]->(:Entity) WHERE r.id = id
DELETE r
RETURN count(*) AS deleted`;

export const DELETE_DOCUMENT_MENTIONS = `
MATCH (:Entity)-[m:MENTIONED_IN]->(:Document {id: $id})
DELETE m`;

export const DELETE_DOCUMENT = `
MATCH (d:Document {id: $id})
DETACH DELETE d`;

export const DELETE_ENTITIES = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
DETACH DELETE e`;

export const ENTITY_HASHES = `
MATCH (e:Entity)
RETURN e.id AS id, e.contentHash AS hash`;

export const RELATION_HASHES = `
MATCH (:Entity)-[r:${ALL_TYPES}]->(:Entity)
RETURN r.id AS id, r.contentHash AS hash`;
