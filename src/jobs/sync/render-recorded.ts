import type { AppConfig } from "../../core/config/app-config.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { renderForSync } from "./sync-render.ts";

/** Renders the app at one revision of its source: a checkout of that commit, disposed of after. */
export async function renderRecorded(
  app: AppConfig,
  revision: string,
  destination: Pick<Destination, "capabilities">,
  deps: Pick<WorkerDeps, "git" | "render" | "config" | "secrets">,
): Promise<Manifest[]> {
  const workspace = await deps.git.checkout(app.source.repo, app.source.branch, await gitAuthFor(app.source.repo, deps), { revision });
  try {
    return await renderForSync(app, workspace.dir, revision, destination, deps.render);
  } finally {
    await workspace.dispose();
  }
}
