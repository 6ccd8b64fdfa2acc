import { celEnvironment } from "../../../core/config/cel-environment.ts";
import type { HealthCheckExpr } from "../../../core/config/health-config.ts";
import type { HealthCheck } from "../health-check.ts";
import type { HealthStatus } from "../health-status.ts";
import { observedGenerationBehind } from "../resource-status.ts";

/** Flux's statuses in Argo CD's names: InProgress, Failed, Current. */
const ORDER = [["inProgress", "Progressing"], ["failed", "Degraded"], ["current", "Healthy"]] as const;

/**
 * A check from Flux-style CEL expressions (RFC 0009): a status.observedGeneration behind
 * metadata.generation Progresses, then inProgress, failed and current are tried in that order,
 * and when none is true the object is still in progress. An expression that errors (a missing
 * field, a non-boolean result) throws, which makes the object Unknown with that error.
 */
export function celHealthCheck(expr: HealthCheckExpr): HealthCheck {
  const compiled = ORDER.flatMap(([field, status]) => {
    const source = expr[field];
    return source === undefined ? [] : [{ field, status, run: celEnvironment.parse(source) }];
  });
  return (object) => {
    if (observedGenerationBehind(object)) return { status: "Progressing", message: "generation not yet observed" };
    // A new object has no status yet: it reads as empty rather than as an error in every expression.
    const context = { metadata: {}, spec: {}, status: {}, ...(object !== null && typeof object === "object" ? object : {}) };
    for (const { field, status, run } of compiled) {
      const result = evaluate(field, () => run(context));
      if (result) return { status: status satisfies HealthStatus, message: `CEL ${field} is true` };
    }
    return { status: "Progressing", message: "no CEL expression is true yet" };
  };
}

function evaluate(field: string, run: () => unknown): boolean {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new Error(`CEL ${field}: ${message}`, { cause: error });
  }
  if (typeof result !== "boolean") throw new Error(`CEL ${field}: returned ${typeof result}, not a bool`);
  return result;
}
