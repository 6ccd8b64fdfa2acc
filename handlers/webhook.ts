import { buildIntakeDeps } from "../src/runtime/wiring/intake-deps.ts";
import { awsSecretSources } from "./lib/aws-secret-sources.ts";
import { coldStart } from "./lib/cold-start.ts";
import { httpApiWebhook } from "./lib/http-api.ts";
import { lambdaMetrics } from "./lib/metrics.ts";

/** POST /hooks/…: verify, match, queue. */
export const handler = httpApiWebhook(buildIntakeDeps({ ...(await coldStart()), secretSources: awsSecretSources() }), lambdaMetrics("webhook"));
