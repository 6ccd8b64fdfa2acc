import picomatch from "picomatch";
import { splitImageConstraint, type UpdaterImage } from "./updater-image.ts";
import type { ImportContext } from "./import-context.ts";
import { describeResource, type KubeResource } from "./kube-resource.ts";

type Obj = Record<string, unknown>;

/** The Applications an ImageUpdater may name, by their Argo CD name. */
export interface NamedApplication {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The images an `ImageUpdater` resource (Image Updater 1.x) tracks, per Application it
 * selects: `applicationRefs[]` by `namePattern` glob and `labelSelectors.matchLabels`, each
 * image's settings from itself, its ref, then the resource (`commonUpdateSettings`,
 * `writeBackConfig`), the nearest winning.
 */
export function updaterResource(
  resource: KubeResource,
  applications: readonly NamedApplication[],
  ctx: ImportContext,
): Map<string, UpdaterImage[]> {
  const source = describeResource(resource);
  const spec = resource.spec;
  const namespace = typeof spec["namespace"] === "string" ? spec["namespace"] : undefined;
  const out = new Map<string, UpdaterImage[]>();
  for (const [i, ref] of (Array.isArray(spec["applicationRefs"]) ? (spec["applicationRefs"] as Obj[]) : []).entries()) {
    const selectors = (ref["labelSelectors"] ?? {}) as Obj;
    if (selectors["matchExpressions"] !== undefined)
      ctx.report.skipped(
        source,
        "matchExpressions are not read; only namePattern and matchLabels select apps",
        `spec.applicationRefs[${i}]`,
      );
    const matchLabels = (selectors["matchLabels"] ?? {}) as Record<string, string>;
    const matches = picomatch(String(ref["namePattern"] ?? "*"));
    const selected = applications.filter(
      (app) =>
        (namespace === undefined || app.namespace === undefined || app.namespace === namespace) &&
        matches(app.name) &&
        Object.entries(matchLabels).every(([k, v]) => app.labels[k] === v),
    );
    if (selected.length === 0)
      ctx.report.skipped(
        source,
        `applicationRefs[${i}] (${String(ref["namePattern"])}) selects no imported Application`,
        `spec.applicationRefs[${i}]`,
      );
    const images = (Array.isArray(ref["images"]) ? (ref["images"] as Obj[]) : []).map((image) =>
      imageOf(image, ref, spec),
    );
    for (const app of selected) out.set(app.name, [...(out.get(app.name) ?? []), ...images]);
  }
  return out;
}

function imageOf(image: Obj, ref: Obj, spec: Obj): UpdaterImage {
  const settings = [image, ref, spec].map((level) => (level["commonUpdateSettings"] ?? {}) as Obj);
  const setting = (key: string): unknown => settings.find((s) => s[key] !== undefined)?.[key];
  const writeBack = ([ref, spec].map((level) => level["writeBackConfig"]).find((w) => w !== undefined) ?? {}) as Obj;
  const git = (writeBack["gitConfig"] ?? {}) as Obj;
  const targets = (image["manifestTargets"] ?? {}) as Obj;
  const helm = (targets["helm"] ?? {}) as Obj;
  const kustomize = (targets["kustomize"] ?? {}) as Obj;
  const { image: name, constraint } = splitImageConstraint(String(image["imageName"] ?? ""));
  const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
  const ignore = setting("ignoreTags");
  return {
    alias: text(image["alias"]) ?? name,
    image: name,
    constraint,
    strategy: text(setting("updateStrategy")) ?? "semver",
    allowTags: text(setting("allowTags")),
    ignoreTags: Array.isArray(ignore) ? ignore.map(String) : [],
    helm: { name: text(helm["name"]), tag: text(helm["tag"]), spec: text(helm["spec"]) },
    kustomizeName: text(kustomize["name"]),
    method: text(writeBack["method"]) ?? "argocd",
    target: text(git["writeBackTarget"]),
    branch: text(git["branch"]),
    unsupported: ["platforms", "pullSecret", "forceUpdate"].filter((key) => setting(key) !== undefined),
  };
}
