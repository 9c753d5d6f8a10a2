/**
 * The GraphStore over Neo4j 5. Every call is one managed read transaction (retried by the driver on
 * transient errors) in a session closed in `finally`; driver errors become store errors by code
 * (./errors.ts). Queries live in ./queries.ts, record mapping in ./mapper.ts, the model in ./model.ts.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type {
  DocumentInfo,
  EntityDetail,
  EntitySummary,
  Path,
  Relation,
  SchemaInfo,
  SearchHit,
  Stats,
  Subgraph,
  TimelineItem,
} from '../../schemas/domain';
import {
  ENTITY_KINDS,
  ENTITY_SUBTYPES,
  MODALITIES,
  MODALITY_NAMES,
  RELATION_TYPES,
  RELATION_TYPE_NAMES,
} from '../../schemas/vocabulary';
import { decodeCursor, toPage } from '../cursor';
import { InvalidQueryError } from '../errors';
import type {
  EntityQuery,
  GraphStore,
  NeighbourhoodQuery,
  Page,
  PathQuery,
  RelationQuery,
  SearchQuery,
  StoreDescription,
  TimelineQuery,
} from '../store';
import { toStoreError } from './errors';
import { mapDocument, mapEntityDetail, mapEntitySummary, mapRelation, toNumber } from './mapper';
import { kindsParam, limitParam, modalitiesParam, subtypesParam, typesParam, windowParams } from './params';
import * as Q from './queries';
import { search } from './search';
import { entitiesById, neighbourhood, paths, relationsById } from './traversal';

export class Neo4jGraphStore implements GraphStore {
  readonly kind = 'neo4j' as const;

  constructor(
    private readonly driver: Driver,
    private readonly database?: string,
  ) {}

  /** One managed read transaction in its own session. */
  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work);
    } catch (err) {
      throw toStoreError(err);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  async ping(): Promise<void> {
    await this.read((tx) => tx.run(Q.PING));
  }

  async describe(): Promise<StoreDescription> {
    return this.read(async (tx) => {
      const rec = (await tx.run(Q.DESCRIBE)).records[0]!;
      return {
        store: 'neo4j' as const,
        entities: toNumber(rec.get('entities')),
        relations: toNumber(rec.get('relations')),
        documents: toNumber(rec.get('documents')),
      };
    });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  async listEntities(q: EntityQuery): Promise<Page<EntitySummary>> {
    const after = decodeCursor(q.cursor) ?? '';
    const params = {
      kinds: kindsParam(q.kinds),
      subtypes: subtypesParam(q.subtypes),
      prefix: q.prefix === undefined || q.prefix === '' ? null : q.prefix.toLowerCase(),
    };
    return this.read(async (tx) => {
      const total = toNumber((await tx.run(Q.COUNT_ENTITIES, params)).records[0]!.get('total'));
      const res = await tx.run(Q.LIST_ENTITIES, { ...params, after, limit: limitParam(q.limit + 1) });
      const fetched = res.records.map((r) => mapEntitySummary(r.get('entity')));
      return toPage(fetched, q.limit, (e) => e.id, total);
    });
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    return this.read(async (tx) => {
      const rec = (await tx.run(Q.GET_ENTITY, { id })).records[0];
      if (!rec) return null;
      return mapEntityDetail(rec.get('entity'), rec.get('mentions'), rec.get('outTypes'), rec.get('inTypes'));
    });
  }

  async listRelations(q: RelationQuery): Promise<Page<Relation>> {
    const params = {
      types: typesParam(q.types),
      ...windowParams(q),
      subject: q.subject ?? null,
      object: q.object ?? null,
      modalities: modalitiesParam(q.modalities),
      assertedBy: q.assertedBy ?? null,
      endpointKinds: kindsParam(q.endpointKinds, 'endpointKinds'),
      entity: q.entity ?? null,
      direction: q.direction ?? 'both',
      counterpartKinds: kindsParam(q.counterpartKinds, 'counterpartKinds'),
    };
    return this.read(async (tx) => {
      await requireEntities(tx, { entity: q.entity, subject: q.subject, object: q.object, assertedBy: q.assertedBy });
      const after = decodeCursor(q.cursor) ?? '';
      const [count, list] = q.entity === undefined ? [Q.COUNT_RELATIONS, Q.LIST_RELATIONS] : [Q.COUNT_RELATIONS_OF_ENTITY, Q.LIST_RELATIONS_OF_ENTITY];
      const total = toNumber((await tx.run(count, params)).records[0]!.get('total'));
      const res = await tx.run(list, { ...params, after, limit: limitParam(q.limit + 1) });
      const fetched = res.records.map((r) => mapRelation(r.get('relation')));
      return toPage(fetched, q.limit, (r) => r.id, total);
    });
  }

  async getRelation(id: string): Promise<Relation | null> {
    return this.read(async (tx) => {
      const rec = (await tx.run(Q.GET_RELATION, { id })).records[0];
      return rec ? mapRelation(rec.get('relation')) : null;
    });
  }

  async neighbourhood(id: string, q: NeighbourhoodQuery): Promise<Subgraph | null> {
    return this.read((tx) => neighbourhood(tx, id, q));
  }

  async paths(from: string, to: string, q: PathQuery): Promise<Path[] | null> {
    return this.read((tx) => paths(tx, from, to, q));
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    return this.read((tx) => search(tx, q));
  }

  async timeline(q: TimelineQuery): Promise<Page<TimelineItem>> {
    const itemTypes = q.itemTypes?.length ? q.itemTypes : ['event', 'relation'];
    const params = {
      types: typesParam(q.types),
      ...windowParams(q),
      entity: q.entity ?? null,
      wantEvents: itemTypes.includes('event'),
      wantRelations: itemTypes.includes('relation'),
    };
    return this.read(async (tx) => {
      await requireEntities(tx, { entity: q.entity });
      const after = decodeCursor(q.cursor) ?? '';
      const total = toNumber((await tx.run(Q.COUNT_TIMELINE, params)).records[0]!.get('total'));
      const res = await tx.run(Q.LIST_TIMELINE, { ...params, after, limit: limitParam(q.limit + 1) });
      const keys = res.records.map((r) => ({
        key: r.get('key') as string,
        itemType: r.get('itemType') as 'event' | 'relation',
        id: r.get('id') as string,
      }));
      const events = await entitiesById(tx, keys.filter((k) => k.itemType === 'event').map((k) => k.id));
      const relations = await relationsById(tx, keys.filter((k) => k.itemType === 'relation').map((k) => k.id));
      const items = keys.map((k): TimelineItem & { key: string } => {
        if (k.itemType === 'event') {
          const entity = events.get(k.id)!;
          return { key: k.key, itemType: 'event', id: k.id, date: entity.validFrom!, ...(entity.validTo ? { endDate: entity.validTo } : {}), label: entity.name, entity };
        }
        const relation = relations.get(k.id)!;
        return {
          key: k.key,
          itemType: 'relation',
          id: k.id,
          date: relation.validFrom!,
          ...(relation.validTo ? { endDate: relation.validTo } : {}),
          label: relation.summary,
          relation,
        };
      });
      const page = toPage(items, q.limit, (i) => i.key, total);
      return { ...page, items: page.items.map(({ key: _key, ...item }) => item) };
    });
  }

  async schema(): Promise<SchemaInfo> {
    return this.read(async (tx) => {
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
      return {
        kinds: ENTITY_KINDS.map((kind) => ({
          kind,
          count: byKind.get(kind) ?? 0,
          subtypes: ENTITY_SUBTYPES[kind].map((subtype) => ({ subtype, count: bySubtype.get(`${kind}/${subtype}`) ?? 0 })),
        })),
        relationTypes: RELATION_TYPE_NAMES.map((type) => {
          const info = RELATION_TYPES[type];
          return {
            type,
            description: info.description,
            subjectKinds: [...info.subject],
            objectKinds: [...info.object],
            symmetric: info.symmetric,
            count: byType.get(type) ?? 0,
          };
        }),
        modalities: MODALITY_NAMES.map((modality) => ({
          modality,
          description: MODALITIES[modality],
          count: byModality.get(modality) ?? 0,
        })),
      };
    });
  }

  async listDocuments(): Promise<DocumentInfo[]> {
    return this.read(async (tx) => {
      const res = await tx.run(Q.DOCUMENTS, { id: null });
      return res.records.map((r) => mapDocument(r.get('document'), r.get('publisher'), r.get('entityCount'), r.get('relationCount')));
    });
  }

  async getDocument(id: string): Promise<DocumentInfo | null> {
    return this.read(async (tx) => {
      const rec = (await tx.run(Q.DOCUMENTS, { id })).records[0];
      return rec ? mapDocument(rec.get('document'), rec.get('publisher'), rec.get('entityCount'), rec.get('relationCount')) : null;
    });
  }

  async stats(top: number): Promise<Stats> {
    return this.read(async (tx) => {
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
    });
  }
}

/** A record with its keys in plain string order (as the memory store builds it). */
function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** InvalidQueryError naming the first filter (in the order given) whose id names no entity. */
async function requireEntities(tx: ManagedTransaction, filters: Record<string, string | undefined>): Promise<void> {
  const given = Object.entries(filters).filter((e): e is [string, string] => e[1] !== undefined);
  if (given.length === 0) return;
  const res = await tx.run(Q.MISSING_ENTITIES, { ids: given.map(([, id]) => id) });
  const missing = new Set(res.records[0]?.get('missing') as string[]);
  const first = given.find(([, id]) => missing.has(id));
  if (first) throw new InvalidQueryError(`No entity has the id "${first[1]}".`, first[0]);
}
