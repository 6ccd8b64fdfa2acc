import type { Manifest } from "../../adapters/render/manifest.ts";

/** The phases a sync runs in, in order; SyncFail only when the sync failed; PostDelete once the app is deleted. */
export type SyncPhase = "PreSync" | "Sync" | "PostSync" | "SyncFail" | "PostDelete";
export const PHASE_ORDER: readonly SyncPhase[] = ["PreSync", "Sync", "PostSync", "SyncFail", "PostDelete"];

export type DeletePolicy = "BeforeHookCreation" | "HookSucceeded" | "HookFailed";

/** What the annotations make of a rendered object. */
export type HookSpec =
  /** A normal resource: applied in the Sync phase, part of the app's inventory and sync status. */
  | { kind: "resource"; wave: number }
  /** A hook: run in its phases, never pruned as a resource, not part of the sync status. */
  | { kind: "hook"; phases: SyncPhase[]; wave: number; deletePolicies: DeletePolicy[] }
  /** Not applied: `hook: Skip`, a hook of a phase Sluice does not run on sync (Helm tests, PostDelete), with why. */
  | { kind: "skip"; reason: string };

export const HOOK = "argocd.argoproj.io/hook";
export const HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
export const SYNC_WAVE = "argocd.argoproj.io/sync-wave";
export const HELM_HOOK = "helm.sh/hook";
export const HELM_HOOK_WEIGHT = "helm.sh/hook-weight";
export const HELM_HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";

// Argo CD maps Helm's hooks onto its own (gitops-engine pkg/sync/hook/helm); the rest it ignores.
const HELM_PHASES: Record<string, SyncPhase | "PostDelete"> = {
  "pre-install": "PreSync", "pre-upgrade": "PreSync", "post-install": "PostSync", "post-upgrade": "PostSync", "post-delete": "PostDelete",
};
const HELM_POLICIES: Record<string, DeletePolicy> = {
  "before-hook-creation": "BeforeHookCreation", "hook-succeeded": "HookSucceeded", "hook-failed": "HookFailed",
};
const ARGO_PHASES = new Set<string>(["PreSync", "Sync", "PostSync", "SyncFail", "Skip", "PostDelete", "PreDelete"]);
const ARGO_POLICIES = new Set<string>(["BeforeHookCreation", "HookSucceeded", "HookFailed"]);

const list = (value: string | undefined): string[] => (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);

/** An integer annotation; anything else (absent, "abc") is 0, as Argo CD reads a wave it cannot parse. */
function integer(value: string | undefined): number {
  const n = Number(value?.trim());
  return value !== undefined && Number.isInteger(n) ? n : 0;
}

/**
 * Reads an object's hook, wave and delete policies from Argo CD's annotations, or failing those
 * Helm's, mapped as Argo CD maps them: pre-install/pre-upgrade are PreSync, post-install/post-upgrade
 * PostSync, the weight is the wave, and hooks Argo CD does not run on sync (Helm's test hooks,
 * pre-delete, PostDelete) are not applied. A hook with no delete policy is BeforeHookCreation.
 */
export function hookSpecOf(manifest: Manifest): HookSpec {
  const annotations = manifest.metadata.annotations ?? {};
  const argo = annotations[HOOK];
  const helm = annotations[HELM_HOOK];
  const wave = integer(annotations[SYNC_WAVE] ?? (argo === undefined ? annotations[HELM_HOOK_WEIGHT] : undefined));
  if (argo !== undefined) {
    const named = list(argo).filter((p) => ARGO_PHASES.has(p));
    if (named.includes("Skip")) return { kind: "skip", reason: `${HOOK}: Skip` };
    const phases = named.filter((p): p is SyncPhase => p !== "PostDelete" && p !== "PreDelete" && p !== "Skip");
    if (phases.length === 0) return { kind: "skip", reason: `${HOOK}: ${argo} does not run on sync` };
    const policies = list(annotations[HOOK_DELETE_POLICY]).filter((p): p is DeletePolicy => ARGO_POLICIES.has(p));
    return { kind: "hook", phases, wave, deletePolicies: policies.length ? policies : ["BeforeHookCreation"] };
  }
  // crd-install is Helm 2's way of saying "a CRD": Argo CD applies it as a normal resource.
  const helmTypes = list(helm).filter((t) => t !== "crd-install");
  if (helm === undefined || helmTypes.length === 0) return { kind: "resource", wave };
  const phases = [...new Set(helmTypes.map((t) => HELM_PHASES[t]).filter((p): p is SyncPhase => p !== undefined && p !== "PostDelete"))];
  if (phases.length === 0) return { kind: "skip", reason: `${HELM_HOOK}: ${helm} does not run on sync` };
  const policies = list(annotations[HELM_HOOK_DELETE_POLICY]).map((p) => HELM_POLICIES[p]).filter((p) => p !== undefined);
  return { kind: "hook", phases, wave, deletePolicies: policies.length ? [...new Set(policies)] : ["BeforeHookCreation"] };
}

/** The PostDelete hooks among rendered objects (Argo CD's PostDelete, Helm's post-delete), with wave and policies. */
export function postDeleteHookOf(manifest: Manifest): Extract<HookSpec, { kind: "hook" }> | undefined {
  const annotations = manifest.metadata.annotations ?? {};
  const argo = annotations[HOOK];
  const deleting = argo !== undefined ? list(argo).includes("PostDelete") : list(annotations[HELM_HOOK]).includes("post-delete");
  if (!deleting) return undefined;
  const wave = integer(annotations[SYNC_WAVE] ?? (argo === undefined ? annotations[HELM_HOOK_WEIGHT] : undefined));
  const policies = argo !== undefined
    ? list(annotations[HOOK_DELETE_POLICY]).filter((p): p is DeletePolicy => ARGO_POLICIES.has(p))
    : list(annotations[HELM_HOOK_DELETE_POLICY]).map((p) => HELM_POLICIES[p]).filter((p) => p !== undefined);
  return { kind: "hook", phases: ["PostDelete"], wave, deletePolicies: policies.length ? [...new Set(policies)] : ["BeforeHookCreation"] };
}
