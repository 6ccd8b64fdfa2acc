import type { AppConfig } from "../config/app-config.ts";
import { withHistory, type AppRecord } from "../destination/app-record.ts";
import type { ResourceResult } from "../destination/destination.ts";
import type { GitWorkspace } from "../gitops/git-workspace.ts";
import { normalizeRepository } from "../images/image-ref.ts";
import { renderApp } from "../render/render-app.ts";
import { readImage } from "../writeback/write-image.ts";
import type { WorkerDeps } from "./worker-deps.ts";

export interface SyncOutcome {
  revision: string;
  status: "synced" | "already-synced" | "out-of-sync" | "failed";
  resources: ResourceResult[];
  message?: string;
}

export interface SyncTrigger {
  trigger: string;
  deliveryId: string;
}

/** Renders the checked-out revision, applies it to the app's destination and records the result. */
export async function syncApp(app: AppConfig, workspace: GitWorkspace, cause: SyncTrigger, deps: WorkerDeps): Promise<SyncOutcome> {
  const revision = await workspace.head();
  const destination = deps.destinationFor(app);
  const previous = await destination.readRecord(app.name);
  if (previous?.revision === revision && previous.sync.status === "Synced") {
    return { revision, status: "already-synced", resources: [] };
  }
  const images = await currentImages(app, workspace);
  const manifests = await renderApp(app, workspace.dir, deps.render);
  const inventory = manifests.map((m) => `${m.apiVersion}/${m.kind}/${m.metadata.namespace ?? app.destination.namespace}/${m.metadata.name}`);

  if (!app.syncPolicy.automated) {
    const message = `revision ${revision.slice(0, 12)} awaits a manual sync`;
    await destination.writeRecord(record(app, previous, { revision: previous?.revision ?? "", images: previous?.images ?? {}, inventory: previous?.inventory ?? [], sync: { status: "OutOfSync", message } }));
    return { revision, status: "out-of-sync", resources: [], message };
  }

  const resources = await destination.apply(app, manifests);
  const failed = resources.filter((r) => r.status === "failed");
  const message = failed.length ? `${failed.length} of ${resources.length} resources failed: ${failed.map((f) => `${f.kind}/${f.name}: ${f.message ?? ""}`).join("; ")}` : undefined;
  await destination.writeRecord(record(app, previous, {
    revision,
    images,
    inventory,
    sync: failed.length ? { status: "OutOfSync", ...(message ? { message } : {}) } : { status: "Synced" },
  }, { at: deps.now().toISOString(), revision, trigger: cause.trigger, deliveryId: cause.deliveryId, result: failed.length ? "Failed" : "Succeeded", ...(message ? { message } : {}) }));
  deps.logger.info("app synced", { app: app.name, revision, deliveryId: cause.deliveryId, applied: resources.length - failed.length, failed: failed.length });
  return { revision, status: failed.length ? "failed" : "synced", resources, ...(message ? { message } : {}) };
}

function record(app: AppConfig, previous: AppRecord | undefined, state: Pick<AppRecord, "revision" | "images" | "inventory" | "sync">, entry?: AppRecord["history"][number]): AppRecord {
  const history = previous?.history ?? [];
  return { app: app.name, ...state, history: entry ? withHistory(history, entry) : history };
}

/** The tag each of the app's images has in the checked-out files. */
async function currentImages(app: AppConfig, workspace: GitWorkspace): Promise<Record<string, string>> {
  const images: Record<string, string> = {};
  for (const image of app.images) {
    const repository = normalizeRepository(image.repository);
    const current = readImage(await workspace.readFile(image.write.file), image.write, { repository });
    if (current.tag) images[repository] = current.digest ? `${current.tag}@${current.digest}` : current.tag;
  }
  return images;
}
