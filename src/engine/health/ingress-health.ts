import * as z from "zod";
import type { HealthCheck } from "./health-check.ts";

const ingressSchema = z.object({
  status: z.object({ loadBalancer: z.object({ ingress: z.array(z.unknown()).default([]) }).loose().default({ ingress: [] }) }).loose()
    .default({ loadBalancer: { ingress: [] } }),
}).loose();

/** An Ingress Progresses until its controller publishes an address. */
export const ingressHealth: HealthCheck = (object) => {
  const { status } = ingressSchema.parse(object);
  return status.loadBalancer.ingress.length > 0 ? { status: "Healthy" } : { status: "Progressing", message: "waiting for the ingress controller to publish an address" };
};
