import type { AppIndex } from "../../core/apps/app-index.ts";
import { staticAppIndex } from "../../core/apps/static-app-index.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";

/** The app index, or the inline apps' for deps assembled with only the configuration (the CLI, tests), as appForJob reads it. */
export function currentIndex(deps: Pick<WorkerDeps, "appIndex" | "config">, options?: { fresh?: boolean }): Promise<AppIndex> {
  return typeof deps.appIndex === "function" ? deps.appIndex(options) : Promise.resolve(staticAppIndex(deps.config));
}
