/** The reference tokens of a JSON pointer (RFC 6901): "/a/b~1c" → ["a", "b/c"]. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}
