import type { AppConfig, ImageConfig } from "../config/app-config.ts";
import type { Change } from "../gitops/branch-committer.ts";
import { bumpLine } from "../writeback/commit-message.ts";
import { WriteBackError } from "../writeback/write-back-error.ts";
import { readImage, writeImage } from "../writeback/write-image.ts";
import type { ChosenTag } from "./choose-tag.ts";
import { decideBump } from "./decide-bump.ts";
import { PermanentJobError } from "./permanent-job-error.ts";

/** What applying an image change found: the outcome so far, before push and sync. */
export interface ImageChangeValue {
  readonly status: "committed" | "unchanged" | "skipped" | "held";
  readonly reason?: string;
  readonly from?: string;
  readonly to: string;
  /** For a hold: the tag git holds and the tag it was rolled back from. */
  readonly hold?: { readonly tag: string; readonly from: string; readonly message: string };
}

export interface ImageChangeInput {
  readonly app: AppConfig;
  readonly image: ImageConfig;
  /** Normalised repository. */
  readonly repository: string;
  readonly chosen: ChosenTag;
  /** The tag Sluice last wrote for this image (from the app record). */
  readonly lastWritten: string | undefined;
  /** The commit line template (`git.commit.message`). */
  readonly template: string;
  readonly deliveryId: string;
}

/**
 * Writes the chosen tag into the image's file, byte for byte, when the decision allows it.
 * Decides on each application against the checkout it is given, since after a lost race
 * the file may hold another tag than before.
 */
export function imageChange(input: ImageChangeInput): Change<ImageChangeValue> {
  const { app, image, repository, chosen } = input;
  const file = image.write.file;
  const to = chosen.tag;
  return {
    async apply(workspace) {
      let content: string;
      try {
        content = await workspace.readFile(file);
      } catch (error) {
        throw new PermanentJobError(`${app.name}: cannot read ${file} in ${app.source.repo}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const current = refusedAsPermanent(app, () => readImage(content, image.write, { repository }));
      const from = current.tag;
      const base = { to, ...(from === undefined ? {} : { from }) };
      const decision = await decideBump(chosen.policy, to, from, input.lastWritten, repository);
      if (decision.action === "skip") return { value: { ...base, status: "skipped", reason: decision.reason } };
      if (decision.action === "unchanged") return { value: { ...base, status: "unchanged" } };
      if (decision.action === "hold") {
        return { value: { ...base, status: "held", reason: decision.reason, hold: { tag: from ?? "", from: input.lastWritten ?? "", message: decision.reason } } };
      }
      const pin = image.policy.pinDigest;
      // A file that pins a digest keeps pinning; otherwise the digest is written only when the policy asks.
      const digest = pin || current.digest !== undefined ? await input.chosen.digest() : undefined;
      const written = refusedAsPermanent(app, () => writeImage(content, image.write, { repository }, { tag: to, ...(digest === undefined ? {} : { digest }), pin }));
      if (!written.changed) return { value: { ...base, status: "unchanged" } };
      await workspace.writeFile(file, written.content);
      const line = bumpLine(input.template, { app: app.name, image: repository, from: show(from, current.digest), to: show(to, digest) ?? to });
      return {
        applied: { files: [file], line, trailers: [`Sluice-Delivery: ${input.deliveryId}`] },
        value: { ...base, status: "committed" },
      };
    },
  };
}

/** A tag as the commit line shows it: with a short digest when one is written. */
function show(tag: string | undefined, digest: string | undefined): string | undefined {
  return tag === undefined || digest === undefined ? tag : `${tag}@${digest.slice(0, 19)}`;
}

function refusedAsPermanent<T>(app: AppConfig, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof WriteBackError) throw new PermanentJobError(`${app.name}: ${error.message}`, { cause: error });
    throw error;
  }
}
