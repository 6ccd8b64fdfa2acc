import * as z from "zod";
import { conditionsSchema, findCondition } from "./condition.ts";
import type { HealthCheck } from "./health-check.ts";

const crdSchema = z.object({ status: z.object({ conditions: conditionsSchema }).loose().nullish() }).loose();

/**
 * As Argo CD judges a CRD: terminating Progresses; names not accepted, not established, or a
 * non-structural schema are Degraded; otherwise Healthy.
 */
export const customResourceDefinitionHealth: HealthCheck = (object) => {
  const conditions = crdSchema.parse(object).status?.conditions ?? [];
  if (conditions.length === 0) return { status: "Progressing", message: "Status conditions not found" };
  const is = (type: string, status: string) => {
    const c = findCondition(conditions, type);
    return c?.status === status ? c : undefined;
  };
  const terminating = is("Terminating", "True");
  if (terminating) return { status: "Progressing", message: `CRD is being terminated: ${terminating.message ?? ""}` };
  const names = is("NamesAccepted", "False");
  if (names) return { status: "Degraded", message: `CRD names have not been accepted: ${names.message ?? ""}` };
  if (!is("Established", "True")) {
    const message = findCondition(conditions, "Established")?.message ?? "";
    return { status: "Degraded", message: `CRD is not established: ${message}` };
  }
  const violations = is("NonStructuralSchema", "True");
  if (violations) return { status: "Degraded", message: `Schema violations found: ${violations.message ?? ""}` };
  return { status: "Healthy", message: "CRD is healthy" };
};
