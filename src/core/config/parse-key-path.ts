import type { KeyPath } from "./key-path.ts";

/**
 * Parse a dotted key path: `image.tag`, `sidecars[0].image.tag`, and for keys
 * holding dots either `annotations["kubernetes.io/ingress.class"]` or
 * `annotations.kubernetes\.io/ingress\.class`. `[n]` is a sequence index; a
 * bare numeric segment (`containers.0.image`) matches an index or a "0" key.
 * Throws a `SyntaxError` saying where the path is malformed.
 */
export function parseKeyPath(text: string): KeyPath {
  const path: (string | number)[] = [];
  let i = 0;
  function fail(why: string): never {
    throw new SyntaxError(`invalid key path ${JSON.stringify(text)} at character ${i + 1}: ${why}`);
  }
  function readUntil(stop: (c: string) => boolean): string {
    let out = "";
    while (i < text.length && !stop(text.charAt(i))) {
      if (text[i] === "\\") i += 1;
      if (i === text.length) fail("dangling \\");
      out += text.charAt(i);
      i += 1;
    }
    return out;
  }
  while (i < text.length) {
    if (text[i] === "[") {
      const quote = text.charAt(i + 1);
      i += 1;
      if (quote === '"' || quote === "'") {
        i += 1;
        path.push(readUntil((c) => c === quote));
        if (text.slice(i, i + 2) !== `${quote}]`) fail(`expected ${quote}]`);
        i += 2;
      } else {
        const index = readUntil((c) => c === "]");
        if (!/^\d+$/.test(index) || text[i] !== "]") fail('expected [n] or ["key"]');
        path.push(Number(index));
        i += 1;
      }
    } else {
      const segment = readUntil((c) => c === "." || c === "[");
      if (segment === "") fail("empty segment");
      path.push(segment);
    }
    if (text[i] === ".") {
      i += 1;
      if (i === text.length) fail("ends with .");
    } else if (i < text.length && text[i] !== "[") fail("expected . or [");
  }
  if (path.length === 0) fail("empty path");
  return path;
}
