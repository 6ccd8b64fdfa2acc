import git from "isomorphic-git";
import http from "isomorphic-git/http/node";
import { classifyGitError } from "./git-errors.ts";
import type { GitAuth } from "./git-workspace.ts";

/** Every branch of a remote with its head, from one ref advertisement: no objects are fetched. */
export async function listBranches(url: string, auth?: GitAuth): Promise<{ name: string; sha: string }[]> {
  const onAuth = auth ? () => ({ username: auth.username, password: auth.password }) : undefined;
  const refs = await git.listServerRefs({ http, url, prefix: "refs/heads/", onAuth }).catch((error: unknown) => {
    throw classifyGitError(error, url);
  });
  return refs.filter((r) => r.ref.startsWith("refs/heads/")).map((r) => ({ name: r.ref.slice("refs/heads/".length), sha: r.oid }));
}
