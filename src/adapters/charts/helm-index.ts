import { parse } from "yaml";
import * as z from "zod";
import { retryForStatus } from "../../core/errors/retry-for-status.ts";
import type { HttpTransport } from "../http/http-transport.ts";
import { ChartError } from "./chart-error.ts";

const indexSchema = z.object({
  entries: z.record(z.string(), z.array(z.object({
    version: z.string(),
    digest: z.string().optional(),
    urls: z.array(z.string()).default([]),
  }))).default({}),
});

/** One chart version as a repository's index lists it. */
export interface IndexedChart {
  readonly version: string;
  /** sha256 of the packaged chart, hex, when the index gives it. */
  readonly digest: string | undefined;
  /** Where the package is, absolute. */
  readonly url: string;
}

/** The versions of each chart a Helm repository's `index.yaml` lists. */
export type HelmIndex = ReadonlyMap<string, readonly IndexedChart[]>;

/** Reads `<repo>/index.yaml`; a refusal or an index that does not parse is a ChartError naming the repository. */
export async function readHelmIndex(http: HttpTransport, repo: string, headers: Readonly<Record<string, string>>): Promise<HelmIndex> {
  const base = repo.endsWith("/") ? repo : `${repo}/`;
  const res = await http({ method: "GET", url: new URL("index.yaml", base).href, headers: { accept: "application/x-yaml, */*", ...headers } });
  if (res.status !== 200) {
    const hint = res.status === 401 || res.status === 403 ? " (check helmRepositories credentials)" : "";
    throw new ChartError(`Helm repository ${repo} answered ${res.status} for index.yaml${hint}`, { repo, retry: retryForStatus(res.status) });
  }
  let index;
  try {
    index = indexSchema.parse(parse(await res.text()));
  } catch (error) {
    throw new ChartError(`Helm repository ${repo}: index.yaml is not a chart index: ${error instanceof Error ? error.message : String(error)}`, { repo, retry: "never", cause: error });
  }
  const out = new Map<string, IndexedChart[]>();
  for (const [name, versions] of Object.entries(index.entries)) {
    out.set(name, versions.flatMap((v) => {
      const first = v.urls[0];
      return first === undefined ? [] : [{ version: v.version, digest: v.digest, url: new URL(first, base).href }];
    }));
  }
  return out;
}
