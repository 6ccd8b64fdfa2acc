import { httpsGitUrl } from "./https-git-url.ts";
import type { ImportContext } from "./import-context.ts";
import { describeResource, type KubeResource } from "./kube-resource.ts";

type Obj = Record<string, unknown>;

/** A Flux source as Sluice reads it: a git repository and branch, or a chart repository. */
export type FluxSource =
  | { readonly kind: "git"; readonly repo: string; readonly branch: string }
  | { readonly kind: "helm"; readonly url: string }
  | { readonly kind: "oci"; readonly url: string; readonly version?: string };

/** Flux's GitRepository, HelmRepository and OCIRepository objects, by `Kind/namespace/name`. */
export class FluxSources {
  private readonly byKey = new Map<string, FluxSource>();

  constructor(private readonly ctx: ImportContext) {}

  add(resource: KubeResource): void {
    const source = this.read(resource);
    if (source)
      this.byKey.set(
        `${resource.kind}/${resource.metadata.namespace ?? "flux-system"}/${resource.metadata.name}`,
        source,
      );
  }

  /** The source a `sourceRef` names; its namespace defaults to the referring object's. */
  get(ref: unknown, namespace: string | undefined): FluxSource | undefined {
    const r = (ref ?? {}) as Obj;
    return this.byKey.get(
      `${String(r["kind"])}/${String(r["namespace"] ?? namespace ?? "flux-system")}/${String(r["name"])}`,
    );
  }

  private read(resource: KubeResource): FluxSource | undefined {
    const from = describeResource(resource);
    const spec = resource.spec;
    const url = String(spec["url"] ?? "");
    if (spec["secretRef"] !== undefined)
      this.ctx.report.changed(
        from,
        "secretRef: give Sluice the credentials (git.credentials, registries or helmRepositories)",
        "spec.secretRef",
      );
    if (resource.kind === "HelmRepository")
      return spec["type"] === "oci" ? { kind: "oci", url } : { kind: "helm", url };
    const ref = (spec["ref"] ?? {}) as Obj;
    if (resource.kind === "OCIRepository") {
      const version = ref["tag"] ?? ref["semver"];
      return { kind: "oci", url, ...(typeof version === "string" ? { version } : {}) };
    }
    const repo = httpsGitUrl(url);
    if (!repo) {
      this.ctx.report.skipped(from, `url ${url} is not a git URL import can read`, "spec.url");
      return undefined;
    }
    if (repo.converted)
      this.ctx.report.changed(
        from,
        `url ${url} is read over https as ${repo.url}: give git.credentials for it`,
        "spec.url",
      );
    const other = ["tag", "semver", "commit", "name"].find((k) => ref[k] !== undefined);
    if (other)
      this.ctx.report.changed(
        from,
        `ref.${other} ${String(ref[other])}: Sluice follows a branch; main is written`,
        "spec.ref",
      );
    const branch = typeof ref["branch"] === "string" ? ref["branch"] : "main";
    return { kind: "git", repo: repo.url, branch };
  }
}
