import type { IndexedApp } from "../../core/apps/app-index.ts";
import { renderTemplate } from "../../core/apps/render-template.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import type { GeneratedAppEntry, GeneratedAppLedger } from "../../core/apps/generated-app-ledger.ts";
import { createOwnNamespace } from "./own-namespace.ts";
import { notifyReviewApp } from "../notify/notify-review-app.ts";

export type LifecycleDeps = Pick<WorkerDeps, "config" | "secrets" | "commits" | "destinationFor" | "logger" | "now"> & { ledger: GeneratedAppLedger }
  & Partial<Pick<WorkerDeps, "notifications" | "appIndex">>;

/** The job that brought an app up or tore it down, for the review-app notifications. */
export interface LifecycleCause {
  trigger: string;
  deliveryId: string;
  provider?: string | undefined;
}

/**
 * Before a generated app's first sync: its values file, made from the sample file in its source
 * branch and committed `[skip ci]`, and its namespace, created (and so later deleted) by Sluice
 * when the template asks for CreateNamespace. Done once per app: the ledger says it was.
 */
export async function bringUpGenerated(entry: IndexedApp, deps: LifecycleDeps, cause?: LifecycleCause): Promise<GeneratedAppEntry | undefined> {
  const { app, generated, appSet } = entry;
  if (!generated || !appSet) return undefined;
  const known = await deps.ledger.get(app.name);
  if (known) return known;
  const made: GeneratedAppEntry = {
    app: app.name, appSet, definition: generated.definition, deletionPolicy: generated.deletionPolicy, createdAt: deps.now().toISOString(),
  };
  if (generated.valuesFile) {
    const { from, path } = generated.valuesFile;
    await commitValuesFile(entry, from, path, deps);
    made.valuesFile = { repo: app.source.repo, branch: app.source.branch, path };
  }
  if (app.syncPolicy.createNamespace && "cluster" in app.destination) {
    const created = await createOwnNamespace(deps.destinationFor(app), app.destination.namespace, app.name);
    if (created) made.namespace = { cluster: app.destination.cluster, name: app.destination.namespace };
  }
  await deps.ledger.put(made);
  deps.logger.info("generated app brought up", { app: app.name, appSet, valuesFile: made.valuesFile?.path, namespaceCreated: made.namespace?.name });
  if (cause) await notifyReviewApp("created", entry, cause, deps);
  return made;
}

async function commitValuesFile(entry: IndexedApp, from: string, path: string, deps: LifecycleDeps): Promise<void> {
  const { app } = entry;
  const auth = await gitAuthFor(app.source.repo, deps);
  const landed = await deps.commits.submit({ url: app.source.repo, branch: app.source.branch, auth }, {
    async apply(files) {
      // A file there already (an earlier attempt, a person's) is kept as it is.
      if (files.hasFile && (await files.hasFile(path))) return { value: undefined };
      const sample = await files.readFile(from);
      const filled = renderTemplate(sample, entry.labels).value;
      await files.writeFile(path, typeof filled === "string" ? filled : sample);
      return { value: undefined, applied: { files: [path], line: `[skip ci] sluice: values file ${path} for ${app.name}`, trailers: [] } };
    },
  });
  await landed.release();
}
