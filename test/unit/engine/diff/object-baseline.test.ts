import { describe, expect, it } from "vitest";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import { baselineOf, fingerprint, movedSince } from "../../../../src/engine/diff/object-baseline.ts";

/** A Deployment as the API server returns it right after Sluice's apply. */
const applied = (): LiveObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "web", namespace: "shop", uid: "u-1", resourceVersion: "10", generation: 1,
    labels: { app: "web", "app.kubernetes.io/managed-by": "sluice" },
    annotations: { "sluice.dev/app": "shop" },
    managedFields: [{ manager: "sluice", operation: "Apply", fieldsV1: { "f:metadata": { "f:labels": { "f:app": {} }, "f:annotations": { "f:sluice.dev/app": {} } }, "f:spec": { "f:replicas": {} } } }],
  },
  spec: { replicas: 2, template: { spec: { containers: [{ name: "web", image: "web:1.0.0" }] } } },
});

describe("fingerprint and movedSince", () => {
  it("ignores what controllers write: status, bookkeeping, and annotations only the controller manager owns", () => {
    // Prepare
    const before = applied();
    const after = structuredClone(before);
    after.metadata.resourceVersion = "11";
    after.metadata.annotations = { ...after.metadata.annotations, "deployment.kubernetes.io/revision": "1" };
    after.metadata.managedFields = [...(after.metadata.managedFields ?? []), { manager: "kube-controller-manager", operation: "Update", fieldsV1: { "f:metadata": { "f:annotations": { "f:deployment.kubernetes.io/revision": {} } }, "f:status": { "f:replicas": {} } } }];
    after["status"] = { replicas: 2, readyReplicas: 2 };

    // Act
    const baseline = baselineOf(before);

    // Assess
    expect(fingerprint(after)).toBe(fingerprint(before));
    expect(movedSince(baseline, after)).toBe(false);
  });

  it("sees an edit of any other field, an annotation a person added, and a label the controller manager shares with sluice", () => {
    const base = applied();
    const baseline = baselineOf(base);
    const edited = structuredClone(base);
    edited.metadata.resourceVersion = "12";
    edited["spec"] = { ...(edited["spec"] as object), replicas: 5 };
    const annotated = structuredClone(base);
    annotated.metadata.resourceVersion = "13";
    annotated.metadata.annotations = { ...annotated.metadata.annotations, "note": "hand edit" };
    annotated.metadata.managedFields = [...(annotated.metadata.managedFields ?? []), { manager: "kubectl-edit", operation: "Update", fieldsV1: { "f:metadata": { "f:annotations": { "f:note": {} } } } }];
    const relabelled = structuredClone(base);
    relabelled.metadata.resourceVersion = "14";
    relabelled.metadata.labels = { ...relabelled.metadata.labels, app: "other" };
    relabelled.metadata.managedFields = [...(relabelled.metadata.managedFields ?? []), { manager: "kube-controller-manager", operation: "Update", fieldsV1: { "f:metadata": { "f:labels": { "f:app": {} } } } }];

    expect([edited, annotated, relabelled].map((o) => movedSince(baseline, o))).toEqual([true, true, true]);
  });

  it("trusts an unchanged resourceVersion, and treats a missing object or baseline as moved", () => {
    const base = applied();
    const baseline = baselineOf(base);
    const sameVersion = structuredClone(base);
    sameVersion["spec"] = { replicas: 9 };

    expect(movedSince(baseline, sameVersion)).toBe(false);
    expect(movedSince(baseline, undefined)).toBe(true);
    expect(movedSince(undefined, base)).toBe(true);
  });

  it("does not depend on the order the server wrote keys in", () => {
    const a = applied();
    const b: LiveObject = { spec: a["spec"], metadata: { ...a.metadata, labels: { "app.kubernetes.io/managed-by": "sluice", app: "web" } }, kind: a.kind, apiVersion: a.apiVersion };

    expect(fingerprint(b)).toBe(fingerprint(a));
  });
});
