/**
 * Every read query of the Neo4j store, as constant templates with $parameters (graph model: ./model.ts).
 * Relationship types appear only as the label expression ALL_TYPES, built once from the closed
 * vocabulary; narrowing by the caller's types is `type(r) IN $types` with $types checked against it.
 * Time windows compare the precomputed time keys (src/graph/rules/time.ts) with $since/$until: known
 * when maxStart <= $until AND minEnd >= $since; possible (only with $possible) when minStart <= $until
 * AND maxEnd >= $since. Without a filter the store passes the open window with $possible = true.
 * Symmetric types (vocabulary) match subject/object/direction in either stored orientation.
 */
import { RELATION_TYPE_NAMES, RELATION_TYPES } from '../../schemas/vocabulary';
import { LIMITS } from '../rules';

/** `HOLDS_OFFICE|MEMBER_OF|...`: every vocabulary relationship type, never the mention links. */
export const ALL_TYPES = RELATION_TYPE_NAMES.join('|');

/** `conditions` joined with AND, leaving out the absent ones. */
const and = (...conditions: Array<string | null>) => conditions.filter((c) => c !== null).join(' AND ');

/**
 * A statement in two forms: `filtered` tests each relation it reads; `every` leaves the test out, for a query
 * that lets every relation through (params.passesEveryRelation): the same answers without four property reads
 * per relation.
 */
export interface Forms {
  filtered: string;
  every: string;
}

/** An entity's properties, in the order of the API's EntitySummary (and of an entity row). */
export const ENTITY_KEYS = ['id', 'kind', 'subtype', 'name', 'aliases', 'outsideAliases', 'summary', 'wikidata', 'time', 'validFrom', 'validTo', 'ongoing'] as const;

/*
 * Rows are positional lists, not maps: a map makes Neo4j write, and the driver decode, every key of every
 * row (one string and one Object.defineProperty per key): a page of 100 relations took 2.86 ms of client
 * CPU as maps and 1.98 ms as lists (docs/performance.md, "Positional rows"). mapper.ts reads them by the positions below.
 */

/** An entity `e` as [ENTITY_KEYS' values, in order] (mapper.mapEntitySummary). */
export const entityList = (e: string) => `[${ENTITY_KEYS.map((k) => `${e}.${k}`).join(', ')}]`;

/** An entity reference's fields: id, name, kind, subtype (mapper.mapEntityRef). */
const refFields = (e: string) => `${e}.id, ${e}.name, ${e}.kind, ${e}.subtype`;

/** An entity reference as a list of its refFields. */
export const refList = (e: string) => `[${refFields(e)}]`;

/** Where each field sits in a relation row (relationList); the ends take four places each, as refList. */
export const RELATION_AT = {
  id: 0, type: 1, subject: 2, object: 6, role: 10, time: 11, validFrom: 12, validTo: 13, ongoing: 14,
  assertedBy: 15, modality: 16, summary: 17, outsideKnowledge: 18, evidence: 19, documents: 20, assertions: 21, keys: 22,
} as const;

/**
 * A relation `r` from `s` to `o` as a list (RELATION_AT; evidence stays JSON text, the mapper parses it).
 * `asserter`: the expression at RELATION_AT.assertedBy; `withKeys`: the four time keys at the end.
 */
export function relationList(asserter: string, withKeys: boolean): string {
  const keys = withKeys ? ', r.minStart, r.maxStart, r.minEnd, r.maxEnd' : '';
  return `[r.id, type(r), ${refFields('s')}, ${refFields('o')}, r.role, r.time, r.validFrom, r.validTo, r.ongoing, ${asserter},
  r.modality, r.summary, r.outsideKnowledge, r.evidence, r.documents, r.assertions${keys}]`;
}

/** The time window test on the keys of `x` (a relationship or an event node): possible, and known unless $possible. */
const inWindow = (x: string) =>
  `(${x}.minStart <= $until AND ${x}.maxEnd >= $since AND ($possible OR (${x}.maxStart <= $until AND ${x}.minEnd >= $since)))`;
const IN_WINDOW = inWindow('r');

/** The symmetric relation types, as a Cypher list literal built from the closed vocabulary. */
const SYMMETRIC = `[${RELATION_TYPE_NAMES.filter((t) => RELATION_TYPES[t].symmetric)
  .map((t) => `'${t}'`)
  .join(', ')}]`;

/** A relation row of a read (relationList): its asserter's reference, and its time keys. */
const RELATION = relationList(`COLLECT { MATCH (a:Entity {id: r.assertedBy}) RETURN ${refList('a')} }[0]`, true);

export const PING = 'RETURN 1 AS ok';

/** The graph version the loader bumps on every write (load/cypher.ts BUMP_VERSION); null before any. */
export const GRAPH_VERSION = `
OPTIONAL MATCH (v:GraphVersion {key: 'graph'})
RETURN v.version AS version`;

/**
 * Counts, whether every dated item has its overlapKey (load/cypher.ts MARK_OVERLAP_KEYS), and typeCounts: the
 * relationships of each vocabulary type in RELATION_TYPE_NAMES' order, from the count store (staged ones included).
 */
export const DESCRIBE = `
OPTIONAL MATCH (v:GraphVersion {key: 'graph'})
RETURN COUNT { (:Entity) } AS entities,
       COUNT { (:Entity)-[:${ALL_TYPES}]->(:Entity) } AS relations,
       COUNT { (:Document) } AS documents,
       coalesce(v.overlapKeys, false) AS overlapKeys,
       [${RELATION_TYPE_NAMES.map((t) => `COUNT { ()-[:${t}]->() }`).join(', ')}] AS typeCounts`;

/**
 * Entities with at least $min relationships of any kind (mention links too: a bound, read from each node's degree
 * rather than by type, which took 6.0-6.6 s over the 10^6 graph against 0.22-0.30 s).
 */
export const HUBS = `
MATCH (e:Entity)
WITH e, COUNT { (e)--() } AS degree
WHERE degree >= $min
RETURN e.id AS id, degree`;

// ---------------------------------------------------------------- entities

