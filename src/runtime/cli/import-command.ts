import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { KubeConfig } from "@kubernetes/client-node";
import { HttpKubeClient } from "../../adapters/kube/http-kube-client.ts";
import { toYaml } from "../../adapters/yaml/to-yaml.ts";
import { normalizeGitUrl } from "../../core/config/normalize-git-url.ts";
import { readYaml } from "../../core/util/read-yaml.ts";
import { importResources, type ImportResult } from "../../jobs/import/import-resources.ts";
import type { RepoCheckout } from "../../jobs/import/import-context.ts";
import { readLiveResources } from "../../jobs/import/read-live-resources.ts";
import { directoryCheckout } from "./directory-checkout.ts";
import { IMPORT_USAGE } from "./import-usage.ts";

/** `sluice import`: exit 0 with the definitions written, 2 on bad arguments. */
export async function importCommand(
  args: string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kubeconfig: { type: "string" },
      context: { type: "string" },
      checkout: { type: "string", multiple: true, default: [] },
      "in-cluster": { type: "string", default: "in-cluster" },
      "values-repo": { type: "string" },
      out: { type: "string" },
    },
  });
  if (positionals.length === 0 && !values.kubeconfig) {
    err(`sluice import: give YAML files or folders, or --kubeconfig to read a cluster\n${IMPORT_USAGE}`);
    return 2;
  }
  const documents = positionals
    .flatMap((path) => yamlFiles(path))
    .flatMap((file) => readYaml(readFileSync(file, "utf8")).map((d) => d.value));
  if (values.kubeconfig) {
    const kc = new KubeConfig();
    kc.loadFromFile(values.kubeconfig);
    if (values.context) kc.setCurrentContext(values.context);
    documents.push(...(await readLiveResources(await HttpKubeClient.forConfig(kc))));
  }
  const result = importResources(documents, {
    inCluster: values["in-cluster"],
    checkoutFor: checkouts(values.checkout),
    ...(values["values-repo"] ? { valuesRepo: { repo: values["values-repo"], branch: "main", path: "." } } : {}),
  });
  const text = definitions(result);
  if (values.out) writeFileSync(values.out, text);
  else out(text);
  err(report(result));
  return 0;
}

function yamlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(path, f));
}

/** `--checkout DIR` serves every repository; `--checkout URL=DIR` only that one. */
function checkouts(specs: readonly string[]): (repoUrl: string) => RepoCheckout | undefined {
  const byRepo = new Map<string, RepoCheckout>();
  let any: RepoCheckout | undefined;
  for (const spec of specs) {
    const eq = spec.lastIndexOf("=");
    if (eq > 0 && /^[a-z]+:\/\/|@/.test(spec))
      byRepo.set(normalizeGitUrl(spec.slice(0, eq)), directoryCheckout(spec.slice(eq + 1)));
    else any = directoryCheckout(spec);
  }
  return (repoUrl) => byRepo.get(normalizeGitUrl(repoUrl)) ?? any;
}

function definitions(result: ImportResult): string {
  const head = result.clusters.length
    ? `# Define these clusters under clusters: in sluice.yaml: ${result.clusters.join(", ")}\n`
    : "";
  return `${head}${toYaml({ apps: result.apps, ...(result.appSets.length ? { appSets: result.appSets } : {}) })}`;
}

function report(result: ImportResult): string {
  const lines = result.notes.map(
    (n) => `${n.level.padEnd(7)}  ${n.source}${n.field ? ` ${n.field}` : ""}: ${n.message}`,
  );
  const summary =
    `imported ${result.apps.length} app(s) and ${result.appSets.length} app set(s); ${result.notes.filter((n) => n.level === "skipped").length} skipped, ` +
    `${result.notes.filter((n) => n.level === "changed").length} changed`;
  return `${[...lines, summary].join("\n")}\n`;
}
