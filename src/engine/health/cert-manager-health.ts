import type { HealthCheck } from "./health-check.ts";
import { conditionIs, readStatus, withMessage } from "./resource-status.ts";

/** As Argo CD judges a Certificate: Issuing=True first (Progressing), then Ready decides. */
export const certificateHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  const issuing = conditionIs(s, "Issuing", "True");
  if (issuing) return { status: "Progressing", ...withMessage(issuing.message ?? "Issuing certificate") };
  const ready = s.conditions.find((c) => c.type === "Ready");
  if (ready?.status === "False") return { status: "Degraded", message: ready.message ?? ready.reason ?? "Ready is False" };
  if (ready?.status === "True") return { status: "Healthy", ...withMessage(ready.message) };
  return { status: "Progressing", message: "Waiting for certificate" };
};

// cert-manager's documented final reasons for a request; Pending means the issuer is still working.
const FINAL = new Set(["Failed", "Denied", "InvalidRequest"]);

/** A CertificateRequest: Ready=True Healthy; denied, invalid or failed Degraded; Pending Progresses. */
export const certificateRequestHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  const refused = conditionIs(s, "Denied", "True") ?? conditionIs(s, "InvalidRequest", "True");
  if (refused) return { status: "Degraded", message: refused.message ?? refused.type };
  const ready = s.conditions.find((c) => c.type === "Ready");
  if (ready?.status === "True") return { status: "Healthy", ...withMessage(ready.message) };
  if (ready?.status === "False" && FINAL.has(ready.reason ?? "Failed")) {
    return { status: "Degraded", message: ready.message ?? ready.reason ?? "Ready is False" };
  }
  return { status: "Progressing", message: ready?.message ?? "Waiting for CertificateRequest" };
};
