import type { AppConfig } from "../../core/config/app-config.ts";
import { describeRef } from "../../adapters/kube/object-ref.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import { renderForSync } from "../sync/sync-render.ts";
import type { ApiDeps } from "./api-deps.ts";

export interface DiffEntry {
  resource: string;
  kind: string;
  name: string;
  namespace?: string;
  status: "Synced" | "OutOfSync";
  reason?: string;
  message?: string;
  /** Unified diff, live to git; a Secret's values masked. */
  diff: string;
}

export type AppDiffView = { revision: string; resources: DiffEntry[] } | { error: string };

/**
 * The live-versus-desired diff Sluice computes for `sluice diff`: the branch head rendered for the
 * destination and compared by server-side dry run. A render or git error is the answer (with the
 * file and line the renderer gives), not a failure of the page.
 */
export async function appDiff(app: AppConfig, deps: Pick<ApiDeps, "git" | "config" | "secrets" | "destinationFor" | "render">): Promise<AppDiffView> {
  try {
    const workspace = await deps.git.checkout(app.source.repo, app.source.branch, await gitAuthFor(app.source.repo, deps));
    try {
      const destination = deps.destinationFor(app);
      const revision = await workspace.head();
      const manifests = await renderForSync(app, workspace.dir, revision, destination, deps.render);
      const record = await destination.readRecord(app.name);
      const { resources } = await destination.diff(app, manifests, record?.inventory ?? []);
      return {
        revision,
        resources: resources.map((r) => ({
          resource: describeRef(r.ref), kind: r.ref.kind, name: r.ref.name, ...(r.ref.namespace ? { namespace: r.ref.namespace } : {}),
          status: r.status, ...(r.reason ? { reason: r.reason } : {}), ...(r.message ? { message: r.message } : {}), diff: r.diff,
        })),
      };
    } finally {
      await workspace.dispose();
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
