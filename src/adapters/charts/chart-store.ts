import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ChartSourcesDeps, ResolvedChart } from "./chart-sources.ts";
import { ChartError } from "./chart-error.ts";
import { ociRepository } from "./chart-sources.ts";
import { helmRepoHeaders } from "./helm-repo-headers.ts";

/**
 * Chart packages on disk by digest: a Helm repository's package is downloaded and checked
 * against the index's digest; an OCI chart is pulled by `helm pull` signed in with the
 * registry's credentials (written to a registry config of its own, never on the command line).
 */
export class ChartStore {
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly deps: ChartSourcesDeps) {}

  async fetch(chart: ResolvedChart): Promise<string> {
    const file = join(this.deps.cacheDir, "charts", `${createHash("sha256").update(chart.digest).digest("hex").slice(0, 40)}.tgz`);
    if (await exists(file)) return file;
    let pending = this.pending.get(file);
    if (!pending) {
      pending = this.download(chart, file).finally(() => this.pending.delete(file));
      this.pending.set(file, pending);
    }
    return pending;
  }

  private async download(chart: ResolvedChart, file: string): Promise<string> {
    await mkdir(join(this.deps.cacheDir, "charts"), { recursive: true });
    const bytes = chart.url ? await this.fromIndex(chart, chart.url) : await this.fromOci(chart);
    // Written aside and renamed: a reader never sees half a package.
    const partial = `${file}.${randomBytes(4).toString("hex")}`;
    await writeFile(partial, bytes);
    await rename(partial, file);
    return file;
  }

  private async fromIndex(chart: ResolvedChart, url: string): Promise<Buffer> {
    const headers = await helmRepoHeaders(url, this.deps);
    let res: Response;
    try {
      res = await fetch(url, { headers, redirect: "follow", signal: AbortSignal.timeout(this.deps.timeoutMs) });
    } catch (error) {
      throw new ChartError(`chart ${chart.name} ${chart.version}: no answer from ${url}`, { repo: chart.repo, retry: "later", cause: error });
    }
    if (!res.ok) {
      const retry = res.status === 429 || res.status >= 500 ? "later" : "never";
      throw new ChartError(`chart ${chart.name} ${chart.version}: ${url} answered ${res.status}`, { repo: chart.repo, retry });
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const got = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
    if (chart.digest.startsWith("sha256:") && got !== chart.digest) {
      throw new ChartError(`chart ${chart.name} ${chart.version}: package digest ${got} is not the index's ${chart.digest}`, { repo: chart.repo, retry: "later" });
    }
    return bytes;
  }

  private async fromOci(chart: ResolvedChart): Promise<Buffer> {
    const repository = ociRepository(chart);
    const { baseUrl, credentials } = this.deps.registries.access(repository);
    const scratch = await mkdtemp(join(this.deps.cacheDir, "pull-"));
    try {
      const registryConfig = join(scratch, "registry.json");
      const signIn = await credentials();
      const host = repository.slice(0, repository.indexOf("/"));
      const auth = signIn.kind === "basic" ? { auth: Buffer.from(`${signIn.username}:${signIn.password}`).toString("base64") }
        : signIn.kind === "bearer" ? { registrytoken: signIn.token } : undefined;
      await writeFile(registryConfig, JSON.stringify({ auths: auth ? { [host]: auth } : {} }), { mode: 0o600 });
      const args = ["pull", `oci://${repository}`, "--version", chart.version, "--destination", scratch,
        "--registry-config", registryConfig, "--content-cache", join(scratch, "content")];
      if (baseUrl.startsWith("http://")) args.push("--plain-http");
      await this.deps.run(this.deps.helm, args, { timeoutMs: this.deps.timeoutMs, cwd: scratch });
      const tgz = (await readdir(scratch)).find((f) => f.endsWith(".tgz"));
      if (!tgz) throw new ChartError(`helm pull oci://${repository} ${chart.version} wrote no package`, { repo: chart.repo, retry: "later" });
      return await readFile(join(scratch, tgz));
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT") return false;
    throw error;
  }
}
