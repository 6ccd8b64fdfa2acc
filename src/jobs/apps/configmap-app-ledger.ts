import { isNotFound } from "../../adapters/kube/kube-api-error.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { MANAGED_BY, MANAGED_BY_LABEL, RECORD_NAMESPACE } from "../../adapters/kube/labels.ts";
import { generatedAppEntrySchema, type GeneratedAppEntry, type GeneratedAppLedger } from "../../core/apps/generated-app-ledger.ts";

const LABEL = "sluice.dev/generated-app";
const ref = (app: string) => ({ apiVersion: "v1", kind: "ConfigMap", namespace: RECORD_NAMESPACE, name: `sluice-gen-${app}` });

/** Entries as ConfigMaps in `sluice-system` of one cluster (on Lambda, where no folder outlives a function). */
export class ConfigMapAppLedger implements GeneratedAppLedger {
  constructor(private readonly client: () => Promise<KubeClient>) {}

  async list(): Promise<GeneratedAppEntry[]> {
    const list = await (await this.client()).list("v1", "ConfigMap", RECORD_NAMESPACE, `${LABEL}=true`);
    return list.flatMap((cm) => entryOf(cm) ?? []);
  }

  async get(app: string): Promise<GeneratedAppEntry | undefined> {
    const cm = await (await this.client()).get(ref(app));
    return cm ? entryOf(cm) : undefined;
  }

  async put(entry: GeneratedAppEntry): Promise<void> {
    const { apiVersion, kind, namespace, name } = ref(entry.app);
    const configMap = { apiVersion, kind, metadata: { name, namespace, labels: { [LABEL]: "true", "app.kubernetes.io/part-of": "sluice" } }, data: { "entry.json": JSON.stringify(entry) } };
    const client = await this.client();
    try {
      await client.apply(configMap, { force: true });
    } catch (error) {
      // The first generated app may come before any record made sluice-system.
      if (!isNotFound(error)) throw error;
      await client.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: RECORD_NAMESPACE, labels: { [MANAGED_BY_LABEL]: MANAGED_BY } } }, { force: true });
      await client.apply(configMap, { force: true });
    }
  }

  async remove(app: string): Promise<void> {
    try {
      await (await this.client()).delete(ref(app), { propagationPolicy: "Background" });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

function entryOf(cm: LiveObject): GeneratedAppEntry | undefined {
  const data = cm["data"];
  const text = typeof data === "object" && data !== null && "entry.json" in data ? data["entry.json"] : undefined;
  if (typeof text !== "string") return undefined;
  const parsed = generatedAppEntrySchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}
