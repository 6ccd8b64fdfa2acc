import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import type { Manifest } from "../../../../src/adapters/render/manifest.ts";
import { syncObjects } from "../../../../src/engine/sync/sync-objects.ts";
import { FakeKubeClient } from "../../adapters/kube/fake-kube-client.ts";

const app = () => {
  const config = configSchema.parse({ apps: [{ name: "shop", source: { repo: "https://git.invalid/x.git" }, render: { directory: {} }, destination: { directory: "/tmp/unused", namespace: "shop" } }] });
  const a = config.apps[0];
  if (!a) throw new Error("no app");
  return a;
};
const cm = (name: string): Manifest => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "1" } });

/** A fake API server whose applies of some objects fail with `errors` in turn before they pass. */
function flaky(errors: Record<string, Error[]>): FakeKubeClient {
  const kube = new FakeKubeClient();
  const apply = kube.apply.bind(kube);
  kube.apply = async (object: LiveObject, options: { dryRun?: boolean; force?: boolean }) => {
    const next = options.dryRun ? undefined : errors[object.metadata.name]?.shift();
    if (next) throw next;
    return apply(object, options);
  };
  return kube;
}

describe("syncObjects and transient refusals", () => {
  it("applies again after a 429's Retry-After and a restarting API server's 503; marks what still fails as transient", async () => {
    // Prepare: a throttled, a restarting, and a down-for-good object, and one refused as invalid
    const throttled = new KubeApiError(429, "too many requests", { retryAfterMs: 1_500 });
    const restarting = new KubeApiError(503, "apiserver is shutting down");
    const kube = flaky({
      a: [throttled],
      b: [restarting, restarting],
      c: Array.from({ length: 50 }, () => restarting),
      d: [new KubeApiError(422, 'ConfigMap "d" is invalid', { reason: "Invalid" })],
    });
    const sleeps: number[] = [];
    const options = { concurrency: 1, sleep: async (ms: number) => void sleeps.push(ms), crdTimeoutMs: 1000 };

    // Act
    const run = await syncObjects(kube, app(), [cm("a"), cm("b"), cm("c"), cm("d")], [], options);

    // Assess: a and b applied within the job; c gave up after 20 s of waiting and says it may pass; d failed at once
    expect(run.results.map((r) => `${r.name}:${r.status}${r.transient ? ":transient" : ""}`)).toEqual(["a:applied", "b:applied", "c:failed:transient", "d:failed"]);
    expect(sleeps[0]).toBe(1_500);
    expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(1_500 + 2 * 1_500 + 20_000);
  });
});
