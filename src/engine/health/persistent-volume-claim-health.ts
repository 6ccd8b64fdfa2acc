import * as z from "zod";
import type { HealthCheck } from "./health-check.ts";

const claimSchema = z.object({ status: z.object({ phase: z.string().optional() }).loose().default({}) }).loose();

/** Bound is Healthy, Pending Progressing, Lost Degraded. */
export const persistentVolumeClaimHealth: HealthCheck = (object) => {
  const { status } = claimSchema.parse(object);
  switch (status.phase) {
    case "Bound": return { status: "Healthy" };
    case "Pending": return { status: "Progressing", message: "waiting for a volume to bind" };
    case "Lost": return { status: "Degraded", message: "the bound volume is lost" };
    default: return { status: "Unknown", message: `claim phase ${status.phase ?? "(none)"}` };
  }
};
