import * as z from "zod";
import type { ImagePushEvent } from "../../../core/events/internal-event.ts";
import { normalizeRepository } from "../../../core/images/normalize-repository.ts";
import { parseImageRef } from "../../../core/images/image-ref.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import { validDigest } from "../../../core/images/digest.ts";

export type PackageEventName = "package" | "registry_package";

const packageSchema = z.object({
  name: z.string().min(1),
  package_type: z.string().nullish(),
  owner: z.object({ login: z.string().min(1) }),
  package_version: z.object({
    package_url: z.string().nullish(),
    container_metadata: z.object({
      tag: z.object({ name: z.string().nullish(), digest: z.string().nullish() }).nullish(),
    }).nullish(),
  }).nullish(),
});

const bodySchemas = {
  package: z.object({ action: z.string(), package: packageSchema }),
  registry_package: z.object({ action: z.string(), registry_package: packageSchema }),
};

const CONTAINER_TYPES = new Set(["container", "docker"]);

/** GHCR: a `package` or `registry_package` event for a container version that was published with a tag. */
export function readGhcrPackage(body: Uint8Array, name: PackageEventName, eventId: string): { events: ImagePushEvent[]; ignored: string[] } {
  const { action, pkg } = readBody(body, name);
  const version = pkg.package_version;
  const container = version?.container_metadata;
  if (!CONTAINER_TYPES.has((pkg.package_type ?? "").toLowerCase()) && !container) {
    return { events: [], ignored: [`${name} event for ${pkg.package_type ?? "a"} package ${pkg.name}: only container images deploy`] };
  }
  if (action !== "published" && action !== "updated") return { events: [], ignored: [`${name} ${action} event for ${pkg.name}: only published versions deploy`] };
  const tag = container?.tag?.name ?? "";
  if (tag === "") return { events: [], ignored: [`untagged version of ${pkg.name} published: not an image tag push`] };
  // package_url names the image as users pull it (ghcr.io/owner/name:tag, or with an empty tag
  // "ghcr.io/owner/name:"); owner and name are the fallback.
  const fromUrl = version?.package_url ? parseImageRef(version.package_url.trim().replace(/:$/, ""))?.repository : undefined;
  const repository = fromUrl ?? normalizeRepository(`ghcr.io/${pkg.owner.login}/${pkg.name}`);
  const digest = validDigest(container?.tag?.digest);
  return { events: [{ kind: "image-push", provider: "github", eventId, repository, tag, ...(digest ? { digest } : {}) }], ignored: [] };
}

function readBody(body: Uint8Array, name: PackageEventName): { action: string; pkg: z.infer<typeof packageSchema> } {
  if (name === "package") {
    const parsed = parseJsonBody(body, bodySchemas.package);
    return { action: parsed.action, pkg: parsed.package };
  }
  const parsed = parseJsonBody(body, bodySchemas.registry_package);
  return { action: parsed.action, pkg: parsed.registry_package };
}
