import type { HealthCheck } from "./health-check.ts";
import type { HealthStatus } from "./health-status.ts";
import { readStatus } from "./resource-status.ts";

type Phases = Record<string, [HealthStatus, string]>;

/**
 * A check for the Argo kinds that report one status.phase (AnalysisRun, Experiment, Workflow):
 * each phase maps to a status and a default message; status.message wins when there is one.
 */
const phaseHealth = (phases: Phases, waiting: string, unknownPhase: HealthStatus = "Unknown"): HealthCheck => (object) => {
  const s = readStatus(object);
  if (!s.phase) return { status: "Progressing", message: s.message ?? waiting };
  const [status, message] = phases[s.phase] ?? [unknownPhase, `phase ${s.phase}`];
  return { status, message: s.message ?? message };
};

export const analysisRunHealth = phaseHealth({
  Pending: ["Progressing", "Analysis run is running"],
  Running: ["Progressing", "Analysis run is running"],
  Successful: ["Healthy", "Analysis run completed successfully"],
  Failed: ["Degraded", "Analysis run failed"],
  Error: ["Degraded", "Analysis run had an error"],
  Inconclusive: ["Unknown", "Analysis run was inconclusive"],
}, "Waiting for analysis run to finish: status has not been reconciled.");

export const experimentHealth = phaseHealth({
  Pending: ["Progressing", "Experiment is pending"],
  Running: ["Progressing", "Experiment is running"],
  Successful: ["Healthy", "Experiment is successful"],
  Failed: ["Degraded", "Experiment has failed"],
  Error: ["Degraded", "Experiment had an error"],
}, "Waiting for experiment to finish: status has not been reconciled.");

export const workflowHealth = phaseHealth({
  Pending: ["Progressing", "Workflow is pending"],
  Running: ["Progressing", "Workflow is running"],
  Succeeded: ["Healthy", "Workflow succeeded"],
  Failed: ["Degraded", "Workflow failed"],
  Error: ["Degraded", "Workflow had an error"],
}, "Workflow has not started");
