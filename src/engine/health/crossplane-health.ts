import type { HealthCheck } from "./health-check.ts";
import { conditionIs, readStatus } from "./resource-status.ts";

// Crossplane kinds that carry no status at all and are simply configuration.
const NO_STATUS = new Set(["Composition", "CompositionRevision", "DeploymentRuntimeConfig", "ControllerConfig",
  "ProviderConfig", "ProviderConfigUsage", "EnvironmentConfig", "Usage"]);
const FAILING = ["Synced", "LastAsyncOperation"];
const SUMMARY = ["Ready", "Healthy", "Offered", "Established", "Installed"];

/**
 * As Argo CD judges Crossplane's and Upbound's objects: Synced (or the last async operation)
 * False is Degraded with the provider's error, a True Ready/Healthy/Offered/Established is
 * Healthy, anything else is still being created.
 */
export const crossplaneHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  const kind = (object as { kind?: unknown }).kind;
  if (s.conditions.length === 0 && typeof kind === "string" && NO_STATUS.has(kind)) {
    return { status: "Healthy", message: "Resource is up-to-date." };
  }
  for (const type of FAILING) {
    const c = conditionIs(s, type, "False");
    if (c) return { status: "Degraded", message: c.message ?? c.reason ?? `${type} is False` };
  }
  const summaries = s.conditions.filter((c) => SUMMARY.includes(c.type));
  if (summaries.length > 0 && summaries.every((c) => c.status === "True")) {
    return { status: "Healthy", message: "Resource is up-to-date." };
  }
  const waiting = summaries.find((c) => c.status !== "True");
  return { status: "Progressing", message: waiting ? waiting.message ?? waiting.reason ?? `${waiting.type} is ${waiting.status}` : "Waiting for the provider" };
};
