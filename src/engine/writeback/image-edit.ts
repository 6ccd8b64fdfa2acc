import type { AppConfig, ImageConfig } from "../../core/config/app-config.ts";
import type { FileEditor } from "../../adapters/git/branch-editor.ts";
import type { Change } from "../../adapters/git/branch-committer.ts";
import { bumpLine } from "./commit-message.ts";
import { WriteBackError } from "./write-back-error.ts";
import { readImage, writeImage } from "./write-image.ts";
import { decideBump } from "../policy/decide-bump.ts";
import type { TagPolicy } from "../policy/tag-policy.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";

/** What applying an image edit found: the outcome so far, before push and sync. */
export interface ImageEditValue {
  readonly status: "committed" | "unchanged" | "skipped" | "held";
  readonly reason?: string;
  readonly from?: string;
  readonly to: string;
  /** For a hold: the tag git holds and the tag it was rolled back from. */
  readonly hold?: { readonly tag: string; readonly from: string; readonly message: string };
}

/** The tag to write, its policy to compare it with git's, and its digest (looked up only when a place pins one). */
export interface ImageCandidate {
  readonly tag: string;
  readonly policy: TagPolicy;
  digest(): Promise<string | undefined>;
}

/** Everything an image edit needs, decided before it is handed to the committer. */
export interface ImageEditInput {
  readonly app: AppConfig;
  /** Every entry of the app that names this repository: one per file or key path the tag is written to. */
  readonly images: readonly ImageConfig[];
  /** Normalised repository. */
  readonly repository: string;
  readonly chosen: ImageCandidate;
  /** The tag Sluice last wrote for this image (from the app record). */
  readonly lastWritten: string | undefined;
  /** The commit line template (`git.commit.message`). */
  readonly template: string;
  readonly deliveryId: string;
  /**
   * The tag the delivery's event named. Once git holds it or a newer one, that event has landed: a
   * newer tag is its own delivery's to write (or the sweep's), so a delivery redelivered after
   * its commit makes no second one.
   */
  readonly announced?: string | undefined;
}

type Place = { readonly status: "written"; readonly from: string | undefined; readonly fromDigest: string | undefined; readonly digest: string | undefined }
  | { readonly status: "unchanged"; readonly from: string | undefined }
  | { readonly status: "skipped" | "held"; readonly from: string | undefined; readonly reason: string };

/**
 * The committer's edit for one image bump: writes the chosen tag, byte for byte, into every
 * place the app keeps this image (several values files such as values-<env>.yaml, or several
 * keys), each decided on its own: never a downgrade, a human's rollback held. Decides again
 * on each application, since after a lost race a file may hold another tag than before. Its
 * only calls out are the candidate's own (policy order, digest), given as data by the job.
 */
export function imageEdit(input: ImageEditInput): Change<ImageEditValue> {
  const { app, repository, chosen } = input;
  const to = chosen.tag;
  return {
    async apply(files) {
      const places: Place[] = [];
      for (const image of input.images) places.push(await writePlace(input, image, files));
      const written = places.flatMap((p) => (p.status === "written" ? [p] : []));
      const first = written[0] ?? places[0];
      const from = first?.from;
      const base = { to, ...(from === undefined ? {} : { from }) };
      if (written[0]) {
        const line = bumpLine(input.template, { app: app.name, image: repository, from: show(written[0].from, written[0].fromDigest), to: show(to, written[0].digest) ?? to });
        const paths = [...new Set(input.images.filter((_, i) => places[i]?.status === "written").map((i) => i.write.file))];
        return { applied: { files: paths, line, trailers: [`Sluice-Delivery: ${input.deliveryId}`] }, value: { ...base, status: "committed" } };
      }
      const held = places.find((p) => p.status === "held");
      if (held?.status === "held") return { value: { ...base, from: held.from ?? "", status: "held", reason: held.reason, hold: { tag: held.from ?? "", from: input.lastWritten ?? "", message: held.reason } } };
      const skipped = places.find((p) => p.status === "skipped");
      if (skipped?.status === "skipped") return { value: { ...base, status: "skipped", reason: skipped.reason } };
      return { value: { ...base, status: "unchanged" } };
    },
  };
}

/** Decides and (when allowed) writes one place; the file is rewritten in `files` only when its bytes change. */
async function writePlace(input: ImageEditInput, image: ImageConfig, files: FileEditor): Promise<Place> {
  const { app, repository, chosen } = input;
  const file = image.write.file;
  let content: string;
  try {
    content = await files.readFile(file);
  } catch (error) {
    throw new PermanentJobError(`${app.name}: cannot read ${file} in ${app.source.repo}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const current = refusedAsPermanent(app, () => readImage(content, image.write, { repository }));
  const from = current.tag;
  const { announced } = input;
  if (announced !== undefined && from !== undefined && announced !== chosen.tag && ((await chosen.policy.compare(from, announced)) ?? -1) >= 0) return { status: "unchanged", from };
  const decision = await decideBump(chosen.policy, chosen.tag, from, input.lastWritten, repository);
  if (decision.action === "skip") return { status: "skipped", from, reason: decision.reason };
  if (decision.action === "hold") return { status: "held", from, reason: decision.reason };
  if (decision.action === "unchanged") return { status: "unchanged", from };
  const pin = image.policy.pinDigest;
  // A place that pins a digest keeps pinning; otherwise the digest is written only when the policy asks.
  const digest = pin || current.digest !== undefined ? await chosen.digest() : undefined;
  const written = refusedAsPermanent(app, () => writeImage(content, image.write, { repository }, { tag: chosen.tag, ...(digest === undefined ? {} : { digest }), pin }));
  if (!written.changed) return { status: "unchanged", from };
  await files.writeFile(file, written.content);
  return { status: "written", from, fromDigest: current.digest, digest };
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