const ENTITY_FILTER = `
WHERE ($kinds IS NULL OR e.kind IN $kinds)
  AND ($subtypes IS NULL OR e.subtype IN $subtypes)
  AND ($prefix IS NULL OR e.nameLower STARTS WITH $prefix OR any(a IN e.aliasesLower WHERE a STARTS WITH $prefix))
  AND ($document = '' OR EXISTS { (e)-[:MENTIONED_IN]->(:Document {id: $document}) })`;

export const COUNT_ENTITIES = `
MATCH (e:Entity) ${ENTITY_FILTER}
RETURN count(e) AS total`;

export const LIST_ENTITIES = `
MATCH (e:Entity) ${ENTITY_FILTER} AND e.id > $after
RETURN ${entityList('e')} AS entity
ORDER BY e.id
LIMIT $limit`;

/**
 * degrees: [outgoing, incoming] of every vocabulary type in RELATION_TYPE_NAMES' order, one flat list (no
 * map keys to decode, see entityList), each a COUNT the planner answers from
 * the node's degree store (GetDegree) instead of expanding every relationship of a hub. The far end is
 * left unlabelled so it can: vocabulary relationships only ever join two entities (staged and retired
 * nodes of a reload link only among themselves, load/staged.ts).
 */
export const GET_ENTITY = `
MATCH (e:Entity {id: $id})
RETURN ${entityList('e')} AS entity,
  COLLECT { MATCH (e)-[m:MENTIONED_IN]->(d:Document) RETURN m.spans ORDER BY d.id } AS mentions,
  COLLECT { MATCH (e)-[:MENTIONED_IN]->(d:Document) RETURN d.id ORDER BY d.id } AS documents,
  [${RELATION_TYPE_NAMES.map((t) => `COUNT { (e)-[:${t}]->() }, COUNT { (e)<-[:${t}]-() }`).join(', ')}] AS degrees`;

/** The ids among $ids that name no entity, in the order given. */
export const MISSING_ENTITIES = `
UNWIND $ids AS id
WITH id WHERE NOT EXISTS { (:Entity {id: id}) }
RETURN collect(id) AS missing`;

/**
 * A list page as ONE auto-commit statement (one round trip, one snapshot): a first record with the graph
 * version, the ids among $ids naming no entity and the total (only when $countTotal: the store counts
 * once per graph version and filter; ./derived.ts), then the page's rows in page order, a few per record
 * (headThenRows). Not every row in one record: the driver reads a record that spans many network chunks
 * byte by byte across all of them, so its cost grew faster than the record (a 171 KB page of relations:
 * 15.7 ms of client CPU in one record, 6.5 ms in small ones; docs/performance.md, "small records").
 */
export function pageInOne(page: string, row: string, count: string): string {
  return `
OPTIONAL MATCH (v:GraphVersion {key: 'graph'})
CALL () { ${MISSING_ENTITIES} }
CALL () { CALL () { ${page} } RETURN collect(${row}) AS rows }
CALL () { WITH $countTotal AS wanted WHERE wanted ${count} }
${headThenRows({ version: 'v.version', missing: 'missing', total: 'CASE WHEN $countTotal THEN total ELSE null END' }, 'rows')}`;
}

/** Items per record after the first (see pageInOne): small records, and few of them. */
const ITEMS_PER_RECORD = 16;

/**
 * Records for a statement's answer: the first one carries the `head` fields (name -> expression; null in
 * later records), each later one up to ITEMS_PER_RECORD items of the list `list`, in order, as `items`.
 */
export function headThenRows(head: Record<string, string>, list: string): string {
  const n = ITEMS_PER_RECORD;
  return `UNWIND range(0, (size(${list}) + ${n - 1}) / ${n}) AS i
RETURN ${Object.entries(head)
    .map(([name, expr]) => `CASE WHEN i = 0 THEN ${expr} END AS ${name}`)
    .join(', ')}, CASE WHEN i > 0 THEN ${list}[(i - 1) * ${n}..i * ${n}] END AS items`;
}

/** The entity page as one statement (pageInOne): rows are entity maps. */
export const LIST_ENTITIES_ONE = pageInOne(LIST_ENTITIES, 'entity', COUNT_ENTITIES);

// ---------------------------------------------------------------- relations

/**
 * Every relation filter at once; a null parameter switches its filter off. $entity with $direction
 * ('out' | 'in' | 'both') and $counterpartKinds (kinds at the other end).
 */
const AS_SUBJECT = `(($direction IN ['out', 'both'] OR type(r) IN ${SYMMETRIC}) AND s.id = $entity AND ($counterpartKinds IS NULL OR o.kind IN $counterpartKinds))`;
const AS_OBJECT = `(($direction IN ['in', 'both'] OR type(r) IN ${SYMMETRIC}) AND o.id = $entity AND ($counterpartKinds IS NULL OR s.kind IN $counterpartKinds))`;
/** Which stored end the entity asked for is: $entity's first matching end; else the $subject's (else $object's) stored end; null without them. */
const REQUESTED_END = `CASE
  WHEN $entity IS NOT NULL THEN CASE WHEN ${AS_SUBJECT} THEN 'subject' ELSE 'object' END
  WHEN $subject IS NOT NULL THEN CASE WHEN s.id = $subject AND ($object IS NULL OR o.id = $object) THEN 'subject' ELSE 'object' END
  WHEN $object IS NOT NULL THEN CASE WHEN o.id = $object THEN 'object' ELSE 'subject' END
  ELSE null END`;

const RELATION_TEST = `type(r) IN $types AND ${IN_WINDOW}
  AND ((($subject IS NULL OR s.id = $subject) AND ($object IS NULL OR o.id = $object))
       OR (type(r) IN ${SYMMETRIC} AND ($subject IS NULL OR o.id = $subject) AND ($object IS NULL OR s.id = $object)))
  AND ($modalities IS NULL OR any(m IN r.assertionModalities WHERE m IN $modalities))
  AND ($assertedBy IS NULL OR $assertedBy IN r.assertedByAll)
  AND ($document = '' OR $document IN r.documents)
  AND ($endpointKinds IS NULL OR (s.kind IN $endpointKinds AND o.kind IN $endpointKinds))
  AND ($entity IS NULL OR ${AS_SUBJECT} OR ${AS_OBJECT})`;
