import { describe, expect, it } from "vitest";
import { hookSpecOf, postDeleteHookOf } from "../../../../src/engine/sync/hook-spec.ts";
import type { Manifest } from "../../../../src/adapters/render/manifest.ts";

const job = (annotations: Record<string, string>): Manifest => ({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate", annotations } });

describe("hookSpecOf", () => {
  it("reads Argo CD's hook, wave and delete policies, a comma list running a hook in each phase", () => {
    expect(hookSpecOf(job({ "argocd.argoproj.io/hook": "PreSync, PostSync", "argocd.argoproj.io/hook-delete-policy": "HookSucceeded,HookFailed", "argocd.argoproj.io/sync-wave": "-2" })))
      .toEqual({ kind: "hook", phases: ["PreSync", "PostSync"], wave: -2, deletePolicies: ["HookSucceeded", "HookFailed"] });
  });

  it("gives a hook without a delete policy BeforeHookCreation, as Argo CD does", () => {
    expect(hookSpecOf(job({ "argocd.argoproj.io/hook": "SyncFail" }))).toEqual({ kind: "hook", phases: ["SyncFail"], wave: 0, deletePolicies: ["BeforeHookCreation"] });
  });

  it("reads a normal resource's wave, and a wave that is not an integer as 0", () => {
    expect(hookSpecOf(job({ "argocd.argoproj.io/sync-wave": "3" }))).toEqual({ kind: "resource", wave: 3 });
    expect(hookSpecOf(job({ "argocd.argoproj.io/sync-wave": "first" }))).toEqual({ kind: "resource", wave: 0 });
    expect(hookSpecOf({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } })).toEqual({ kind: "resource", wave: 0 });
  });

  it("does not apply Skip, PostDelete and PreDelete hooks on sync", () => {
    expect(hookSpecOf(job({ "argocd.argoproj.io/hook": "Skip" }))).toEqual({ kind: "skip", reason: "argocd.argoproj.io/hook: Skip" });
    expect(hookSpecOf(job({ "argocd.argoproj.io/hook": "PostDelete" }))).toMatchObject({ kind: "skip" });
    expect(hookSpecOf(job({ "argocd.argoproj.io/hook": "PreDelete" }))).toMatchObject({ kind: "skip" });
  });

  it("maps Helm's install and upgrade hooks onto PreSync and PostSync, its weight onto the wave, its delete policies onto Argo CD's", () => {
    expect(hookSpecOf(job({ "helm.sh/hook": "pre-install,pre-upgrade", "helm.sh/hook-weight": "-5", "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded" })))
      .toEqual({ kind: "hook", phases: ["PreSync"], wave: -5, deletePolicies: ["BeforeHookCreation", "HookSucceeded"] });
    expect(hookSpecOf(job({ "helm.sh/hook": "post-install,post-upgrade", "helm.sh/hook-delete-policy": "hook-failed" })))
      .toEqual({ kind: "hook", phases: ["PostSync"], wave: 0, deletePolicies: ["HookFailed"] });
    expect(hookSpecOf(job({ "helm.sh/hook": "post-upgrade" }))).toMatchObject({ deletePolicies: ["BeforeHookCreation"] });
  });

  it("does not apply Helm's test, delete and rollback hooks on sync, and applies crd-install as a normal resource", () => {
    expect(hookSpecOf(job({ "helm.sh/hook": "test" }))).toEqual({ kind: "skip", reason: "helm.sh/hook: test does not run on sync" });
    expect(hookSpecOf(job({ "helm.sh/hook": "test-success" }))).toMatchObject({ kind: "skip" });
    expect(hookSpecOf(job({ "helm.sh/hook": "pre-delete,post-delete" }))).toMatchObject({ kind: "skip" });
    expect(hookSpecOf(job({ "helm.sh/hook": "pre-rollback" }))).toMatchObject({ kind: "skip" });
    expect(hookSpecOf(job({ "helm.sh/hook": "crd-install" }))).toEqual({ kind: "resource", wave: 0 });
  });

  it("lets Argo CD's annotations win over Helm's, and Argo CD's wave over Helm's weight", () => {
    expect(hookSpecOf(job({ "argocd.argoproj.io/hook": "Sync", "helm.sh/hook": "pre-install", "helm.sh/hook-weight": "4" })))
      .toEqual({ kind: "hook", phases: ["Sync"], wave: 0, deletePolicies: ["BeforeHookCreation"] });
    expect(hookSpecOf(job({ "helm.sh/hook": "pre-install", "helm.sh/hook-weight": "4", "argocd.argoproj.io/sync-wave": "1" }))).toMatchObject({ wave: 1 });
  });

  it("finds PostDelete hooks, Argo CD's and Helm's post-delete, for a deletion to run", () => {
    expect(postDeleteHookOf(job({ "argocd.argoproj.io/hook": "PostDelete", "argocd.argoproj.io/hook-delete-policy": "HookSucceeded" })))
      .toEqual({ kind: "hook", phases: ["PostDelete"], wave: 0, deletePolicies: ["HookSucceeded"] });
    expect(postDeleteHookOf(job({ "helm.sh/hook": "post-delete", "helm.sh/hook-weight": "2" }))).toEqual({ kind: "hook", phases: ["PostDelete"], wave: 2, deletePolicies: ["BeforeHookCreation"] });
    expect(postDeleteHookOf(job({ "argocd.argoproj.io/hook": "PostSync", "helm.sh/hook": "post-delete" }))).toBeUndefined();
    expect(postDeleteHookOf(job({}))).toBeUndefined();
  });
});

