/**
 * Counts (rules: src/graph/memory/aggregate.ts): schema() lists the whole vocabulary with counts,
 * zeros included; stats() keeps only present kinds/types (keys in string order) and ranks every
 * entity by degree (a self-loop once), then id.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { SchemaInfo, Stats } from '../../schemas/domain';
import { schemaInfoFromCounts } from '../schema-info';
import { mapEntitySummary, toNumber } from './mapper';
import { limitParam } from './params';
import * as Q from './queries';

export async function schemaInfo(tx: ManagedTransaction): Promise<SchemaInfo> {
  const entityRows = (await tx.run(Q.ENTITY_COUNTS)).records;
  const relationRows = (await tx.run(Q.RELATION_COUNTS)).records;
  const bySubtype = new Map<string, number>();
  const byKind = new Map<string, number>();
  for (const r of entityRows) {
    const n = toNumber(r.get('count'));
    bySubtype.set(`${r.get('kind')}/${r.get('subtype')}`, n + (bySubtype.get(`${r.get('kind')}/${r.get('subtype')}`) ?? 0));
    byKind.set(r.get('kind') as string, n + (byKind.get(r.get('kind') as string) ?? 0));
  }
  const byType = new Map<string, number>();
  const byModality = new Map<string, number>();
  for (const r of relationRows) {
    const n = toNumber(r.get('count'));
    byType.set(r.get('type') as string, n + (byType.get(r.get('type') as string) ?? 0));
    byModality.set(r.get('modality') as string, n + (byModality.get(r.get('modality') as string) ?? 0));
  }
  return schemaInfoFromCounts({ kinds: byKind, subtypes: bySubtype, types: byType, modalities: byModality });
}

export async function stats(tx: ManagedTransaction, top: number): Promise<Stats> {
  const byKind: Record<string, number> = {};
  let entities = 0;
  for (const r of (await tx.run(Q.ENTITY_COUNTS)).records) {
    const n = toNumber(r.get('count'));
    byKind[r.get('kind') as string] = (byKind[r.get('kind') as string] ?? 0) + n;
    entities += n;
  }
  const byType: Record<string, number> = {};
  let relations = 0;
  for (const r of (await tx.run(Q.RELATION_COUNTS)).records) {
    const n = toNumber(r.get('count'));
    byType[r.get('type') as string] = (byType[r.get('type') as string] ?? 0) + n;
    relations += n;
  }
  const documents = toNumber((await tx.run(Q.DESCRIBE)).records[0]!.get('documents'));
  const connected = await tx.run(Q.MOST_CONNECTED, { top: limitParam(top) });
  return {
    entities: { total: entities, byKind: sortKeys(byKind) },
    relations: { total: relations, byType: sortKeys(byType) },
    documents,
    mostConnected: connected.records.map((r) => ({ entity: mapEntitySummary(r.get('entity')), degree: toNumber(r.get('degree')) })),
  };
}

/** A record with its keys in plain string order (as the memory store builds it). */
function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
