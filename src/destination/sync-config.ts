import { z } from "zod";
import { dnsLabel } from "../config/dns-label.ts";

/** `apps[].destination`: a cluster and namespace, or a folder to render into when there is no cluster. */
export const destinationConfigSchema = z.union([
  z.object({ cluster: dnsLabel, namespace: dnsLabel }).strict(),
  z.object({ directory: z.string().min(1), namespace: dnsLabel }).strict(),
], { error: "destination must be { cluster, namespace } or, to render without a cluster, { directory, namespace }" });

/** `apps[].syncPolicy`, as in Argo CD. */
export const syncPolicyConfigSchema = z.object({
  automated: z.boolean().default(true),
  prune: z.boolean().default(false),
  selfHeal: z.boolean().default(false),
  createNamespace: z.boolean().default(false),
}).strict().default({ automated: true, prune: false, selfHeal: false, createNamespace: false });

/** `clusters[]` lives with the code that connects to clusters. */
export { clusterConfigSchema } from "../clusters/cluster-config.ts";