export const RELATION_FILTER = `
WHERE ${RELATION_TEST}`;

/**
 * Every relation, or (the anchored variant) only those touching the anchor: $entity, else $subject, else
 * $object. RELATION_FILTER keeps only relations touching each of them that is given (a symmetric relation
 * may hold $subject at either end), so reading the anchor's relations loses none, and costs its degree.
 * Both ends are entities by the first pattern, so the stored ends need no second match (it checked both labels
 * of every relation again: a hub's first page at 10^6 took 0.82x the time without it).
 */
const ALL_RELATIONS = `MATCH (s:Entity)-[r:${ALL_TYPES}]->(o:Entity)`;
/** The relations `r` touching the entity whose id is `anchor` (an expression), each once. */
const touching = (anchor: string) => `MATCH (:Entity {id: ${anchor}})-[touching:${ALL_TYPES}]-(:Entity)
WITH DISTINCT touching AS r`;
const ANCHORED_RELATIONS = `
${touching('coalesce($entity, $subject, $object)')}
WITH r, startNode(r) AS s, endNode(r) AS o`;

/** `test`: RELATION_TEST, or null when every relation `source` reads passes it. */
const countRelations = (source: string, test: string | null = RELATION_TEST) => `
${source}${test ? ` WHERE ${test}` : ''}
RETURN count(r) AS total`;

const listRelations = (source: string, test: string | null = RELATION_TEST) => `
${source} WHERE ${and(test, 'r.id > $after')}
WITH s, r, o ORDER BY r.id LIMIT $limit
RETURN ${RELATION} AS relation, ${REQUESTED_END} AS requestedEnd`;

export const COUNT_RELATIONS = countRelations(ALL_RELATIONS);
/** The page with other filters (modalities, assertedBy, endpointKinds) and no anchor: one scan and a Top. */
export const LIST_RELATIONS_FILTERED = listRelations(ALL_RELATIONS);

/**
 * A page of every relation, or of one entity's ($anchor), merged from the per-type id orders in rounds
 * (./merged-page.ts). The branch of each relationship type reads its rel_id_<TYPE> index in id order from $after,
 * at most $scan.<TYPE> relations (a LIMIT the index order lets the planner push down), and keeps at most
 * $hits.<TYPE> matches. Its `stop` is the id up to which it has seen every match: its last kept match when it kept
 * $hits, else its last relation read when it read $scan, else null (it read to the end). `resume`, the smallest
 * stop, bounds the round: every match up to it has been seen in every branch, so the matches up to it, in id
 * order, are the page's next rows, exact. With fewer than $limit of them the store reads on after `resume` with
 * larger limits; `scanned` (relations read) tells it how selective the filter is. Before (one statement, every
 * branch to $limit matches) a filter passed by 4.6 % read every type to 100 matches, and types of one-day events,
 * which hold on almost no given day, to their end: about 56,000 relations at 10^5 and 10^6 (README,
 * GET /relations?asOf). Limits in proportion to each type's share of the graph read a few times
 * $limit / (share of matches).
 * With an $anchor ('' for none) the branches keep only relations touching it: about $limit x relations / degree
 * read, less than all its relations once its degree passes the square root of a few times $limit x relations (the
 * store uses it then: a hub of 30,000 relations at 10^6, whose page read all of them).
 * A round without a match up to `resume` gives one row with a null relation. Used when only types and a time
 * window filter the list: its plan (26 branches) takes a while to compute, and Neo4j plans again for every other
 * combination of null and non-null parameters, so the other filters use LIST_RELATIONS_FILTERED. Its branches
 * test only those filters (types, window, document; no other filter, so requestedEnd is only the anchor's end): the
 * full RELATION_FILTER in 26 branches took 10-20 s to plan on this machine under load, past the timeout, so the
 * plan was never cached and every request timed out. Even so it takes seconds to plan: store.ts uses it only on
 * large graphs, once its plan is warm (./warm-plan.ts). $anchor is a string either way, so the anchored and the
 * unanchored pages share that one plan.
 */
const PER_TYPE_TEST = (x: string) => `${inWindow(x)} AND ($document = '' OR $document IN ${x}.documents)`;
export const LIST_RELATIONS = `
OPTIONAL MATCH (h:Entity {id: $anchor})
CALL (h) {
${RELATION_TYPE_NAMES.map(
  (t) => `  MATCH (s:Entity)-[r:${t}]->(o:Entity)
  WHERE '${t}' IN $types AND r.id > $after
  WITH r ORDER BY r.id LIMIT $scan.${t}
  WITH collect(r) AS seen
  WITH seen, [x IN seen WHERE (h IS NULL OR startNode(x) = h OR endNode(x) = h) AND ${PER_TYPE_TEST('x')}][..$hits.${t}] AS found
  RETURN size(seen) AS n, found,
    CASE WHEN size(found) >= $hits.${t} THEN found[-1].id WHEN size(seen) >= $scan.${t} THEN seen[-1].id END AS stop`,
).join('\n  UNION ALL\n')}
}
WITH h, min(stop) AS resume, sum(n) AS scanned, collect(found) AS groups
OPTIONAL CALL (resume, groups) {
  UNWIND groups AS found
  UNWIND found AS r
  WITH r WHERE resume IS NULL OR r.id <= resume
  RETURN r ORDER BY r.id LIMIT $limit
}
WITH h, r, startNode(r) AS s, endNode(r) AS o, resume, scanned
RETURN CASE WHEN r IS NULL THEN null ELSE ${RELATION} END AS relation,
  CASE WHEN r IS NULL OR h IS NULL THEN null WHEN s = h THEN 'subject' ELSE 'object' END AS requestedEnd, resume, scanned`;

/**
 * LIST_RELATIONS' total: every relation through RELATION_TEST, or ($anchor) the anchor's through its branches' test.
 * The other branch reads nothing, and counts 0 (an aggregation gives a row even over none).
 */
