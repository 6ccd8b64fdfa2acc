/**
 * Which tags an image takes and in what order they stand. One implementation per policy
 * kind (semver, regex, newest-pushed); `build-tag-policy.ts` picks it from the config.
 */
export interface TagPolicy {
  /** For messages: `semver ">=1.0.0"`. */
  readonly description: string;
  /** Why `tag` is not a candidate; undefined when it is one. */
  refusal(tag: string): string | undefined;
  /**
   * Positive when `a` is newer than `b`, negative when older, 0 when they stand level;
   * undefined when either has no place in this order. Ignores refusals, so a tag a human
   * wrote outside the policy can still be compared with a candidate.
   */
  compare(a: string, b: string): Promise<number | undefined>;
  /**
   * Narrows the candidates before they are ordered, when ordering costs registry requests
   * (newest-pushed). `hint` is the tag an event named. Returns the list itself when it may.
   */
  candidates(tags: readonly string[], hint: string | undefined): { tags: readonly string[] } | { refusal: string };
}
