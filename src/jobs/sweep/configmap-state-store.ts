import { isNotFound } from "../../adapters/kube/kube-api-error.ts";
import type { KubeClient } from "../../adapters/kube/kube-client.ts";
import { RECORD_NAMESPACE } from "../../adapters/kube/labels.ts";
import { sweepStateSchema, type SweepState, type SweepStateStore } from "./sweep-state.ts";

/** The ConfigMap holding the sweep's state in each cluster. */
export const SWEEP_STATE_NAME = "sluice-sweep";
const ref = { apiVersion: "v1", kind: "ConfigMap", namespace: RECORD_NAMESPACE, name: SWEEP_STATE_NAME };

/**
 * The sweep's state in a ConfigMap in `sluice-system`, beside the app records: one read and at
 * most one write per cluster per sweep. Unreadable state is treated as none: it only saves work.
 */
export class ConfigMapStateStore implements SweepStateStore {
  constructor(readonly name: string, private readonly client: () => Promise<KubeClient>) {}

  async read(): Promise<SweepState | undefined> {
    const cm = await (await this.client()).get(ref);
    const data = cm?.["data"];
    const text = typeof data === "object" && data !== null && "state.json" in data ? data["state.json"] : undefined;
    if (typeof text !== "string") return undefined;
    const parsed = sweepStateSchema.safeParse(safeJson(text));
    return parsed.success ? parsed.data : undefined;
  }

  async write(state: SweepState): Promise<void> {
    const client = await this.client();
    const configMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      // Not labelled managed-by=sluice: the sweep's label-selected lists are of apps' objects only.
      metadata: { name: SWEEP_STATE_NAME, namespace: RECORD_NAMESPACE, labels: { "app.kubernetes.io/part-of": "sluice" } },
      data: { "state.json": JSON.stringify(state) },
    };
    try {
      await client.apply(configMap, { force: true });
    } catch (error) {
      // No sluice-system yet: no app has a record here, so there is nothing worth remembering.
      if (!isNotFound(error)) throw error;
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
