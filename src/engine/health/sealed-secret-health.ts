import type { HealthCheck } from "./health-check.ts";
import { generationPending, readStatus, withMessage } from "./resource-status.ts";

/** A SealedSecret: Synced=True once the controller has unsealed it, False when it cannot. */
export const sealedSecretHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  const synced = s.conditions.find((c) => c.type === "Synced");
  if (!generationPending(s) && synced?.status === "True") return { status: "Healthy", ...withMessage(synced.message) };
  if (synced?.status === "False") return { status: "Degraded", message: synced.message ?? synced.reason ?? "Synced is False" };
  return { status: "Progressing", message: "Waiting for the SealedSecret to be unsealed" };
};
