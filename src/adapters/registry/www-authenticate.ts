/** One challenge of a `WWW-Authenticate` header: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`. */
export interface AuthChallenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses a `WWW-Authenticate` header into its challenges (RFC 7235), lower-casing
 * schemes and parameter names. Quoted values may hold commas (`scope="repository:a:pull,push"`).
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  const token = /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)/y;
  let i = 0;
  const skip = (pattern: RegExp): void => {
    pattern.lastIndex = i;
    if (pattern.exec(header)) i = pattern.lastIndex;
  };
  while (i < header.length) {
    skip(/[\s,]*/y);
    token.lastIndex = i;
    const scheme = token.exec(header);
    if (!scheme?.[1]) break;
    i = token.lastIndex;
    const current = { scheme: scheme[1].toLowerCase(), params: {} as Record<string, string> };
    challenges.push(current);
    for (;;) {
      const param = /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/y;
      param.lastIndex = i;
      const match = param.exec(header);
      if (!match?.[1]) break;
      i = param.lastIndex;
      current.params[match[1].toLowerCase()] = match[2] === undefined ? (match[3] ?? "") : match[2].replace(/\\(.)/g, "$1");
    }
  }
  return challenges;
}
