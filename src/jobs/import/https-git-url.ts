/**
 * An http(s) URL for a git repository Argo CD or Flux names in any form: `https://…` as it is,
 * `ssh://git@host/owner/repo` and scp-style `git@host:owner/repo` as `https://host/owner/repo`.
 * `converted` says the URL changed, so the report can tell the user to check credentials.
 */
export function httpsGitUrl(url: string): { url: string; converted: boolean } | undefined {
  const text = url.trim();
  if (/^https?:\/\//i.test(text)) return { url: text, converted: false };
  const ssh = /^ssh:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+)$/i.exec(text);
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(text);
  const [, host, path] = ssh ?? scp ?? [];
  if (!host || !path) return undefined;
  return { url: `https://${host}/${path.replace(/^\/+/, "")}`, converted: true };
}
