import type { TagPolicy } from "./tag-policy.ts";

export type TagSelection = { readonly tag: string } | { readonly skipped: string };

/**
 * The newest tag the policy allows among the registry's tags. An event's tag (`hint`) must
 * be in the list and allowed, else the event is ignored with the reason; but the answer is
 * the newest allowed tag, so a late or repeated event never picks an older one.
 */
export async function selectTag(tags: readonly string[], policy: TagPolicy, hint?: string): Promise<TagSelection> {
  if (hint !== undefined) {
    if (!tags.includes(hint)) return { skipped: `tag ${hint} is not in the registry's tag list` };
    const refusal = policy.refusal(hint);
    if (refusal) return { skipped: refusal };
  }
  const allowed = tags.filter((t) => policy.refusal(t) === undefined);
  if (allowed.length === 0) return { skipped: `no tag satisfies ${policy.description} (${tags.length} tags)` };
  const narrowed = policy.candidates(allowed, hint);
  if ("refusal" in narrowed) return { skipped: narrowed.refusal };
  let best: string | undefined;
  for (const tag of narrowed.tags) {
    // A tag with no place in the order (an image whose build time is unknown) is never picked.
    if ((await policy.compare(tag, tag)) === undefined) continue;
    if (best === undefined) {
      best = tag;
      continue;
    }
    const order = await policy.compare(tag, best);
    if (order !== undefined && order > 0) best = tag;
  }
  return best === undefined ? { skipped: `no tag allowed by ${policy.description} can be ordered` } : { tag: best };
}
