import * as z from "zod";
import { dnsLabel } from "./dns-label.ts";
import { secretRefSchema } from "./secret-ref.ts";

/** Labels an app set's clusters generator selects on. */
const labels = z.record(z.string(), z.string()).optional();

/** `clusters[]`: how to reach each cluster, from a laptop (kubeconfig) or from Lambda (EKS, or a token). */
export const clusterConfigSchema = z.union([
  z.object({
    name: dnsLabel,
    labels,
    kubeconfig: z.object({ path: z.string().min(1), context: z.string().min(1).optional() }).strict(),
  }).strict(),
  z.object({
    name: dnsLabel,
    labels,
    /** EKS with the function's IAM role: endpoint and CA from eks:DescribeCluster unless given. */
    eks: z.object({
      clusterName: z.string().min(1),
      region: z.string().min(1).optional(),
      endpoint: z.url().optional(),
      caData: z.string().min(1).optional(),
    }).strict(),
  }).strict(),
  z.object({
    name: dnsLabel,
    labels,
    /** Any other cluster: its API server, CA (base64 PEM) and a service-account token kept in a secret store. */
    server: z.url(),
    caData: z.string().min(1).optional(),
    token: secretRefSchema,
  }).strict(),
], { error: "a cluster needs { name, kubeconfig: { path } }, { name, eks: { clusterName } } or { name, server, token }" });

export type ClusterConfig = z.infer<typeof clusterConfigSchema>;
