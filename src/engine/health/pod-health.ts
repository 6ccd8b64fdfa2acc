import * as z from "zod";
import { conditionsSchema, findCondition } from "./condition.ts";
import type { HealthCheck } from "./health-check.ts";
import { count } from "./numeric.ts";

const text = z.string().nullish().transform((s) => s ?? "");
const terminatedSchema = z.object({ reason: text, message: text, exitCode: count(0) }).loose();
const stateSchema = z.object({
  waiting: z.object({ reason: text, message: text }).loose().nullish(),
  terminated: terminatedSchema.nullish(),
}).loose().nullish();
const containerStatusSchema = z.object({ name: z.string().default(""), state: stateSchema, lastState: stateSchema }).loose();
const statuses = z.array(containerStatusSchema).nullish().transform((s) => s ?? []);

const podSchema = z.object({
  metadata: z.object({ annotations: z.record(z.string(), z.string()).nullish() }).loose().default({}),
  spec: z.object({ restartPolicy: z.string().default("Always") }).loose().default({ restartPolicy: "Always" }),
  status: z.object({
    phase: z.string().default("Pending"),
    message: text,
    conditions: conditionsSchema,
    containerStatuses: statuses,
    initContainerStatuses: statuses,
  }).loose().nullish(),
}).loose();

type ContainerStatus = z.infer<typeof containerStatusSchema>;

/** Argo CD's annotation: judge a pod with restartPolicy Never/OnFailure as if it restarted Always. */
export const IGNORE_RESTART_POLICY = "argocd.argoproj.io/ignore-restart-policy";

// A waiting reason that will not fix itself: ErrImagePull, CreateContainerConfigError, CrashLoopBackOff…
const stuck = (reason: string): boolean => reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff");

/**
 * As Argo CD judges a Pod: a stuck container is Degraded only when the pod restarts Always
 * (a hook pod may still recover), Running pods that restart Never/OnFailure are finite and so
 * Progress, and a not-Ready pod that restarted after a crash is Degraded.
 */
export const podHealth: HealthCheck = (object) => {
  const { metadata, spec, status: raw } = podSchema.parse(object);
  const status = raw ?? { phase: "Pending", message: "", conditions: [], containerStatuses: [], initContainerStatuses: [] };
  const message = (m: string) => (m ? { message: m } : {});
  if (spec.restartPolicy === "Always") {
    const waiting = status.containerStatuses.map((c) => c.state?.waiting).filter((w) => w && stuck(w.reason));
    if (waiting.length > 0) return { status: "Degraded", ...message(waiting.map((w) => w?.message ?? "").join(", ")) };
  }
  switch (status.phase) {
    case "Pending": return { status: "Progressing", ...message(status.message) };
    case "Succeeded": return { status: "Healthy", ...message(status.message) };
    case "Failed": {
      const failure = status.message || [...status.initContainerStatuses, ...status.containerStatuses].map(failText).find(Boolean);
      return { status: "Degraded", ...message(failure ?? "") };
    }
    case "Running": {
      const always = spec.restartPolicy === "Always" || metadata.annotations?.[IGNORE_RESTART_POLICY] !== undefined;
      if (!always) return { status: "Progressing", ...message(status.message) };
      if (findCondition(status.conditions, "Ready")?.status === "True") return { status: "Healthy", ...message(status.message) };
      const crashed = status.containerStatuses.some((c) => c.lastState?.terminated);
      return { status: crashed ? "Degraded" : "Progressing", ...message(status.message) };
    }
    default: return { status: "Unknown", ...message(status.message || `pod phase ${status.phase}`) };
  }
};

function failText(c: ContainerStatus): string {
  const t = c.state?.terminated;
  if (!t) return "";
  if (t.message) return t.message;
  if (t.reason === "OOMKilled") return t.reason;
  return t.exitCode !== 0 ? `container "${c.name}" failed with exit code ${t.exitCode}` : "";
}
