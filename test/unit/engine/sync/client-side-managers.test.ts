import { describe, expect, it } from "vitest";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import { conflictingManagers } from "../../../../src/engine/sync/client-side-managers.ts";

describe("conflictingManagers", () => {
  it("names each manager a server-side apply conflict is with, once", () => {
    // Prepare
    const cause = (manager: string, field: string) => ({ type: "FieldManagerConflict", message: `conflict with "${manager}" using v1`, field });
    const conflict = new KubeApiError(409, "Apply failed with 3 conflicts", { reason: "Conflict", causes: [cause("argocd-controller", ".data.a"), cause("argocd-controller", ".data.b"), cause("kubectl-edit", ".data.c")] });

    // Act
    const names = conflictingManagers(conflict);

    // Assess
    expect(names).toEqual(["argocd-controller", "kubectl-edit"]);
    expect(conflictingManagers(new KubeApiError(409, "the object has been modified", { reason: "AlreadyExists" }))).toEqual([]);
    expect(conflictingManagers(new Error("boom"))).toEqual([]);
  });
});
