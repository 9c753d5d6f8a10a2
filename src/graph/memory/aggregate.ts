/**
 * Counts: schema(), stats(), documents, entity relation counts. Rules (the Neo4j store follows the same):
 * - schema(): every kind of ENTITY_KINDS in vocabulary order with its count, and under it every subtype
 *   of ENTITY_SUBTYPES[kind] in vocabulary order with its count (0 included); every relation type of
 *   RELATION_TYPES in vocabulary order with its count (0 included); every modality likewise;
 * - stats(): byKind / byType hold only the kinds / types with a count > 0; mostConnected ranks every
 *   entity (degree 0 included) by degree desc, then id; degree = relations touching the entity,
 *   a self-loop counted once;
 * - a document's entityCount = distinct entities with a mention in it; relationCount = relations with
 *   at least one evidence record in it;
 * - relationCounts of an entity: (type, direction) pairs with count > 0, sorted by type then direction
 *   ('in' before 'out'); a self-loop counts once as 'out' and once as 'in'.
 */
import type { DocumentRecord, EntityRecord } from '../data/bundle';
import type { StoredDocument } from '../data/documents';
import type { DocumentInfo, RelationCount, SchemaInfo, Stats } from '../../schemas/domain';
import { schemaInfoFromCounts } from '../schema-info';
import { byKey, toRef, toSummary, type MemoryIndexes } from './indexes';

function countBy<T>(items: readonly T[], keyOf: (t: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of items) counts.set(keyOf(t), (counts.get(keyOf(t)) ?? 0) + 1);
  return counts;
}

export function schemaInfo(ix: MemoryIndexes): SchemaInfo {
  return schemaInfoFromCounts({
    kinds: countBy(ix.entityList, (e) => e.kind),
    subtypes: countBy(ix.entityList, (e) => `${e.kind}/${e.subtype}`),
    types: countBy(ix.relationList, (r) => r.type),
    modalities: countBy(ix.relationList, (r) => r.modality),
  });
}

export function statsOf(ix: MemoryIndexes, top: number): Stats {
  const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => byKey(a[0], b[0])));
  const ranked = ix.entityList
    .map((e) => ({ e, degree: ix.touching.get(e.id)?.length ?? 0 }))
    .sort((a, b) => b.degree - a.degree || byKey(a.e.id, b.e.id));
  return {
    entities: { total: ix.entityList.length, byKind: sorted(countBy(ix.entityList, (e) => e.kind)) },
    relations: { total: ix.relationList.length, byType: sorted(countBy(ix.relationList, (r) => r.type)) },
    documents: ix.documents.length,
    mostConnected: ranked.slice(0, Math.max(0, top)).map(({ e, degree }) => ({ entity: toSummary(e), degree })),
  };
}

/** `stored`: the version, author and verification of a document the store keeps the bundle of. */
export function documentInfo(ix: MemoryIndexes, d: DocumentRecord, stored?: StoredDocument): DocumentInfo {
  const mentioned = (e: EntityRecord) => e.mentions.some((m) => m.document === d.id);
  return {
    id: d.id,
    title: d.title,
    publisher: toRef(ix.entities.get(d.publisher)!),
    published: d.published,
    sha256: d.sha256,
    characters: d.characters,
    paragraphs: d.paragraphs,
    sourceFile: d.sourceFile,
    entityCount: ix.entityList.filter(mentioned).length,
    relationCount: ix.relationList.filter((r) => r.evidence.some((s) => s.document === d.id)).length,
    ...(stored ? { version: stored.version } : {}),
    ...(stored?.author !== undefined ? { author: stored.author } : {}),
    ...(stored?.spansVerified !== undefined ? { spansVerified: stored.spansVerified } : {}),
  };
}

export function relationCounts(ix: MemoryIndexes, id: string): RelationCount[] {
  const counts = new Map<string, RelationCount>();
  const add = (type: RelationCount['type'], direction: 'in' | 'out') => {
    const key = `${type}|${direction}`;
    const c = counts.get(key) ?? { type, direction, count: 0 };
    c.count += 1;
    counts.set(key, c);
  };
  for (const r of ix.touching.get(id) ?? []) {
    if (r.subject === id) add(r.type, 'out');
    if (r.object === id) add(r.type, 'in');
  }
  return [...counts.values()].sort((a, b) => byKey(a.type, b.type) || byKey(a.direction, b.direction));
}