const COUNT_RELATIONS_OR_ANCHORED = `
CALL () {
  WITH $anchor AS anchor WHERE anchor = ''${countRelations(ALL_RELATIONS)}
  UNION ALL
  WITH $anchor AS anchor WHERE anchor <> ''
  ${touching('anchor')} WHERE type(r) IN $types AND ${PER_TYPE_TEST('r')}
  RETURN count(r) AS total
}
RETURN sum(total) AS total`;

export const COUNT_ANCHORED_RELATIONS = countRelations(ANCHORED_RELATIONS);
export const LIST_ANCHORED_RELATIONS = listRelations(ANCHORED_RELATIONS);

/** The relation pages as one statement each (pageInOne): rows are {relation, requestedEnd}. */
const RELATION_ROW = '{relation: relation, requestedEnd: requestedEnd}';
/** LIST_RELATIONS' rows also carry the round's `resume` and `scanned`. */
export const LIST_RELATIONS_ONE = pageInOne(LIST_RELATIONS, '{relation: relation, requestedEnd: requestedEnd, resume: resume, scanned: scanned}', COUNT_RELATIONS_OR_ANCHORED);
export const LIST_RELATIONS_FILTERED_ONE = pageInOne(LIST_RELATIONS_FILTERED, RELATION_ROW, COUNT_RELATIONS);
/**
 * The anchored page in its two forms (Forms). `every` serves an entity's relations with no other filter, in either
 * direction: each relation touching the entity passes RELATION_TEST then (a hub's first page at 10^6 read four time
 * keys of each of its 30,000 relations to keep them all).
 */
export const LIST_ANCHORED_RELATIONS_ONE: Forms = {
  filtered: pageInOne(LIST_ANCHORED_RELATIONS, RELATION_ROW, COUNT_ANCHORED_RELATIONS),
  every: pageInOne(listRelations(ANCHORED_RELATIONS, null), RELATION_ROW, countRelations(ANCHORED_RELATIONS, null)),
};

// The exports' streams are in ./export-rows.ts.

/** Index seeks on the per-type relationship id indexes. */
export const GET_RELATION = `
MATCH (s:Entity)-[r:${ALL_TYPES}]->(o:Entity) WHERE r.id = $id
RETURN ${RELATION} AS relation`;

// ---------------------------------------------------------------- traversal

/** A traversal's test of a relationship `r`: its type and the time window. */
const TRAVERSAL_TEST = `type(r) IN $types AND ${IN_WINDOW}`;
/**
 * A traversal statement per depth or bound, in two forms (Forms): `filtered` tests each relationship it walks
 * (TRAVERSAL_TEST), `every` does not (a hub's neighbourhood at 10^6: 151,240 db hits in one level's filter).
 */
export interface TraversalForms {
  filtered: readonly string[];
  every: readonly string[];
}
const traversalForms = (count: number, template: (n: number, test: string | null) => string): TraversalForms => ({
  filtered: Array.from({ length: count }, (_, n) => template(n, TRAVERSAL_TEST)),
  every: Array.from({ length: count }, (_, n) => template(n, null)),
});

/** The first $maxNodes + 1 unseen entities one hop from the nodes `from` through matching relations, as `found` (see smallestOf). */
const neighboursOf = (from: string, test: string | null) => `
      UNWIND ${from} AS f
      MATCH (f)-[r:${ALL_TYPES}]-(n:Entity)
      WHERE ${and(test, 'NOT n.id IN ordered')}
      WITH DISTINCT n.id AS id ORDER BY id LIMIT $maxNodes + 1
      RETURN collect(id) AS found`;

/**
 * The first $maxNodes + 1 ids of `ids`, as `found`. Tops of at most that many rows, never a Sort or a long list in
 * scope: Neo4j reckons each row an eager step keeps with every list in scope (`ordered`, the list unwound), and
 * sorting the 30,000 neighbours of a level that reached two hubs took more than the 1.4 GB a transaction may use
 * at 10^6.
 */
const smallestOf = (ids: string) => `
    UNWIND ${ids} AS id
    WITH DISTINCT id ORDER BY id LIMIT $maxNodes + 1
    RETURN collect(id) AS found`;

/**
 * One breadth-first level: the entities one hop from the frontier through matching relations (either
 * direction) not reached yet, smallest ids first, as many as the node budget has room for plus one (to
 * know it was cut). Skipped once the frontier is empty or the budget is full.
 *
 * Without the test (`every`), the frontier's dense nodes (a degree of at least $denseDegree) are not expanded:
 * the entity id index is walked in order instead, keeping what touches one of them, up to $maxNodes + 1 kept
 * or $walkBudget read (a hub of 30,258 relations at 10^6: 1,418 entries read against 30,260 relationships and
 * their ends' ids sorted). The smallest ids of a set are a prefix of its order, so when the walk keeps as many
 * as the level has room for, they are those of the whole set; when it keeps fewer (its budget ran out, or few
 * pass), the dense nodes are expanded as before. With the test, how few of a hub's relations pass is unknown.
 * (The walk hangs under an UNWIND of its go-ahead: behind a filter, Neo4j scanned the index with no dense node.)
 */
