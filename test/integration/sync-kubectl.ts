// kubectl for the sync tests: what they do to the cluster "out of band", and how they read it back,
// goes through a client other than the one under test.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { inject } from "vitest";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { waitFor } from "../harness/wait-for.ts";
import { POOL_LABEL_PREFIX } from "./sync-fixtures.ts";

const execFileAsync = promisify(execFile);

/** Runs kubectl against the test cluster and returns stdout; the error carries stderr. */
export async function kubectl(...args: string[]): Promise<string> {
  const { kubectl: bin } = await ensureKubeTools();
  try {
    const { stdout } = await execFileAsync(bin, ["--kubeconfig", inject("kubeconfig"), ...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = typeof error === "object" && error !== null && "stderr" in error ? String(error.stderr) : "";
    throw new Error(`kubectl ${args.join(" ")} failed: ${stderr.replace(/^Warning: version difference.*\n/m, "").trim()}`, { cause: error });
  }
}

/** The object as JSON, or undefined when it does not exist. */
export async function getJson(kind: string, name: string, namespace?: string): Promise<Record<string, unknown> & { metadata: { resourceVersion: string; uid: string; labels?: Record<string, string>; annotations?: Record<string, string>; managedFields?: { manager: string; operation: string; fieldsV1?: unknown }[]; ownerReferences?: unknown[] }; spec?: Record<string, unknown> } | undefined> {
  const out = await kubectl("get", kind, name, ...(namespace ? ["-n", namespace] : []), "-o", "json", "--ignore-not-found", "--show-managed-fields");
  return out.trim() ? JSON.parse(out) : undefined;
}

/** Names of the objects of a kind in a namespace. */
export async function names(kind: string, namespace: string): Promise<string[]> {
  const out = await kubectl("get", kind, "-n", namespace, "-o", "jsonpath={.items[*].metadata.name}");
  return out.split(" ").filter(Boolean).sort();
}

/** Fails, naming the setup command, where the cluster has no simulated nodes to run Pods (the 1.20 fallback). */
function requireNodes(): void {
  if (inject("kubeNodes") > 0) return;
  throw new Error(
    `this test follows real rollouts, which need the simulated nodes of the current cluster; this run has ` +
      `Kubernetes ${inject("kubeVersion")} without any. Run: bash test/harness/build-k8s-current.sh`,
  );
}

/**
 * Lets Pods held in `pool` (see `held` in sync-fixtures.ts) be scheduled: every simulated node
 * joins the pool, the scheduler places the Pending Pods and kwok runs them.
 */
export async function releasePool(pool: string): Promise<void> {
  requireNodes();
  await kubectl("label", "nodes", "-l", "type=kwok", `${POOL_LABEL_PREFIX}${pool}=open`, "--overwrite");
}

/** Releases `pool` when given, then waits until the Deployment's rollout reports all replicas updated and available. */
export async function completeRollout(namespace: string, deployment: string, pool?: string): Promise<void> {
  requireNodes();
  if (pool) await releasePool(pool);
  await waitFor(`rollout of ${deployment}`, async () => {
    const d = await getJson("deployment", deployment, namespace);
    const status = d?.["status"] as { observedGeneration?: number; availableReplicas?: number; updatedReplicas?: number; replicas?: number } | undefined;
    const generation = (d?.metadata as { generation?: number } | undefined)?.generation;
    const want = (d?.spec?.["replicas"] as number | undefined) ?? 1;
    const done = status && status.observedGeneration === generation && status.availableReplicas === want && status.updatedReplicas === want && status.replicas === want;
    return done ? true : undefined;
  }, 60_000, 300);
}
