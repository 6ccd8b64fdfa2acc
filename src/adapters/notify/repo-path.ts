/** `owner/name` (GitHub) or `group/sub/name` (GitLab) of a clone URL: its path without `.git`. */
export function repoPath(repoUrl: string): string {
  return new URL(repoUrl).pathname.replace(/^\/+/, "").replace(/\.git$/, "").replace(/\/+$/, "");
}