const nextLevel = (test: string | null) =>
  test !== null
    ? `
  CALL (ordered, frontier) {
    WITH ordered, frontier WHERE size(frontier) > 0 AND size(ordered) <= $maxNodes
    MATCH (f:Entity) WHERE f.id IN frontier
    WITH ordered, collect(f) AS nodes${neighboursOf('nodes', test)}
  }
  WITH ordered, found[0..$maxNodes + 1 - size(ordered)] AS frontier
  WITH ordered + frontier AS ordered, frontier`
    : `
  CALL (ordered, frontier) {
    WITH ordered, frontier WHERE size(frontier) > 0 AND size(ordered) <= $maxNodes
    MATCH (f:Entity) WHERE f.id IN frontier
    WITH ordered, f, COUNT { (f)-[:${ALL_TYPES}]-() } >= $denseDegree AS dense
    WITH ordered, collect(CASE WHEN dense THEN f END) AS dense, collect(CASE WHEN NOT dense THEN f END) AS sparse
    CALL (ordered, dense) {
      UNWIND CASE WHEN size(dense) > 0 THEN [true] ELSE [] END AS go
      CALL (ordered, dense) {
        MATCH (n:Entity) WHERE n.id IS NOT NULL
        WITH ordered, dense, n ORDER BY n.id LIMIT $walkBudget
        WITH n WHERE NOT n.id IN ordered AND EXISTS { MATCH (n)-[:${ALL_TYPES}]-(m) WHERE m IN dense }
        RETURN n.id AS id LIMIT $maxNodes + 1
      }
      RETURN collect(id) AS walked
    }
    CALL (ordered, dense, walked) {
      WITH ordered, dense WHERE size(walked) < $maxNodes + 1 - size(ordered)${neighboursOf('dense', null)}
    }
    WITH ordered, sparse, walked + found AS near
    CALL (ordered, sparse) {${neighboursOf('sparse', null)}
    }${smallestOf('near + found')}
  }
  WITH ordered, found[0..$maxNodes + 1 - size(ordered)] AS frontier
  WITH ordered + frontier AS ordered, frontier`;

/**
 * The matching relations among the kept nodes, by id, at most $edgeLimit, each read from its start: the outgoing
 * relations of a kept node, or, from a node with $intoDegree of them or more, an Expand(Into) towards each kept
 * node, which reads the smaller side (at 10^6 the old way read the top hub's 10,953 outgoing relations to find a
 * few among the kept). Only ids and numbers are in scope where rows are kept (see smallestOf).
 */
const edgesAmong = (test: string | null) => `
  CALL (kept) {
    CALL (kept) {
      MATCH (k:Entity) WHERE k.id IN kept AND COUNT { (k)-[:${ALL_TYPES}]->() } < $intoDegree
      MATCH (k)-[r:${ALL_TYPES}]->(o:Entity)
      WHERE ${and('o.id IN kept', test)}
      RETURN r
    UNION ALL
      MATCH (k:Entity) WHERE k.id IN kept AND COUNT { (k)-[:${ALL_TYPES}]->() } >= $intoDegree
      MATCH (o:Entity) WHERE o.id IN kept
      CALL (k, o) {
        MATCH (k)-[r:${ALL_TYPES}]->(o)${test ? ` WHERE ${test}` : ''}
        RETURN r
      }
      RETURN r
    }
    WITH startNode(r) AS s, r, endNode(r) AS o ORDER BY r.id LIMIT $edgeLimit
    RETURN collect(${RELATION}) AS edges
  }`;

/**
 * The neighbourhood to depth 0..3 (one constant template per depth) as ONE statement: the centre, each
 * level (nextLevel; nodes come in (distance, id) order, so the first $maxNodes are exactly the first of
 * the full order), then the matching relations among the kept nodes by id (edgesAmong), and the kept nodes
 * themselves. A first record says whether an entity has the id $id (`found`), which ids were kept, whether
 * nodes were cut and how many nodes the rows hold; the later ones hold the rows: those nodes (entityList),
 * then the edges (relationList).
 */
export const NEIGHBOURHOOD: TraversalForms = traversalForms(LIMITS.maxDepth + 1, (depth, test) => `
OPTIONAL MATCH (centre:Entity {id: $id})
OPTIONAL CALL (centre) {
  WITH centre WHERE centre IS NOT NULL
  WITH [centre.id] AS ordered, [centre.id] AS frontier
  ${Array.from({ length: depth }, () => nextLevel(test)).join('\n')}
  WITH ordered[0..$maxNodes] AS kept, size(ordered) > $maxNodes AS nodesCut
  // An aggregation starts rows afresh: without it every edge row still holds the levels' id lists, and Neo4j
  // counts them per row against the transaction memory pool (a hub's depth-3 neighbourhood at 10^5: 200 MB
  // estimated, 35.5 MB with it), so a few at once ran the pool out (README, "Outages and time limits").
  WITH kept, nodesCut, count(*) AS rowsAfresh
  ${edgesAmong(test)}
  CALL (kept) {
    UNWIND kept AS kid
    MATCH (e:Entity {id: kid})
    RETURN collect(${entityList('e')}) AS nodes
  }
  RETURN kept, nodesCut, size(nodes) AS nodeCount, nodes + edges AS items
}
WITH centre, kept, nodesCut, coalesce(nodeCount, 0) AS nodeCount, coalesce(items, []) AS items
${headThenRows({ found: 'centre IS NOT NULL', kept: 'kept', nodesCut: 'nodesCut', nodeCount: 'nodeCount' }, 'items')}`);

const MAX_PATH_HOPS = LIMITS.maxPathHops;

/**
 * Paths from $from to $to for maxHops = 1..6 (quantifier bounds must be literals, so one constant
 * template per bound). SHORTEST 2 GROUPS yields every trail of the two shortest lengths; a shortest
 * trail is always a simple path, and a trail one longer repeats a node only through a self-loop, so
 * dropping the paths that repeat a node leaves exactly the simple paths of length L and L+1. When there
 * are at least $k shortest paths (SHORTEST 1 GROUPS: every one of length L, all simple), the answer is
 * among them and the longer group is never enumerated (a hub pair at 10^5: 28,894 candidates). Candidates
 * are ordered by (length, relation ids joined by '|') and the first $k returned, each with its entities and
 * relations, in one statement; `ends` says whether both ids name entities.
 */
