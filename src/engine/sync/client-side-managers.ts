import * as z from "zod";
import { isApplyConflict } from "../../adapters/kube/kube-api-error.ts";
import type { LiveObject } from "../../adapters/kube/kube-client.ts";

/**
 * Field managers of client-side apply whose fields Sluice takes over: `kubectl apply` without
 * --server-side, and Argo CD's default (client-side) sync. Their Update entries own what they last
 * applied, so a server-side apply alone would leave every field git dropped in place.
 */
export const CLIENT_SIDE_MANAGERS: readonly string[] = ["kubectl-client-side-apply", "argocd-controller"];

/** The managers a server-side apply conflict names (`conflict with "<manager>" ...`); none for any other error. */
export function conflictingManagers(error: unknown): string[] {
  if (!isApplyConflict(error)) return [];
  const names = error.causes.filter((c) => c.type === "FieldManagerConflict").map((c) => /^conflict with "([^"]+)"/.exec(c.message ?? "")?.[1]);
  return [...new Set(names.filter((n) => n !== undefined))];
}

const entriesSchema = z.array(z.object({ manager: z.string(), operation: z.string(), subresource: z.string().optional() }).loose().catch({ manager: "", operation: "" }));

/** The client-side managers that still own fields of the object (their Update entries on the main resource). */
export function clientSideOwners(object: LiveObject): string[] {
  const entries = entriesSchema.safeParse(object.metadata.managedFields ?? []).data ?? [];
  return entries.filter((e) => e.operation === "Update" && !e.subresource && CLIENT_SIDE_MANAGERS.includes(e.manager)).map((e) => e.manager);
}
