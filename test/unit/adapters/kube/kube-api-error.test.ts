import { describe, expect, it } from "vitest";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";

describe("KubeApiError", () => {
  it("classifies once: 429 and 5xx later (after a Retry-After), 409 later, other refusals never", () => {
    // Prepare
    const status = (code: number, reason: string) => ({ kind: "Status", message: `${reason}!`, reason });

    // Act
    const errors = [
      KubeApiError.fromStatus(429, status(429, "TooManyRequests"), "GET /api/v1", { endpoint: "cluster:prod", retryAfterMs: 1_000 }),
      KubeApiError.fromStatus(503, "service unavailable", "GET /api/v1", { endpoint: "cluster:prod" }),
      KubeApiError.fromStatus(409, status(409, "Conflict"), "PUT /api/v1/x", { endpoint: "cluster:prod" }),
      KubeApiError.fromStatus(403, status(403, "Forbidden"), "GET /api/v1/x", { endpoint: "cluster:prod" }),
      KubeApiError.fromStatus(422, status(422, "Invalid"), "PATCH /api/v1/x", { endpoint: "cluster:prod" }),
    ];

    // Assess
    expect(errors.map((e) => e.retry)).toEqual([{ afterMs: 1_000 }, "later", "later", "never", "never"]);
    expect(errors.map((e) => e.endpoint)).toEqual(Array(5).fill("cluster:prod"));
    expect(errors[1]?.message).toBe("GET /api/v1: HTTP 503: service unavailable");
    expect(errors[3]).toMatchObject({ status: 403, reason: "Forbidden", message: "Forbidden!" });
  });

  it("passes a pending service account's 403 and stands on a field manager conflict", () => {
    // Prepare: the admission plugin's words for a Pod in a namespace created a moment ago, and an apply conflict
    const pending = { kind: "Status", reason: "Forbidden", message: 'pods "migrate" is forbidden: error looking up service account shop/default: serviceaccount "default" not found' };
    const conflict = { kind: "Status", reason: "Conflict", message: "Apply failed with 1 conflict", details: { causes: [{ reason: "FieldManagerConflict", field: ".data.a" }] } };

    // Act
    const errors = [KubeApiError.fromStatus(403, pending, "PATCH /api/v1/x"), KubeApiError.fromStatus(409, conflict, "PATCH /api/v1/x")];

    // Assess
    expect(errors.map((e) => e.retry)).toEqual(["later", "never"]);
  });

  it("reads a StatusCause's type from its wire name, reason", () => {
    // Prepare: a server-side apply conflict as the API server answers it
    const body = {
      kind: "Status", reason: "Conflict", message: "Apply failed with 1 conflict",
      details: { causes: [{ reason: "FieldManagerConflict", message: 'conflict with "kubectl-create" using v1', field: ".data.a" }] },
    };

    // Act
    const error = KubeApiError.fromStatus(409, body, "PATCH /api/v1/x");

    // Assess
    expect(error.causes).toEqual([{ type: "FieldManagerConflict", message: 'conflict with "kubectl-create" using v1', field: ".data.a" }]);
  });
});
