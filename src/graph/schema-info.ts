import type { SchemaInfo } from '../schemas/domain';
import { ENTITY_KINDS, ENTITY_SUBTYPES, MODALITIES, MODALITY_NAMES, RELATION_TYPES, RELATION_TYPE_NAMES } from '../schemas/vocabulary';

/** Counts keyed by kind, `kind/subtype`, relation type and modality; absent keys count 0. */
export interface VocabularyCounts {
  kinds: Map<string, number>;
  subtypes: Map<string, number>;
  types: Map<string, number>;
  modalities: Map<string, number>;
}

/** The whole vocabulary in its own order with counts, zeros included: one rule for every store. */
export function schemaInfoFromCounts(c: VocabularyCounts): SchemaInfo {
  return {
    kinds: ENTITY_KINDS.map((kind) => ({
      kind,
      count: c.kinds.get(kind) ?? 0,
      subtypes: ENTITY_SUBTYPES[kind].map((subtype) => ({ subtype, count: c.subtypes.get(`${kind}/${subtype}`) ?? 0 })),
    })),
    relationTypes: RELATION_TYPE_NAMES.map((type) => {
      const info = RELATION_TYPES[type];
      return {
        type,
        description: info.description,
        subjectKinds: [...info.subject],
        objectKinds: [...info.object],
        symmetric: info.symmetric,
        count: c.types.get(type) ?? 0,
      };
    }),
    modalities: MODALITY_NAMES.map((modality) => ({ modality, description: MODALITIES[modality], count: c.modalities.get(modality) ?? 0 })),
  };
}
