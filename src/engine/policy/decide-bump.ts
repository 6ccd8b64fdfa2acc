import type { TagPolicy } from "../../engine/policy/tag-policy.ts";

export type BumpDecision =
  | { readonly action: "write" }
  | { readonly action: "unchanged" }
  | { readonly action: "skip"; readonly reason: string }
  | { readonly action: "hold"; readonly reason: string };

/**
 * Whether to move an image from `current` (in git) to `candidate`. Never a downgrade: an
 * older candidate is skipped. A human rollback is respected: when git holds a tag older
 * than `lastWritten` (the tag Sluice itself last wrote), the image stays put until a tag
 * newer than `lastWritten` comes. A tag the policy cannot order against the candidate is
 * left alone unless it lies outside the policy altogether (`latest`, a placeholder).
 */
export async function decideBump(policy: TagPolicy, candidate: string, current: string | undefined, lastWritten: string | undefined, image: string): Promise<BumpDecision> {
  if (current === undefined) return { action: "write" };
  if (candidate === current) return { action: "write" };
  const order = await policy.compare(candidate, current);
  if (order === undefined) {
    return policy.refusal(current) === undefined
      ? { action: "skip", reason: `cannot order ${candidate} against ${current} in git under ${policy.description}` }
      : { action: "write" };
  }
  if (order < 0) return { action: "skip", reason: `${candidate} is older than ${current} in git: never a downgrade` };
  if (order === 0) return { action: "unchanged" };
  if (lastWritten !== undefined && lastWritten !== current && ((await policy.compare(current, lastWritten)) ?? 0) < 0) {
    const past = (await policy.compare(candidate, lastWritten)) ?? 0;
    if (past <= 0) return { action: "hold", reason: `holding ${image} at ${current}: rolled back by a human from ${lastWritten}` };
  }
  return { action: "write" };
}
