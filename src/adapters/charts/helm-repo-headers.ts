import type { HelmRepositoryConfig } from "../../core/config/helm-repository-config.ts";
import type { SecretResolver } from "../secrets/secret-resolver.ts";

/** The Authorization header for a Helm repository URL: the longest matching `helmRepositories` prefix, or none. */
export async function helmRepoHeaders(
  url: string,
  deps: { readonly repositories: readonly HelmRepositoryConfig[]; readonly secrets: Pick<SecretResolver, "resolve"> },
): Promise<Record<string, string>> {
  const matches = deps.repositories.filter((r) => url.startsWith(r.urlPrefix) || `${url}/`.startsWith(r.urlPrefix));
  const best = matches.sort((a, b) => b.urlPrefix.length - a.urlPrefix.length)[0];
  if (!best) return {};
  if (best.bearer) return { authorization: `Bearer ${await deps.secrets.resolve(best.bearer)}` };
  if (best.username !== undefined && best.password) {
    const password = await deps.secrets.resolve(best.password);
    return { authorization: `Basic ${Buffer.from(`${best.username}:${password}`).toString("base64")}` };
  }
  return {};
}
