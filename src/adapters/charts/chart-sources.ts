import { createHash } from "node:crypto";
import type { HelmRepositoryConfig } from "../../core/config/helm-repository-config.ts";
import type { HttpTransport } from "../http/http-transport.ts";
import type { Registries } from "../registry/registries.ts";
import type { SecretResolver } from "../secrets/secret-resolver.ts";
import { ChartError } from "./chart-error.ts";
import { ChartStore } from "./chart-store.ts";
import { pickVersion, tagOfVersion, versionOfTag } from "./chart-versions.ts";
import { readHelmIndex, type HelmIndex } from "./helm-index.ts";
import { helmRepoHeaders } from "./helm-repo-headers.ts";

/** A chart as configured: a repository (`https://…` or `oci://…`), its name, a version or range. */
export interface ChartRequest {
  readonly repo: string;
  readonly name: string;
  readonly version: string;
}

/** A chart version pinned by its content: what renders and what the sweep's digest is made of. */
export interface ResolvedChart {
  readonly repo: string;
  readonly name: string;
  readonly version: string;
  /** `sha256:<hex>`: the package's digest from index.yaml, or the OCI manifest's. */
  readonly digest: string;
  /** A Helm repository's package URL; none for OCI. */
  readonly url?: string;
}

export interface ChartSourcesDeps {
  readonly http: HttpTransport;
  readonly secrets: Pick<SecretResolver, "resolve">;
  readonly registries: Pick<Registries, "for" | "access">;
  readonly repositories: readonly HelmRepositoryConfig[];
  /** Packages are kept here by digest, so a chart is downloaded once per process (or disk). */
  readonly cacheDir: string;
  readonly helm: string;
  /** Runs helm (the renderer's command runner): standard output, or a rejection on failure or timeout. */
  readonly run: (file: string, args: readonly string[], options: { cwd?: string; timeoutMs: number }) => Promise<string>;
  readonly timeoutMs: number;
  readonly now: () => number;
  /** How long a repository's version list is reused: one sync's render and digest read it once. */
  readonly listTtlMs?: number;
}

/**
 * Charts from Helm repositories and OCI registries: which versions exist, which one a range
 * picks, and the package itself, cached by digest. Helm repositories are read with the
 * `helmRepositories` credentials, OCI registries with the `registries` ones.
 */
export class ChartSources {
  private readonly lists = new Map<string, { at: number; versions: Promise<ListedVersions> }>();
  private readonly store: ChartStore;

  constructor(private readonly deps: ChartSourcesDeps) {
    this.store = new ChartStore(deps);
  }

  /** The highest version the request allows, with its digest; a ChartError when there is none. */
  async resolve(request: ChartRequest, options: ListOptions = {}): Promise<ResolvedChart> {
    const listed = await this.versions(request, options);
    const version = pickVersion(request.version, listed.versions.map((v) => v.version));
    const found = listed.versions.find((v) => v.version === version);
    if (!found) {
      const newest = listed.versions.map((v) => v.version).slice(-5).join(", ") || "none";
      throw new ChartError(`chart ${request.name} in ${request.repo}: no version matches ${request.version} (versions: ${newest})`, { repo: request.repo, retry: "never" });
    }
    const digest = found.digest ?? (await this.ociDigest(request, found.version));
    return { repo: request.repo, name: request.name, version: found.version, digest, ...(found.url ? { url: found.url } : {}) };
  }

  /** Every version of the chart the repository lists, oldest first by listing order. */
  async versions(request: Pick<ChartRequest, "repo" | "name">, options: ListOptions = {}): Promise<ListedVersions> {
    const key = `${request.repo}\0${request.name}`;
    const ttl = this.deps.listTtlMs ?? 30_000;
    const hit = this.lists.get(key);
    const recent = options.listedSince === undefined ? this.deps.now() - ttl : options.listedSince;
    if (hit && hit.at >= recent) return hit.versions;
    const versions = isOci(request.repo) ? this.ociVersions(request) : this.indexVersions(request);
    this.lists.set(key, { at: this.deps.now(), versions });
    versions.catch(() => this.lists.delete(key));
    return versions;
  }

  /** The package (`.tgz`) of a resolved chart, on local disk. */
  fetch(chart: ResolvedChart): Promise<string> {
    return this.store.fetch(chart);
  }

  private async indexVersions(request: Pick<ChartRequest, "repo" | "name">): Promise<ListedVersions> {
    const headers = await helmRepoHeaders(request.repo, this.deps);
    const index: HelmIndex = await readHelmIndex(this.deps.http, request.repo, headers);
    const entries = index.get(request.name);
    if (!entries) throw new ChartError(`Helm repository ${request.repo} has no chart ${request.name}`, { repo: request.repo, retry: "never" });
    return { versions: entries.map((e) => ({ version: e.version, url: e.url, digest: e.digest ? `sha256:${e.digest}` : urlDigest(e.url) })) };
  }

  private async ociVersions(request: Pick<ChartRequest, "repo" | "name">): Promise<ListedVersions> {
    const { client, name } = this.ociClient(request);
    const tags = await client.listTags(name);
    return { versions: tags.map((tag) => ({ version: versionOfTag(tag) })) };
  }

  private async ociDigest(request: ChartRequest, version: string): Promise<string> {
    const { client, name } = this.ociClient(request);
    return (await client.headManifest(name, tagOfVersion(version))).digest;
  }

  private ociClient(request: Pick<ChartRequest, "repo" | "name">) {
    const repository = ociRepository(request);
    const { client, name } = this.deps.registries.for(repository);
    if (!client) throw new ChartError(`registry of ${repository} has lookup: false; Sluice cannot list its chart versions`, { repo: request.repo, retry: "never" });
    return { client, name };
  }
}

export interface ListOptions {
  /**
   * Use only a listing made at or after this time (epoch ms), whatever the TTL: a sweep asks each
   * repository once for all its apps, and never trusts a listing from before it started.
   */
  readonly listedSince?: number;
}

export interface ListedVersions {
  readonly versions: readonly { readonly version: string; readonly digest?: string; readonly url?: string }[];
}

export const isOci = (repo: string): boolean => repo.startsWith("oci://");

/** `oci://host/path` and a chart name as an image repository: `host/path/name`. */
export function ociRepository(request: Pick<ChartRequest, "repo" | "name">): string {
  return `${request.repo.slice("oci://".length).replace(/\/+$/, "")}/${request.name}`;
}

// An index without digests still names each package by URL: a changed URL is a changed chart.
const urlDigest = (url: string): string => `url-sha256:${createHash("sha256").update(url).digest("hex")}`;
