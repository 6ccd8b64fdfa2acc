import { buildIntakeDeps } from "../src/runtime/intake-deps.ts";
import { coldStart } from "./lib/cold-start.ts";
import { awsSecretSources } from "./lib/aws-secret-sources.ts";
import { httpApiWebhook } from "./lib/http-api.ts";

/** POST /hooks/…: verify, match, queue. */
export const handler = httpApiWebhook(buildIntakeDeps({ ...(await coldStart()), secretSources: awsSecretSources() }));
