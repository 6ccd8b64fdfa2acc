import { buildIntakeDeps } from "../src/runtime/wiring/intake-deps.ts";
import { coldStart } from "./lib/cold-start.ts";
import { eventBridgeEcr } from "./lib/eventbridge-ecr.ts";

/** EventBridge rule { source: aws.ecr, detail-type: ECR Image Action }: match, queue. Needs no secret store. */
export const handler = eventBridgeEcr(buildIntakeDeps({ ...(await coldStart()), secretSources: { env: process.env } }));
