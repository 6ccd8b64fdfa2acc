import { readDashboardAssets } from "../src/runtime/wiring/dashboard-assets-file.ts";
import { httpApiDashboard } from "../src/runtime/wiring/dashboard-http-api.ts";
import { workerColdStart } from "./lib/worker-cold-start.ts";

/** GET /dashboard/… and POST /dashboard/api/…: the page, its assets and the JSON API, behind the stack's authorizer. */
export const handler = httpApiDashboard({ ...(await workerColdStart()), assets: await readDashboardAssets(new URL("../dist/dashboard/assets.json", import.meta.url)) });
