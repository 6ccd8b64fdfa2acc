import { createHash } from "node:crypto";

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * The deduplication id of an image job the sweep queues: the app, image and tag alone, so
 * overlapping sweeps queue it once. A webhook for the same tag has its own id; the worker's
 * write is idempotent (the second job finds the tag in git), so the two make one commit.
 */
export function sweepImageJobId(app: string, repository: string, tag: string): string {
  return sha256(`image-update\nsweep\n${app}\n${repository}\n${tag}`);
}

/**
 * The deduplication id of a drift check: the app, its revision, and each object with the
 * resourceVersion the sweep saw. Sweeps that see the same state queue one check; a further
 * change to an object is a new check.
 */
export function checkJobId(app: string, revision: string, objects: readonly { key: string; resourceVersion?: string | undefined }[]): string {
  const seen = objects.map((o) => `${o.key}@${o.resourceVersion ?? "missing"}`).sort();
  return sha256(`check\n${app}\n${revision}\n${seen.join("\n")}`);
}
