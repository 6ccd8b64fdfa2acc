import * as z from "zod";
import type { HealthCheck } from "./health-check.ts";

const loadBalancerStatus = z.object({ ingress: z.array(z.unknown()).default([]) }).loose().default({ ingress: [] });

const serviceSchema = z.object({
  spec: z.object({ type: z.string().default("ClusterIP") }).loose().default({ type: "ClusterIP" }),
  status: z.object({ loadBalancer: loadBalancerStatus }).loose().default({ loadBalancer: { ingress: [] } }),
}).loose();

/** A Service of type LoadBalancer Progresses until the cloud gives it an address; other Services are Healthy. */
export const serviceHealth: HealthCheck = (object) => {
  const { spec, status } = serviceSchema.parse(object);
  if (spec.type !== "LoadBalancer") return { status: "Healthy" };
  return status.loadBalancer.ingress.length > 0 ? { status: "Healthy" } : { status: "Progressing", message: "waiting for the load balancer to get an address" };
};
