import { Type, type Static } from 'typebox';
import { ID_MAX_LENGTH } from './params';
import { ALL_SUBTYPES, ENTITY_KINDS, MODALITY_NAMES, RELATION_TYPE_NAMES } from './vocabulary';

const DATE_PATTERN = '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$';
const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
const SHA256_PATTERN = '^[0-9a-f]{64}$';
export const WIKIDATA_ID_PATTERN = '^Q[1-9][0-9]*$';

/** "1999", "2014-02" or "2014-04-24": an ISO 8601 date at the precision the source gives. */
export const PartialDate = Type.String({
  pattern: DATE_PATTERN,
  description: 'ISO 8601 date at the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD; a day must be a real calendar day (2014-02-30 is refused).',
  examples: ['2014-04-24', '2014-02', '1999'],
});
export type PartialDate = Static<typeof PartialDate>;

export const Slug = Type.String({
  pattern: SLUG_PATTERN,
  maxLength: ID_MAX_LENGTH,
  description: 'Stable, readable, URL-safe identifier.',
  examples: ['yoichi-masuzoe'],
});

export const Sha256 = Type.String({ pattern: SHA256_PATTERN, description: 'Lowercase hex SHA-256.' });

/** What a value failing each pattern must look like, in words: a 400 says this rather than the regular expression. */
const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  [DATE_PATTERN]: 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2014-04-24)',
  [SLUG_PATTERN]: 'must be an id of lowercase letters and digits, words joined by single hyphens (e.g. yoichi-masuzoe)',
  [SHA256_PATTERN]: 'must be a SHA-256 written as 64 lowercase hex digits',
  [WIKIDATA_ID_PATTERN]: 'must be a Wikidata item id: Q and a number (e.g. Q17)',
};

/** A validation error's message in words when it is a known pattern's (AJV's and TypeBox's errors share this shape). */
export function patternMessage(error: { keyword: string; params?: unknown }): string | undefined {
  return error.keyword === 'pattern' ? PATTERN_MESSAGES[(error.params as { pattern?: string } | undefined)?.pattern ?? ''] : undefined;
}

export const EntityKindSchema = Type.Enum([...ENTITY_KINDS], { description: 'Entity kind.' });
export const EntitySubtypeSchema = Type.Enum([...ALL_SUBTYPES], { description: 'Entity subtype (see GET /schema).' });
export const RelationTypeSchema = Type.Enum([...RELATION_TYPE_NAMES], { description: 'Relation type (see GET /schema).' });
export const ModalitySchema = Type.Enum([...MODALITY_NAMES], {
  description: 'stated = fact stated by the source; assessment = the source’s analysis; attributed = a named party’s claim or belief; intention = a plan; possibility = something the source says could or may hold.',
});

export const TimeStatusSchema = Type.Enum(['timeless', 'dated', 'observed'], {
  description:
    'How the fact is placed in time. timeless: holds whenever its ends exist (no dates). dated: validFrom and/or validTo at the ' +
    'source’s precision; a missing bound is unknown, never “forever”; a lone validFrom is a one-off within that date unless `ongoing`. ' +
    'observed: the source states it in the present tense: known to hold at its document’s publication date, unknown before and after ' +
    'unless validFrom/validTo say more.',
});
export const Ongoing = Type.Literal(true, {
  description: 'Present (always true) on a dated fact with a lone validFrom that the source says continues: known to hold up to the publication, end unknown.',
});
export const TimeMatchSchema = Type.Enum(['known', 'possible'], {
  description: 'Present when a time filter is given: known = holds in the window whatever the unknown bounds are; possible = may hold (only with possible=true).',
});

/** A location in a source document: offsets are 0-based code points into the whole text, end exclusive. */
export const SpanFields = {
  paragraph: Type.Integer({ minimum: 1, description: 'Paragraph number: the n-th non-empty line of the document, from 1.' }),
  start: Type.Integer({ minimum: 0, description: 'Offset of the first character in the whole document text.' }),
  end: Type.Integer({ minimum: 1, description: 'Offset just past the last character (exclusive).' }),
  sha256: Sha256,
};
