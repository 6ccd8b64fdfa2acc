import { describe, expect, it } from "vitest";
import { CLIENT_SIDE_MANAGERS } from "../../../../src/engine/sync/client-side-managers.ts";
import { upgradeManagedFields } from "../../../../src/engine/sync/upgrade-managed-fields.ts";

const entry = (manager: string, operation: string, fieldsV1: object, extra: object = {}) => ({ manager, operation, apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1, time: "2026-01-01T00:00:00Z", ...extra });
const LAST_APPLIED = { "f:metadata": { "f:annotations": { ".": {}, "f:kubectl.kubernetes.io/last-applied-configuration": {} } } };

describe("upgradeManagedFields", () => {
  it("unions the client-side entry into Sluice's Apply entry and drops it, leaving other managers alone", () => {
    // Prepare
    const other = entry("kube-controller-manager", "Update", { "f:status": {} }, { subresource: "status" });
    const entries = [entry("kubectl-client-side-apply", "Update", { ...LAST_APPLIED, "f:data": { "f:legacy": {} } }), entry("sluice", "Apply", { "f:data": { "f:level": {} } }), other];

    // Act
    const upgraded = upgradeManagedFields(entries, CLIENT_SIDE_MANAGERS, "sluice");

    // Assess
    expect(upgraded).toEqual([
      { ...entry("sluice", "Apply", { ...LAST_APPLIED, "f:data": { "f:level": {}, "f:legacy": {} } }) },
      other,
    ]);
  });

  it("turns the newest client-side entry into Sluice's Apply entry when Sluice has none yet", () => {
    // Prepare: Argo CD's sync and an earlier kubectl apply, newest first as the server lists them
    const entries = [entry("argocd-controller", "Update", { "f:data": { "f:a": {} } }), entry("kubectl-client-side-apply", "Update", { "f:data": { "f:b": {} } })];

    // Act
    const upgraded = upgradeManagedFields(entries, CLIENT_SIDE_MANAGERS, "sluice");

    // Assess
    expect(upgraded).toEqual([entry("sluice", "Apply", { "f:data": { "f:a": {}, "f:b": {} } })]);
  });

  it("drops a client-side entry of another apiVersion without taking its paths, which mean other fields there", () => {
    // Prepare
    const entries = [entry("sluice", "Apply", { "f:spec": {} }, { apiVersion: "apps/v1" }), entry("kubectl-client-side-apply", "Update", { "f:spec": { "f:old": {} } }, { apiVersion: "apps/v1beta1" })];

    // Act
    const upgraded = upgradeManagedFields(entries, CLIENT_SIDE_MANAGERS, "sluice");

    // Assess
    expect(upgraded).toEqual([entry("sluice", "Apply", { "f:spec": {} }, { apiVersion: "apps/v1" })]);
  });

  it("finds nothing to do without a client-side Update entry on the main resource", () => {
    // Prepare: server-side applies, a scale, an edit, and an entry the schema does not recognise
    const entries = [
      entry("sluice", "Apply", {}), entry("kubectl-client-side-apply", "Apply", {}), entry("kubectl-client-side-apply", "Update", {}, { subresource: "scale" }),
      entry("kubectl-edit", "Update", {}), { manager: 42 },
    ];

    // Act
    const upgraded = upgradeManagedFields(entries, CLIENT_SIDE_MANAGERS, "sluice");

    // Assess
    expect(upgraded).toBeUndefined();
  });
});
