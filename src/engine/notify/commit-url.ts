/**
 * A browser link to a commit of a repository given by its clone URL: GitLab's `/-/commit/`, else the
 * `/commit/` GitHub, Gitea and Bitbucket Server-style hosts answer; undefined for a URL that is no http(s).
 */
export function commitUrl(repo: string, sha: string): string | undefined {
  let url: URL;
  try {
    url = new URL(repo);
  } catch {
    return undefined; // not a URL: no link, the SHA alone still says which commit
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const base = `${url.origin}${url.pathname.replace(/\.git$/, "").replace(/\/+$/, "")}`;
  return url.hostname.includes("gitlab") ? `${base}/-/commit/${sha}` : `${base}/commit/${sha}`;
}
