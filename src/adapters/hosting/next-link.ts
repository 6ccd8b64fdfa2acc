/**
 * The `rel="next"` target of an RFC 8288 Link header, as GitHub, GitLab and Gitea page their lists.
 * A few lines where a package would add a dependency: octokit's own paginate reads it the same way.
 */
export function nextLink(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(",")) {
    const match = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (match?.[1] && /(^|;)\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/.test(match[2] ?? "")) return match[1];
  }
  return undefined;
}
