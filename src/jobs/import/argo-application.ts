import { argoDestination } from "./argo-destination.ts";
import { argoSource } from "./argo-source.ts";
import { argoSyncPolicy } from "./argo-sync-policy.ts";
import { dnsLabelFrom } from "./dns-label-from.ts";
import type { ImportContext } from "./import-context.ts";
import type { ImportedApp } from "./imported-app.ts";
import { describeResource, type KubeResource } from "./kube-resource.ts";
import { updaterAnnotations } from "./updater-annotations.ts";
import { updaterImages } from "./updater-images.ts";
import type { UpdaterImage } from "./updater-image.ts";

type Obj = Record<string, unknown>;

/**
 * An Argo CD Application as a Sluice app: its source and render, destination, sync policy and
 * ignoreDifferences, and the images its Image Updater annotations (or `extraImages`, from an
 * ImageUpdater resource) track. Undefined, with the reason in the report, when it has no
 * git source Sluice can render.
 */
export function argoApplication(
  resource: KubeResource,
  ctx: ImportContext,
  extraImages: readonly UpdaterImage[] = [],
  from = describeResource(resource),
): ImportedApp | undefined {
  const spec = resource.spec;
  const translated = argoSource(spec, from, ctx);
  if ("skipped" in translated) {
    ctx.report.skipped(from, translated.skipped, "spec.source");
    return undefined;
  }
  const name = dnsLabelFrom(resource.metadata.name);
  if (name !== resource.metadata.name)
    ctx.report.changed(from, `named ${name}: Sluice app names are DNS labels`, "metadata.name");
  if (spec["project"] !== undefined && spec["project"] !== "default") {
    ctx.report.skipped(
      from,
      `project ${String(spec["project"])}: Sluice has no projects; IAM and RBAC scope what it may do`,
      "spec.project",
    );
  }
  const source = translated.source as { repo: string; path: string };
  const images = updaterImages(
    [...updaterAnnotations(resource.metadata.annotations ?? {}), ...extraImages],
    { name, source, render: translated.render },
    from,
    ctx,
  );
  const app: Obj = {
    name,
    source: translated.source,
    render: translated.render,
    destination: argoDestination((spec["destination"] ?? {}) as Obj, from, ctx),
    ...(images.length ? { images } : {}),
    syncPolicy: argoSyncPolicy(spec, from, ctx),
  };
  return { from, app };
}
