import * as z from "zod";
import type { HealthCheck } from "./health-check.ts";

const namespaceSchema = z.object({ status: z.object({ phase: z.string().optional() }).loose().default({}) }).loose();

/** Active is Healthy; Terminating is on its way out. */
export const namespaceHealth: HealthCheck = (object) => {
  const { status } = namespaceSchema.parse(object);
  if (status.phase === "Active") return { status: "Healthy" };
  if (status.phase === "Terminating") return { status: "Progressing", message: "namespace is terminating" };
  return { status: "Unknown", message: `namespace phase ${status.phase ?? "(none)"}` };
};
