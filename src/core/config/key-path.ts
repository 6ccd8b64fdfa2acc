/** Steps from a YAML document's root: map keys as strings, sequence indexes as numbers. */
export type KeyPath = readonly (string | number)[];
