import { describe, expect, it } from "vitest";
import { AdapterError } from "../../../../src/core/errors/adapter-error.ts";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import type { Logger } from "../../../../src/core/log/logger.ts";
import type { WorkerDeps } from "../../../../src/jobs/deps/worker-deps.ts";
import { JOB_RETRY_BUDGET_MS, processJobMessage } from "../../../../src/jobs/worker/process-job-message.ts";

const CONFIG = `apps:
  - name: web
    source: { repo: https://git.example.com/acme/deploy.git, path: apps/web }
    render: { directory: {} }
    destination: { directory: /unused, namespace: web }
`;

/** Worker deps whose git fails with `error` when the sync job checks out; records what was logged at which level. */
function failingWith(error: unknown): { deps: WorkerDeps; logged: string[]; slept: number[] } {
  const logged: string[] = [];
  const log = (level: string) => (message: string) => void logged.push(`${level} ${message}`);
  const logger = { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") } as unknown as Logger;
  const git = { headOf: () => Promise.reject(error), checkout: () => Promise.reject(error) };
  const secrets = { resolve: () => Promise.resolve("") };
  const slept: number[] = [];
  const sleep = async (ms: number) => void slept.push(ms);
  const deps = { config: parseConfig(CONFIG, "/tmp/sluice.yaml"), logger, git, secrets, sleep } as unknown as WorkerDeps;
  return { deps, logged, slept };
}

const SYNC = JSON.stringify({ kind: "sync", app: "web", deliveryId: "d-1", trigger: "webhook" });

describe("processJobMessage", () => {
  it("drops a job whose error says never, reporting it, and hands back one that says later or names a wait", async () => {
    // Prepare
    const refused = failingWith(new AdapterError("403 forbidden", { endpoint: "git:git.example.com", retry: "never" }));
    const down = failingWith(new AdapterError("503", { endpoint: "git:git.example.com", retry: "later" }));
    const throttled = failingWith(new AdapterError("429", { endpoint: "git:git.example.com", retry: { afterMs: 60_000 } }));

    // Act
    const dropped = await processJobMessage(SYNC, refused.deps);
    const retried = await Promise.all([down, throttled].map((f) => processJobMessage(SYNC, f.deps).then(() => "resolved", () => "rejected")));

    // Assess
    expect(dropped).toBeUndefined();
    expect(refused.logged).toContain("error job failed for good");
    expect(retried).toEqual(["rejected", "rejected"]);
    expect(down.logged).toContain("warn job failed; will retry");
  });

  it("runs a job again in process while its failure passes, within the job's budget, before handing it back", async () => {
    // Prepare: git answers 503 twice, then works; another endpoint stays down; a third asks for a minute.
    let calls = 0;
    const flaky = failingWith(undefined);
    const unavailable = new AdapterError("503", { endpoint: "git:git.example.com", retry: "later" });
    const refusedForGood = new AdapterError("403", { endpoint: "git:git.example.com", retry: "never" });
    const git = flaky.deps.git as unknown as { checkout: () => Promise<never> };
    git.checkout = () => Promise.reject(++calls <= 2 ? unavailable : refusedForGood);
    const down = failingWith(unavailable);
    const throttled = failingWith(new AdapterError("429", { endpoint: "git:git.example.com", retry: { afterMs: 60_000 } }));

    // Act
    const recovered = await processJobMessage(SYNC, flaky.deps);
    const stays = await processJobMessage(SYNC, down.deps).then(() => "resolved", () => "rejected");
    const waits = await processJobMessage(SYNC, throttled.deps).then(() => "resolved", () => "rejected");

    // Assess: the third run's answer (never) stands; the waits stay within the budget; a minute is the queue's to wait.
    expect(calls).toBe(3);
    expect(recovered).toBeUndefined();
    expect(flaky.slept).toHaveLength(2);
    expect(stays).toBe("rejected");
    expect(down.slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(JOB_RETRY_BUDGET_MS);
    expect(down.slept.length).toBeGreaterThan(1);
    expect(waits).toBe("rejected");
    expect(throttled.slept).toEqual([]);
  });

  it("drops a job for an app the configuration does not have", async () => {
    const { deps, logged } = failingWith(new Error("not called"));
    expect(await processJobMessage(JSON.stringify({ kind: "sync", app: "gone", deliveryId: "d", trigger: "sweep" }), deps)).toBeUndefined();
    expect(logged).toContain("error job failed for good");
  });
});
