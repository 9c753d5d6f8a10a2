/** The Neo4j GraphStore: the only place in src/ with Cypher. */
export { Neo4jGraphStore } from './store';
export { toStoreError, Neo4jStoreError } from './errors';
