import { describe, expect, it } from "vitest";
import { hookFailure, podTermination } from "../../../../src/engine/sync/hook-failure.ts";
import type { KubeClient, LiveObject } from "../../../../src/adapters/kube/kube-client.ts";

const pod = (name: string, terminated: Record<string, unknown>): LiveObject => ({
  apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "ns" },
  status: { phase: "Failed", containerStatuses: [{ name: "migrate", state: { terminated } }] },
});

describe("hook failures in the hook's own words", () => {
  it("reads the failed container's termination message, else its reason and exit code", () => {
    expect(podTermination(pod("migrate-x1", { exitCode: 3, reason: "Error", message: "relation users already exists\n" })))
      .toBe("pod migrate-x1 container migrate: relation users already exists");
    expect(podTermination(pod("migrate-x2", { exitCode: 137, reason: "OOMKilled" }))).toBe("pod migrate-x2 container migrate: OOMKilled (exit code 137)");
    expect(podTermination(pod("ok", { exitCode: 0, reason: "Completed" }))).toBeUndefined();
  });

  it("adds a failed Job's Pod termination message to its condition, listing Pods by the Job's name", async () => {
    // Prepare
    const selectors: string[] = [];
    const client = { list: async (_v: string, _k: string, _ns: string, selector: string) => (selectors.push(selector), [pod("migrate-x1", { exitCode: 1, message: "no database" })]) } as unknown as KubeClient;
    const job: LiveObject = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate", namespace: "ns" } };

    // Act
    const message = await hookFailure(client, job, "BackoffLimitExceeded: Job has reached the specified backoff limit");

    // Assess
    expect(message).toBe("BackoffLimitExceeded: Job has reached the specified backoff limit; pod migrate-x1 container migrate: no database");
    expect(selectors).toEqual(["batch.kubernetes.io/job-name=migrate"]);
  });
});
