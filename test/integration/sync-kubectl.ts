// kubectl for the sync tests: what they do to the cluster "out of band", and how they read it back,
// goes through a client other than the one under test.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { inject } from "vitest";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { waitFor } from "../harness/wait-for.ts";

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

/**
 * Plays the kubelet, which the test cluster has not: marks every pod of the namespace Running and
 * Ready, so Deployments complete their rollouts. Strategic merge, which this API server handles.
 */
export async function markPodsReady(namespace: string, selector: string): Promise<number> {
  const pods = (await kubectl("get", "pods", "-n", namespace, "-l", selector, "-o", "jsonpath={.items[*].metadata.name}")).split(" ").filter(Boolean);
  const now = new Date().toISOString();
  const patch = JSON.stringify({ status: { phase: "Running", conditions: [{ type: "Ready", status: "True", lastTransitionTime: now }, { type: "ContainersReady", status: "True", lastTransitionTime: now }] } });
  for (const pod of pods) await kubectl("patch", "pod", pod, "-n", namespace, "--subresource=status", "--type=strategic", "-p", patch);
  return pods.length;
}

/** Waits until a Deployment's pods exist, then marks them ready, until the rollout reports all available. */
export async function completeRollout(namespace: string, deployment: string, selector: string): Promise<void> {
  await waitFor(`rollout of ${deployment}`, async () => {
    await markPodsReady(namespace, selector);
    const d = await getJson("deployment", deployment, namespace);
    const status = d?.["status"] as { availableReplicas?: number; updatedReplicas?: number; replicas?: number } | undefined;
    const want = (d?.spec?.["replicas"] as number | undefined) ?? 1;
    return status && status.availableReplicas === want && status.updatedReplicas === want && status.replicas === want ? true : undefined;
  }, 60_000, 300);
}
