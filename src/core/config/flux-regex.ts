import { RE2JS, type Matcher } from "re2js";

/** One match of a tag pattern: its groups by number (0 is the whole match) and by name. */
export interface TagMatch {
  readonly groups: readonly (string | undefined)[];
  readonly named: Readonly<Record<string, string | undefined>>;
}

/** A compiled tag pattern, with Go's RE2 semantics. */
export interface TagPattern {
  readonly source: string;
  /** Names of the pattern's named groups. */
  readonly groupNames: readonly string[];
  /** How many capturing groups the pattern has (not counting the whole match). */
  readonly groupCount: number;
  test(text: string): boolean;
  /** The leftmost match, as Go's FindStringSubmatch finds it; undefined when there is none. */
  exec(text: string): TagMatch | undefined;
}

/**
 * Compiles a tag pattern with RE2, the engine Flux (Go's regexp) and Argo CD Image Updater
 * use, so a pattern pasted from an ImagePolicy or an allow-tags annotation matches the same
 * tags here: `(?i)` flags, `(?P<name>…)`, `[[:digit:]]`, `\pL` and `\z` mean what they mean
 * there, and backtracking constructs (lookaheads, backreferences) are refused as they are
 * there. Throws an Error naming the problem on a bad pattern.
 */
export function fluxRegex(source: string): TagPattern {
  const compiled = RE2JS.compile(source);
  const names = compiled.namedGroups();
  const groupCount = compiled.groupCount();
  return {
    source,
    groupNames: Object.keys(names),
    groupCount,
    test: (text) => compiled.test(text),
    exec(text) {
      const matcher = compiled.matcher(text);
      if (!matcher.find()) return undefined;
      const groups = Array.from({ length: groupCount + 1 }, (_, i) => groupOf(matcher, i));
      const named = Object.fromEntries(Object.entries(names).map(([name, index]) => [name, groups[index]]));
      return { groups, named };
    },
  };
}

function groupOf(matcher: Matcher, index: number): string | undefined {
  return matcher.group(index) ?? undefined;
}
