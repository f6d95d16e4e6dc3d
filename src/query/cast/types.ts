/** What `cast` can produce. Big ints beyond Number.MAX_SAFE_INTEGER are exact decimal strings. */
export type CastValue = string | number | boolean | null | Date | CastValue[] | { [key: string]: CastValue };
