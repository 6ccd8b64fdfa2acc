import type { EventBridgeEvent } from "aws-lambda";
import { handleEcrEvent, type EcrOutcome } from "../../src/jobs/intake/handle-ecr-event.ts";
import type { IntakeDeps } from "../../src/jobs/intake/handle-webhook.ts";

/** An EventBridge rule target for ECR's "ECR Image Action" events; the core validates the event itself. */
export function eventBridgeEcr(deps: IntakeDeps) {
  return (event: EventBridgeEvent<string, unknown>): Promise<EcrOutcome> => handleEcrEvent(event, deps);
}
