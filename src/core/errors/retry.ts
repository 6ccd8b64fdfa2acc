/**
 * Whether a failed call is worth making again: never (the other side refused one thing and
 * will refuse it again), later (it did not answer, or failed in a way that passes), or after
 * a wait the other side named (a 429's or 503's Retry-After).
 */
export type Retry = "never" | "later" | { readonly afterMs: number };
