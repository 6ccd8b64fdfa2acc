import type { Change } from "../../adapters/git/branch-committer.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import { decideBump } from "../policy/decide-bump.ts";
import type { TagPolicy } from "../policy/tag-policy.ts";
import { bumpLine } from "./commit-message.ts";
import { readVersionAt, writeVersionAt, type ChartVersionPlace } from "./chart-version-place.ts";
import { WriteBackError } from "./write-back-error.ts";

/** What a chart version edit found, before push and sync (the shape of an image edit's). */
export interface ChartEditValue {
  readonly status: "committed" | "unchanged" | "skipped" | "held";
  readonly reason?: string;
  readonly from?: string;
  readonly to: string;
  readonly hold?: { readonly tag: string; readonly from: string; readonly message: string };
}

export interface ChartEditInput {
  readonly app: string;
  /** chartKey of the chart: what `written` and `holds` are keyed by. */
  readonly chart: string;
  /** How the commit line names it: `chart db`. */
  readonly label: string;
  readonly file: string;
  /** Where the version is in the file, found again on each head the committer fetches. */
  locate(content: string): ChartVersionPlace;
  readonly candidate: string;
  readonly policy: TagPolicy;
  /** The version Sluice last wrote (the record's `written`): an older one in git is a human's rollback. */
  readonly lastWritten: string | undefined;
  readonly template: string;
  readonly deliveryId: string;
}

/**
 * The committer's edit for one chart version bump: the version in `file` (a Chart.yaml dependency,
 * or an app definition's `render.helm.chart.version`) replaced byte for byte, decided as images
 * are: never a downgrade, a human's rollback held until a version newer than the one rolled back from.
 */
export function chartEdit(input: ChartEditInput): Change<ChartEditValue> {
  const to = input.candidate;
  return {
    async apply(files) {
      const content = await files.readFile(input.file);
      const place = refused(input, () => input.locate(content));
      const from = refused(input, () => readVersionAt(content, place, input.file));
      const decision = await decideBump(input.policy, to, from, input.lastWritten, input.chart);
      if (decision.action === "skip") return { value: { status: "skipped", from, to, reason: decision.reason } };
      if (decision.action === "hold") {
        return { value: { status: "held", from, to, reason: decision.reason, hold: { tag: from, from: input.lastWritten ?? "", message: decision.reason } } };
      }
      const written = refused(input, () => writeVersionAt(content, place, to, input.file));
      if (decision.action === "unchanged" || written === content) return { value: { status: "unchanged", from, to } };
      await files.writeFile(input.file, written);
      const line = bumpLine(input.template, { app: input.app, image: input.label, from, to });
      return { applied: { files: [input.file], line, trailers: [`Sluice-Delivery: ${input.deliveryId}`] }, value: { status: "committed", from, to } };
    },
  };
}

function refused<T>(input: ChartEditInput, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof WriteBackError) throw new PermanentJobError(`${input.app}: ${error.message}`, { cause: error });
    throw error;
  }
}
