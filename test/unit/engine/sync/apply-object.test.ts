import { describe, expect, it } from "vitest";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import { applyObject } from "../../../../src/engine/sync/apply-object.ts";
import { FakeKubeClient } from "../../adapters/kube/fake-kube-client.ts";

const cfg: LiveObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "shop" }, data: { level: "info" } };
const conflictWith = (...managers: string[]) => new KubeApiError(409, "Apply failed", {
  reason: "Conflict", causes: managers.map((m) => ({ type: "FieldManagerConflict", message: `conflict with "${m}" using v1`, field: ".data.level" })),
});

/** The fake, refusing unforced applies with a conflict. */
class ConflictingKube extends FakeKubeClient {
  constructor(private readonly conflict: KubeApiError) {
    super();
  }
  override async apply(object: LiveObject, options: { dryRun?: boolean; force?: boolean }): Promise<LiveObject> {
    if (!options.force) {
      this.calls.push(`refused apply ${options.dryRun ? "dry-run" : ""}`);
      throw this.conflict;
    }
    return super.apply(object, options);
  }
}

describe("applyObject's dry run", () => {
  it("forces past conflicts only with client-side managers, whose fields the sync takes over", async () => {
    // Prepare
    const kube = new ConflictingKube(conflictWith("kubectl-client-side-apply", "argocd-controller"));

    // Act
    await applyObject(kube, cfg, { replace: false, force: false }, true);

    // Assess
    expect(kube.calls).toEqual(["refused apply dry-run", "dry-run apply ConfigMap/cfg"]);
  });

  it("reports a conflict that also names another manager", async () => {
    // Prepare
    const conflict = conflictWith("kubectl-client-side-apply", "kubectl-edit");
    const kube = new ConflictingKube(conflict);

    // Act
    const failure = await applyObject(kube, cfg, { replace: false, force: false }, true).catch((error: unknown) => error);

    // Assess
    expect(failure).toBe(conflict);
  });
});
