import { dnsLabelFrom } from "./dns-label-from.ts";
import type { ImportContext } from "./import-context.ts";

const IN_CLUSTER = "https://kubernetes.default.svc";

/** An Application's destination as a Sluice `{ cluster, namespace }`; the cluster is recorded for `clusters:`. */
export function argoDestination(
  destination: Record<string, unknown>,
  source: string,
  ctx: ImportContext,
): { cluster: string; namespace: string } {
  const server = typeof destination["server"] === "string" ? destination["server"].replace(/\/+$/, "") : undefined;
  const name = typeof destination["name"] === "string" ? destination["name"] : undefined;
  let cluster: string;
  // Under a clusters generator the destination is the generated cluster, which Sluice names.
  if (server === "{{cluster.server}}" || name === "{{cluster.name}}") cluster = "{{cluster.name}}";
  else if (name === "in-cluster" || server === IN_CLUSTER || (name === undefined && server === undefined))
    cluster = ctx.inCluster;
  else if (name !== undefined) cluster = dnsLabelFrom(name);
  else if (server?.includes("{{")) {
    cluster = ctx.inCluster;
    ctx.report.changed(
      source,
      `destination.server ${server} is a template: every app deploys to ${ctx.inCluster}; template the cluster's name instead`,
      "spec.destination.server",
    );
  } else cluster = dnsLabelFrom(URL.canParse(server ?? "") ? new URL(server ?? "").hostname : String(server));
  if (!cluster.includes("{{")) ctx.clusters.add(cluster);
  let namespace = typeof destination["namespace"] === "string" ? destination["namespace"] : "";
  if (namespace === "") {
    namespace = "default";
    ctx.report.changed(
      source,
      "no destination namespace: objects without one go to default",
      "spec.destination.namespace",
    );
  }
  return { cluster, namespace };
}
