import type { ImageConfig } from "../../core/config/app-config.ts";
import { buildTagPolicy } from "../../engine/policy/build-tag-policy.ts";
import { selectTag } from "../../engine/policy/select-tag.ts";
import type { TagPolicy } from "../../engine/policy/tag-policy.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import { retryOf } from "../../core/errors/retry-of.ts";

/** The tag an image should move to, with its policy for comparing it to what git holds. */
export interface ChosenTag {
  readonly tag: string;
  readonly policy: TagPolicy;
  /** The tag's manifest digest (a HEAD, asked once); undefined when the registry is not consulted and the event gave none. */
  digest(): Promise<string | undefined>;
}

/**
 * Evaluates the image's policy over the registry's tag list, the event's tag being a hint:
 * the event is ignored (with the reason) when its tag is missing or refused, and otherwise
 * the newest allowed tag is chosen, whichever event arrived. A registry whose `lookup` is
 * off is never called: the event's tag is then the only candidate. Without a hint (a sweep
 * looking for pushes no webhook reported) the policy alone decides.
 * Registry refusals become PermanentJobError; transient registry errors pass through.
 */
export async function chooseTag(hint: { tag?: string | undefined; digest?: string | undefined }, image: ImageConfig, repository: string, deps: Pick<WorkerDeps, "registries">): Promise<ChosenTag | { skipped: string }> {
  const { client, name } = deps.registries.for(repository);
  const digests = new Map<string, Promise<string | undefined>>();
  const digestOf = (tag: string): Promise<string | undefined> => {
    let digest = digests.get(tag);
    if (!digest) {
      digest = client ? client.headManifest(name, tag).then((h) => h.digest) : Promise.resolve(tag === hint.tag ? hint.digest : undefined);
      digests.set(tag, digest);
    }
    return digest;
  };
  try {
    const policy = buildTagPolicy(image.policy, async (tag) => {
      const digest = await digestOf(tag);
      return client && digest ? client.createdAt(name, digest) : undefined;
    });
    const tags = client ? await client.listTags(name) : hint.tag === undefined ? [] : [hint.tag];
    const selection = await selectTag(tags, policy, hint.tag);
    if ("skipped" in selection) return selection;
    const tag = selection.tag;
    return { tag, policy: guarded(policy, repository), digest: () => guard(digestOf(tag), repository) };
  } catch (error) {
    throw permanentIfRefused(error, repository);
  }
}

/** The same policy, its registry refusals (during comparisons) turned into PermanentJobError. */
function guarded(policy: TagPolicy, repository: string): TagPolicy {
  return { ...policy, compare: (a, b) => guard(policy.compare(a, b), repository) };
}

async function guard<T>(promise: Promise<T>, repository: string): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw permanentIfRefused(error, repository);
  }
}

function permanentIfRefused(error: unknown, repository: string): unknown {
  return retryOf(error) === "never" && error instanceof Error ? new PermanentJobError(`registry refused for ${repository}: ${error.message}`, { cause: error }) : error;
}
