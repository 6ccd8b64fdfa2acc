/**
 * Compiles a tag pattern. Flux's policies are Go regexes whose named groups are spelled
 * `(?P<name>…)`; JavaScript spells them `(?<name>…)`, so both are accepted and Flux users
 * can paste their ImagePolicy patterns unchanged. Throws SyntaxError on a bad pattern.
 */
export function fluxRegex(source: string): RegExp {
  return new RegExp(source.replace(/\(\?P</g, "(?<"));
}
