/**
 * Lenient building blocks for the cloud's wire format, for the inconsistencies the reference documents:
 * timestamps with or without `Z` and milliseconds, numbers and booleans that arrive as strings, arrays
 * that arrive as null, and `marker_id` values beyond 2^53.
 */
import { z } from 'zod';
import type { ResourceError } from '../../types.js';

const NAIVE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Normalises a cloud timestamp to ISO-8601 UTC; a zone-less one is UTC. Unparseable text stays as is. */
export function normalizeTimestamp(text: string): string {
  const zoned = NAIVE_TIMESTAMP.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

export const timestamp = z
  .string()
  .nullish()
  .transform((v) => (v ? normalizeTimestamp(v) : undefined));

/** An optional string that may be null or empty on the wire. */
export const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : v));

/** A whole number that may arrive as a JSON number or a numeric string. */
export const wholeNumber = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

/** A boolean that may arrive as `"true"` / `"false"` (as `is_charge` does in the examples). */
export const lenientBoolean = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((v) => v === 'true'),
]);

/** An array that may be null or absent on the wire: becomes []. */
export function lenientArray<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
}

/** `error: [{error_code, error_message}]` inside a resource (note: `error_message`, not `error_msg`). */
export const resourceErrors = lenientArray(
  z.object({
    error_code: z.string().nullish(),
    error_message: z.string().nullish(),
    error_msg: z.string().nullish(),
  }),
).transform((list): ResourceError[] =>
  list.map((e) => ({ code: e.error_code ?? '', message: e.error_message ?? e.error_msg ?? '' })),
);

/** `marker_id` after `parseCloudJson`: a decimal string, whatever its size. */
export const bigIntegerText = z
  .union([z.string().regex(/^-?\d+$/), z.number().int()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

const BIG_INTEGER_FIELDS = /("marker_id"\s*:\s*)(-?\d+)(?=\s*[,}\]])/g;

/** JSON.parse that keeps integer `marker_id` values exact by reading them as strings. */
export function parseCloudJson(text: string): unknown {
  return JSON.parse(text.replace(BIG_INTEGER_FIELDS, '$1"$2"'));
}

/** The documented spelling of `text` among `values`, ignoring case; undefined when undocumented. */
export function documentedValue<T extends string>(values: readonly T[], text: string): T | undefined {
  return values.find((v) => v.toLowerCase() === text.toLowerCase());
}

/**
 * One item of a list read leniently: the item, or (when a field holds a value the API does not
 * document, e.g. a new status) why it was left out. One odd item must not fail a whole page; callers
 * drop these with a warning, so the bot's types keep naming only documented values.
 */
export type Listed<T> =
  | { readonly kind: 'item'; readonly item: T }
  | { readonly kind: 'undocumented'; readonly id: string; readonly reason: string };

/** A single object (not a list item) read with `read`: a value the API does not document fails the parse. */
export function strictItem<S extends z.ZodType, T>(schema: S, read: (value: z.output<S>) => Listed<T>) {
  return schema.transform((value, ctx): T => {
    const result = read(value);
    if (result.kind === 'item') return result.item;
    ctx.addIssue({ code: 'custom', message: `unexpected ${result.reason}` });
    return z.NEVER;
  });
}

/** The ID of a listed item, whichever kind it is (for de-duplication across pages). */
export function listedId<T>(listed: Listed<T>, idOf: (item: T) => string): string {
  return listed.kind === 'item' ? idOf(listed.item) : listed.id;
}

/** Splits listed items into the readable ones and those left out. */
export function splitListed<T>(listed: readonly Listed<T>[]): {
  items: T[];
  undocumented: { id: string; reason: string }[];
} {
  const items: T[] = [];
  const undocumented: { id: string; reason: string }[] = [];
  for (const entry of listed) {
    if (entry.kind === 'item') items.push(entry.item);
    else undocumented.push({ id: entry.id, reason: entry.reason });
  }
  return { items, undocumented };
}
