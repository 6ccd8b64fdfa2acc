import * as z from "zod";
import { dnsLabel } from "./dns-label.ts";

/** `apps[].destination`: a cluster and namespace, or a folder to render into when there is no cluster. */
export const destinationConfigSchema = z.union([
  z.object({ cluster: dnsLabel, namespace: dnsLabel }).strict(),
  z.object({ directory: z.string().min(1), namespace: dnsLabel }).strict(),
], { error: "destination must be { cluster, namespace } or, to render without a cluster, { directory, namespace }" });

const jsonPointer = z.string().regex(/^(\/([^~/]|~[01])*)+$/, "must be a JSON pointer such as /spec/replicas");

/**
 * One `ignoreDifferences` rule, as in Argo CD: on objects of this group and kind (and name and
 * namespace, when given), the listed JSON pointers and the fields owned by the listed field managers
 * neither make the object OutOfSync nor are changed by a sync: Sluice applies their live value.
 */
export const ignoreDifferenceSchema = z.object({
  group: z.string().default(""),
  kind: z.string().min(1),
  name: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
  jsonPointers: z.array(jsonPointer).default([]),
  managedFieldsManagers: z.array(z.string().min(1)).default([]),
}).strict().refine((r) => r.jsonPointers.length + r.managedFieldsManagers.length > 0, { error: "give jsonPointers or managedFieldsManagers" });

const SYNC_DEFAULTS = {
  automated: true,
  prune: false,
  selfHeal: false,
  createNamespace: false,
  pruneLast: false,
  applyOutOfSyncOnly: false,
  replace: false,
  force: false,
  dryRunFirst: false,
  prunePropagationPolicy: "foreground" as const,
  ignoreDifferences: [],
  healthTimeoutSeconds: 30,
  waveTimeoutSeconds: 600,
};

/** `apps[].syncPolicy`: Argo CD's sync policy and sync options, spelt as YAML keys. */
export const syncPolicyConfigSchema = z.object({
  /** Apply every new revision (true), or record it as OutOfSync until `sluice sync` (false). */
  automated: z.boolean().default(SYNC_DEFAULTS.automated),
  /** Delete objects the app no longer renders; otherwise they make the app OutOfSync ("requires pruning"). */
  prune: z.boolean().default(SYNC_DEFAULTS.prune),
  /** Re-apply when live objects drift from git at an unchanged revision. */
  selfHeal: z.boolean().default(SYNC_DEFAULTS.selfHeal),
  createNamespace: z.boolean().default(SYNC_DEFAULTS.createNamespace),
  /** Prune only after everything else is applied and the app is Healthy. */
  pruneLast: z.boolean().default(SYNC_DEFAULTS.pruneLast),
  /** Apply only the objects a server-side dry run shows OutOfSync. */
  applyOutOfSyncOnly: z.boolean().default(SYNC_DEFAULTS.applyOutOfSyncOnly),
  /** Replace (PUT, or create) whole objects instead of server-side apply. */
  replace: z.boolean().default(SYNC_DEFAULTS.replace),
  /** Take ownership of fields another field manager holds instead of reporting the conflict. */
  force: z.boolean().default(SYNC_DEFAULTS.force),
  /** Dry-run every object on the server first and apply nothing unless all pass. */
  dryRunFirst: z.boolean().default(SYNC_DEFAULTS.dryRunFirst),
  prunePropagationPolicy: z.enum(["foreground", "background", "orphan"]).default(SYNC_DEFAULTS.prunePropagationPolicy),
  ignoreDifferences: z.array(ignoreDifferenceSchema).default(SYNC_DEFAULTS.ignoreDifferences),
  /**
   * How long a sync follows health before it reports Progressing and lets the app's next job go.
   * Short by default: a worker pays for the wait, and `sluice status` reads health live anyway.
   */
  healthTimeoutSeconds: z.number().int().min(0).max(900).default(SYNC_DEFAULTS.healthTimeoutSeconds),
  /** How long a sync waits for a wave to be Healthy or a hook to complete before the sync fails. */
  waveTimeoutSeconds: z.number().int().min(1).max(43_200).default(SYNC_DEFAULTS.waveTimeoutSeconds),
}).strict().default(SYNC_DEFAULTS);

export type SyncPolicy = z.infer<typeof syncPolicyConfigSchema>;
export type IgnoreDifference = z.infer<typeof ignoreDifferenceSchema>;

/** `clusters[]` lives with the code that connects to clusters. */
export { clusterConfigSchema } from "./cluster-config.ts";