export const PATHS: TraversalForms = traversalForms(MAX_PATH_HOPS + 1, (hops, test) =>
  hops === 0
    ? ''
    : `
OPTIONAL MATCH (origin:Entity {id: $from})
OPTIONAL MATCH (target:Entity {id: $to})
CALL (origin, target) {
  WITH origin, target WHERE origin IS NOT NULL AND target IS NOT NULL AND origin <> target
  CALL (origin, target) {
    MATCH p = SHORTEST 1 GROUPS (origin)-[r:${ALL_TYPES}${test ? ` WHERE ${test}` : ''}]-{1,${hops}}(target)
    RETURN collect(p) AS shortestOnly
  }
  CALL (origin, target, shortestOnly) {
    WITH origin, target WHERE size(shortestOnly) < $k
    MATCH p = SHORTEST 2 GROUPS (origin)-[r:${ALL_TYPES}${test ? ` WHERE ${test}` : ''}]-{1,${hops}}(target)
    WITH p, nodes(p) AS ns
    WHERE all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
    RETURN collect(p) AS twoGroups
  }
  WITH CASE WHEN size(shortestOnly) >= $k THEN shortestOnly ELSE twoGroups END AS paths
  WITH paths, reduce(shortest = ${MAX_PATH_HOPS + 1}, q IN paths | CASE WHEN length(q) < shortest THEN length(q) ELSE shortest END) AS shortest
  UNWIND paths AS p
  WITH p WHERE length(p) <= shortest + 1
  WITH p, reduce(key = '', x IN relationships(p) | key + CASE WHEN key = '' THEN '' ELSE '|' END + x.id) AS key
  ORDER BY length(p), key
  LIMIT $k
  RETURN collect({
    nodes: [n IN nodes(p) | ${entityList('n')}],
    relations: COLLECT { UNWIND range(0, length(p) - 1) AS i WITH relationships(p)[i] AS r, i ORDER BY i
                         WITH r, startNode(r) AS s, endNode(r) AS o RETURN ${RELATION} }
  }) AS found
}
RETURN origin IS NOT NULL AND target IS NOT NULL AS ends, found`,
);

// ---------------------------------------------------------------- search

/**
 * Both halves of search in one statement. exact: entities whose name or an alias equals the query (see
 * params.exactKey), looked up in the keyword index entity_exact ($exact: one quoted Lucene term; the index
 * also holds the staged and retired entities of a reload, hence e:Entity), by id, at most $limit (they rank
 * first); skipped when $exact is ''. scored: the Lucene query over the full-text index, $candidates
 * bounding what Lucene hands back, then the kind and document filters (search.ts orders them); found: how
 * many Lucene handed back (fewer than $candidates: there were no more); skipped when $lucene is ''.
 */
export const SEARCH = `
CALL () {
  WITH $exact AS exact WHERE exact <> ''
  CALL db.index.fulltext.queryNodes('entity_exact', exact) YIELD node AS e
  WHERE e:Entity AND ($kinds IS NULL OR e.kind IN $kinds)
    AND ($document = '' OR EXISTS { (e)-[:MENTIONED_IN]->(:Document {id: $document}) })
  WITH e ORDER BY e.id LIMIT $limit
  RETURN collect(${entityList('e')}) AS exact
}
CALL () {
  WITH $lucene AS lucene WHERE lucene <> ''
  CALL db.index.fulltext.queryNodes('entity_search', lucene, {limit: $candidates}) YIELD node, score
  WITH collect({node: node, score: score}) AS found
  CALL (found) {
    UNWIND found AS hit
    WITH hit.node AS node, hit.score AS score
    WHERE ($kinds IS NULL OR node.kind IN $kinds)
      AND ($document = '' OR EXISTS { (node)-[:MENTIONED_IN]->(:Document {id: $document}) })
    RETURN collect({entity: ${entityList('node')}, score: score}) AS scored
  }
  RETURN size(found) AS found, scored
}
RETURN exact, scored, found`;

// ---------------------------------------------------------------- timeline

/** Which items a half reads: every dated one (a count), or those after the page's cursor. */
const DATED = 'IS NOT NULL';
const AFTER_CURSOR = '> $after';

/**
 * The events' half's candidates. Unanchored: every event (a page walks the entity_timeline index in key
 * order and stops at $limit, a hint as the planner preferred a label scan). Anchored on $entity: the
 * entity itself and the entities at the other end of any relation touching it (whatever that relation's
 * type or dates), reached from the entity, so the cost follows its degree, not the graph.
 */
const timelineEvents = (anchored: boolean, key: string) =>
  anchored
    ? `MATCH (a:Entity {id: $entity}) WHERE $wantEvents
  CALL (a) { RETURN a AS e UNION MATCH (a)-[:${ALL_TYPES}]-(e:Entity) RETURN e }
  WITH e WHERE e.timelineKey ${key} AND e.kind = 'event'`
    : `MATCH (e:Entity)${key === AFTER_CURSOR ? ' USING INDEX e:Entity(timelineKey)' : ''}
  WHERE $wantEvents AND e.timelineKey ${key} AND e.kind = 'event'`;

/**
 * The relations' half's candidates: those touching $entity, or every relation of `types` (all of them: a
 * scan, as a pattern over several types cannot walk the per-type rel_timeline_<TYPE> indexes; one type: its
 * index, see TIMELINE_PAGE_BY_TYPE).
 */
const timelineRelations = (anchored: boolean, key: string, types = ALL_TYPES) =>
  anchored
    ? `MATCH (a:Entity {id: $entity}) WHERE $wantRelations
  MATCH (a)-[touching:${ALL_TYPES}]-(:Entity)
  WITH DISTINCT touching AS r
  WITH r, startNode(r) AS s, endNode(r) AS o
  WHERE r.timelineKey ${key}`
    : `MATCH (s:Entity)-[r:${types}]->(o:Entity)
  WHERE $wantRelations AND r.timelineKey ${key}`;

const EVENT_FILTER = `AND ${inWindow('e')}
    AND ($document = '' OR EXISTS { (e)-[:MENTIONED_IN]->(:Document {id: $document}) })`;
const RELATION_ITEM_FILTER = `AND type(r) IN $types AND ${IN_WINDOW}
    AND ($document = '' OR $document IN r.documents)`;

/**
 * Timeline items as (key, itemType, id): dated events and dated relations in the window. $entity keeps
 * the entity itself if an event, the relations touching it, and the events at the other end of any
 * relation touching it (whatever that relation's type or dates). $types narrows relation items only.
 */
const timelineItems = (anchored: boolean, filtered: boolean) => `
CALL () {
  ${timelineEvents(anchored, DATED)}
    ${filtered ? EVENT_FILTER : ''}
  RETURN e.timelineKey AS key, 'event' AS itemType, e.id AS id
  UNION ALL
  ${timelineRelations(anchored, DATED)}
    ${filtered ? RELATION_ITEM_FILTER : ''}
  RETURN r.timelineKey AS key, 'relation' AS itemType, r.id AS id
}`;

