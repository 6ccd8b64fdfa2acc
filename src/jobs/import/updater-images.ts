import type { ImportContext } from "./import-context.ts";
import type { UpdaterImage } from "./updater-image.ts";
import { updaterPolicy } from "./updater-policy.ts";
import { updaterWrite, type UpdaterApp } from "./updater-write.ts";

/** Image Updater's images for one app as Sluice `images[]` entries; each one it cannot carry over is noted. */
export function updaterImages(
  images: readonly UpdaterImage[],
  app: UpdaterApp,
  source: string,
  ctx: ImportContext,
): Record<string, unknown>[] {
  return images.flatMap((image) => {
    for (const setting of image.unsupported)
      ctx.report.skipped(source, `${setting} has no Sluice equivalent`, `${image.alias}.${setting}`);
    const policy = updaterPolicy(image, source, ctx);
    const write = updaterWrite(image, app, source, ctx);
    return policy && write ? [{ repository: image.image, policy, write }] : [];
  });
}
