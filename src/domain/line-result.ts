/** The result of parsing a multi-line field: the value, or every problem (each naming its line). */
export type LineResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly string[] };