/** `filtered`: with the window, type and document tests; without them when every item passes (Forms). */
const countTimeline = (anchored: boolean, filtered = true) => `
${timelineItems(anchored, filtered)}
RETURN count(*) AS total`;

/** Where each field sits in a timeline item row: the event (entityList) or the relation (relationList) is null in the other case. */
export const TIMELINE_ITEM_AT = { key: 0, timeMatch: 1, event: 2, relation: 3 } as const;

/** An item row (TIMELINE_ITEM_AT) from its key and its `event`, or its relation `r` from `s` to `o`. */
const TIMELINE_ITEM = `[
  key,
  CASE WHEN coalesce(event.maxStart, r.maxStart) <= $until AND coalesce(event.minEnd, r.minEnd) >= $since THEN 'known' ELSE 'possible' END,
  CASE WHEN event IS NULL THEN null ELSE ${entityList('event')} END,
  CASE WHEN r IS NULL THEN null ELSE ${RELATION} END
]`;

/** The union's first $limit by key, as item rows (TIMELINE_ITEM_AT). */
const TIMELINE_PAGE_ITEMS = `WITH key, event, s, r, o ORDER BY key LIMIT $limit
RETURN ${TIMELINE_ITEM} AS item`;

/** The events' half of a page: its first $limit by key. */
const eventsPage = (anchored: boolean, filtered = true) => `${timelineEvents(anchored, AFTER_CURSOR)}
    ${filtered ? EVENT_FILTER : ''}
  WITH e ORDER BY e.timelineKey LIMIT $limit
  RETURN e.timelineKey AS key, e AS event, null AS s, null AS r, null AS o`;

/** The relations' half of a page (or one type's share of it): its first $limit by key. */
const relationsPage = (anchored: boolean, types = ALL_TYPES, filtered = true) => `${timelineRelations(anchored, AFTER_CURSOR, types)}
    ${filtered ? RELATION_ITEM_FILTER : ''}
  WITH s, r, o ORDER BY r.timelineKey LIMIT $limit
  RETURN r.timelineKey AS key, null AS event, s, r, o`;

/** A timeline page: each half takes its first $limit by key, then the union's first $limit. */
const timelinePage = (anchored: boolean, filtered = true) => `
CALL () {
  ${eventsPage(anchored, filtered)}
  UNION ALL
  ${relationsPage(anchored, ALL_TYPES, filtered)}
}
${TIMELINE_PAGE_ITEMS}`;

/**
 * The whole graph's timeline page with the relations' half as one branch per relationship type, each
 * walking its rel_timeline_<TYPE> index in key order from the cursor and stopping at $limit matches (as
 * LIST_RELATIONS does with ids): without a window a first page reads about 27 x $limit entries whatever
 * the graph's size. A window still walks each type's keys from the start, since an item placed before the
 * window may last into it. Like LIST_RELATIONS it takes seconds to plan: store.ts uses it on large graphs
 * once its plan is warm (./warm-plan.ts), and timelinePage(false) otherwise (the same page).
 */
export const TIMELINE_PAGE_BY_TYPE = `
CALL () {
  ${eventsPage(false)}
${RELATION_TYPE_NAMES.map((t) => `  UNION ALL
  ${relationsPage(false, t)}`).join('\n')}
}
${TIMELINE_PAGE_ITEMS}`;

/** Who owns band ranges in a windowed read: the events, and each relationship type (their own indexes). */
export const BAND_OWNERS: readonly string[] = ['event', ...RELATION_TYPE_NAMES];

/** `x` (an event or a relation) lies in band range `b` (./overlap.ts); for a page, after the cursor. */
const inBand = (x: string, forPage: boolean) =>
  `${x}.overlapKey >= b.lo AND ${x}.overlapKey <= b.hi${forPage ? ` AND ${x}.overlapKey > b.after` : ''}`;

/** The events in the window, one range per band ($bands.event): for a page each band's first $limit by key, else their count. */
const eventsByBand = (forPage: boolean) => `UNWIND $bands.event AS b
  CALL (b) {
    MATCH (e:Entity) WHERE $wantEvents AND ${inBand('e', forPage)} AND e.kind = 'event'
      ${EVENT_FILTER}
    ${forPage ? 'WITH e ORDER BY e.overlapKey LIMIT $limit RETURN e' : 'RETURN count(e) AS n'}
  }
  ${forPage ? 'RETURN e.timelineKey AS key, e AS event, null AS s, null AS r, null AS o' : 'RETURN n'}`;

/** The relations of type `t` in the window, one range per band ($bands.<t>), likewise. */
const relationsByBand = (t: string, forPage: boolean) => `UNWIND $bands.${t} AS b
  CALL (b) {
    MATCH (s:Entity)-[r:${t}]->(o:Entity) WHERE $wantRelations AND ${inBand('r', forPage)}
      ${RELATION_ITEM_FILTER}
    ${forPage ? 'WITH s, r, o ORDER BY r.overlapKey LIMIT $limit RETURN s, r, o' : 'RETURN count(r) AS n'}
  }
  ${forPage ? 'RETURN r.timelineKey AS key, null AS event, s, r, o' : 'RETURN n'}`;

const byBand = (forPage: boolean) => `
CALL () {
  ${eventsByBand(forPage)}
${RELATION_TYPE_NAMES.map((t) => `  UNION ALL
  ${relationsByBand(t, forPage)}`).join('\n')}
}`;

/**
 * Which of $bands (band codes, ./overlap.ts) hold at least one item of an owner (BAND_OWNERS): one statement
 * per owner, an index seek per band. Relationship indexes also hold a reload's staged relations: a band
 * found only there costs an empty seek, never a wrong answer.
 */
export const BANDS_PRESENT: Readonly<Record<string, string>> = Object.fromEntries(
  BAND_OWNERS.map((owner) => [
    owner,
    `UNWIND $bands AS band
CALL (band) {
  ${owner === 'event' ? 'MATCH (x:Entity)' : `MATCH ()-[x:${owner}]->()`} WHERE x.overlapKey STARTS WITH band + '|'
  RETURN band AS present LIMIT 1
}
RETURN collect(present) AS present`,
  ]),
);

