/** Request and response shapes of document writes (PUT/DELETE /documents/{id}, GET /documents/{id}/bundle). */
import { Type, type Static } from 'typebox';
import { BundleSchema } from './bundle';
import { Slug } from './common';

export const DocumentWriteBody = Type.Object(
  {
    bundle: { ...BundleSchema, description: 'The bundle, in the format of seed/bundles (the same validator as the seed CLI).' },
    sourceText: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'The source text, to verify every span (offsets, paragraph and SHA-256) and the document checksum against it. ' +
          'Used for the check only: never stored, never served. Without it the spans are accepted as given and the document is flagged spansVerified=false.',
      }),
    ),
  },
  { additionalProperties: false, description: 'A document to create or replace.' },
);
export type DocumentWriteBody = Static<typeof DocumentWriteBody>;

const Changes = Type.Object(
  {
    created: Type.Integer({ minimum: 0 }),
    updated: Type.Integer({ minimum: 0 }),
    deleted: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export const DocumentWriteResult = Type.Object(
  {
    document: Slug,
    version: Type.Union([Type.String(), Type.Null()], { description: 'The new version (the ETag without quotes); null after a delete.' }),
    created: Type.Boolean({ description: 'true when the write made a new document.' }),
    entities: { ...Changes, description: 'Entities of the merged graph that the write created, changed or removed.' },
    relations: { ...Changes, description: 'Relations of the merged graph that the write created, changed or removed.' },
  },
  { additionalProperties: false, description: 'What a write changed in the graph.' },
);

export const WriteHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'Write only if the document’s current ETag is one of these (or `*`: it exists); otherwise 412.' }),
  ),
  // Only `*`: a write is never answered 304, and an entity tag here would make the ETag plugin try.
  'if-none-match': Type.Optional(Type.Literal('*', { description: '`*`: create only; 412 when the document already exists.' })),
});
export type WriteHeaders = Static<typeof WriteHeaders>;
