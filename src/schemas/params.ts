/**
 * Shared parameter schemas: every integer query parameter and every path id comes from here, so the
 * rules they share (finite, in range, the id length the router accepts) are written once.
 */
import { Type, type TInteger } from 'typebox';
import type { Plugin } from 'ajv';

/** Longest entity/relation/document id; the router's maxParamLength is the same number (src/app.ts). */
export const ID_MAX_LENGTH = 120;

export interface IntParamOptions {
  minimum: number;
  maximum: number;
  default: number;
  description: string;
}

/**
 * AJV coerces the query strings `Infinity`, `-Infinity` and `1e400` to non-finite numbers and then skips
 * every numeric check (type, minimum, maximum, format) for them. This keyword, registered on the app's
 * AJV instance (src/app.ts), refuses them after coercion.
 */
export const FINITE_KEYWORD = 'x-finite';
export const finiteKeyword: Plugin<unknown> = (ajv) =>
  ajv.addKeyword({
    keyword: FINITE_KEYWORD,
    schemaType: 'boolean',
    errors: false,
    validate: (on: boolean, data: unknown) => !on || typeof data !== 'number' || Number.isFinite(data),
  });

/**
 * An integer query parameter: finite (see above), an int32 for generated clients, within its range.
 * Any bad value is a 400 problem naming the parameter (src/plugins/problem.ts).
 */
export function IntParam(opts: IntParamOptions): TInteger {
  return Type.Integer({ ...opts, format: 'int32', [FINITE_KEYWORD]: true });
}

/** Page size of a listing. */
export const Limit = (max: number, dflt: number) => IntParam({ minimum: 1, maximum: max, default: dflt, description: `Page size (1–${max}).` });