/**
 * The whole graph's timeline in a time window, page and total, reading one key range per band present
 * and owner (./overlap.ts; $bands: owner -> ranges): what it reads follows the items near the window, not
 * the items placed before it (as TIMELINE_PAGE_BY_TYPE does with a window). Needs every dated item's
 * overlapKey (the version node's overlapKeys) and, like the other per-type pages, a warm plan (store.ts).
 */
export const TIMELINE_WINDOW_BY_BAND = `${byBand(true)}
${TIMELINE_PAGE_ITEMS}`;
const COUNT_TIMELINE_BY_BAND = `${byBand(false)}
RETURN sum(n) AS total`;

/** The timeline page as one statement (pageInOne; $ids: the entity filter): the whole graph's, and one entity's. */
export const LIST_TIMELINE_ONE = pageInOne(timelinePage(false), 'item', countTimeline(false));
export const LIST_TIMELINE_BY_TYPE_ONE = pageInOne(TIMELINE_PAGE_BY_TYPE, 'item', countTimeline(false));
/**
 * An entity's timeline in its two forms (Forms): `every` for every type, the open window and no document, when
 * each item touching the entity is kept (the hub's timeline at 10^6: 120,992 db hits in the relations' filter).
 */
export const LIST_TIMELINE_OF_ENTITY_ONE: Forms = {
  filtered: pageInOne(timelinePage(true), 'item', countTimeline(true)),
  every: pageInOne(timelinePage(true, false), 'item', countTimeline(true, false)),
};
export const LIST_TIMELINE_BY_BAND_ONE = pageInOne(TIMELINE_WINDOW_BY_BAND, 'item', COUNT_TIMELINE_BY_BAND);

/** One branch of TIMELINE_OF_HUB: up to $scan.<owner> of `x`'s index in key order after $after, its matches (`keep`) up to $hits.<owner>. */
const hubBranch = (owner: string, match: string, keep: string) => `${match} AND x.timelineKey > $after
  WITH x ORDER BY x.timelineKey LIMIT $scan.${owner}
  WITH collect(x) AS seen
  WITH seen, [x IN seen WHERE ${keep}][..$hits.${owner}] AS found
  RETURN size(seen) AS n, found,
    CASE WHEN size(found) >= $hits.${owner} THEN found[-1].timelineKey WHEN size(seen) >= $scan.${owner} THEN seen[-1].timelineKey END AS stop`;

/**
 * A hub's timeline without a filter, in rounds as LIST_RELATIONS reads a hub's relations (./merged-page.ts,
 * shares by BAND_OWNERS): the events' key index and each type's rel_timeline_<TYPE> index in key order, keeping
 * the entity itself, the events at the other end of any relation touching it and the relations touching it.
 * That reads about $limit x items / degree, where the anchored page reads the hub's every relation and every
 * neighbour (a hub of 30,000 relations at 10^6). Rows: the item (null when a round kept none), `resume`, `scanned`.
 */
export const TIMELINE_OF_HUB = `
MATCH (h:Entity {id: $entity})
CALL (h) {
  ${hubBranch('event', "MATCH (x:Entity) USING INDEX x:Entity(timelineKey) WHERE $wantEvents", `x.kind = 'event' AND (x = h OR EXISTS { (x)-[:${ALL_TYPES}]-(h) })`)}
${RELATION_TYPE_NAMES.map((t) => `  UNION ALL
  ${hubBranch(t, `MATCH (:Entity)-[x:${t}]->(:Entity) WHERE $wantRelations`, 'startNode(x) = h OR endNode(x) = h')}`).join('\n')}
}
WITH min(stop) AS resume, sum(n) AS scanned, collect(found) AS groups
OPTIONAL CALL (resume, groups) {
  UNWIND groups AS found
  UNWIND found AS x
  WITH x WHERE resume IS NULL OR x.timelineKey <= resume
  RETURN x ORDER BY x.timelineKey LIMIT $limit
}
WITH x.timelineKey AS key, CASE WHEN x IS :: NODE THEN x END AS event, CASE WHEN x IS :: RELATIONSHIP THEN x END AS r, resume, scanned
WITH key, event, r, startNode(r) AS s, endNode(r) AS o, resume, scanned
RETURN CASE WHEN key IS NULL THEN null ELSE ${TIMELINE_ITEM} END AS item, resume, scanned`;
export const LIST_TIMELINE_OF_HUB_ONE = pageInOne(TIMELINE_OF_HUB, '{item: item, resume: resume, scanned: scanned}', countTimeline(true, false));

// ---------------------------------------------------------------- schema, documents, stats

export const ENTITY_COUNTS = `
MATCH (e:Entity)
RETURN e.kind AS kind, e.subtype AS subtype, count(*) AS count`;

export const RELATION_COUNTS = `
MATCH (:Entity)-[r:${ALL_TYPES}]->(:Entity)
RETURN type(r) AS type, r.modality AS modality, count(*) AS count`;

export const DOCUMENTS = `
MATCH (d:Document)
WHERE $id IS NULL OR d.id = $id
RETURN d {.id, .title, .published, .sha256, .characters, .paragraphs, .sourceFile, .version, .author, .spansVerified} AS document,
  COLLECT { MATCH (p:Entity {id: d.publisher}) RETURN ${refList('p')} }[0] AS publisher,
  COUNT { MATCH (:Entity)-[m:MENTIONED_IN]->(d) WHERE m.count > 0 } AS entityCount,
  COUNT { MATCH (:Entity)-[r:${ALL_TYPES}]->(:Entity) WHERE d.id IN r.documents } AS relationCount
ORDER BY d.id`;

export const MOST_CONNECTED = `
MATCH (e:Entity)
WITH e, COUNT { (e)-[:${ALL_TYPES}]-(:Entity) } AS degree
ORDER BY degree DESC, e.id
LIMIT $top
RETURN ${entityList('e')} AS entity, degree`;
