import type { ImageConfig } from "../../core/config/app-config.ts";
import { buildTagPolicy } from "../../engine/policy/build-tag-policy.ts";
import { selectTag } from "../../engine/policy/select-tag.ts";
import type { RegistryClient } from "../../adapters/registry/registry-client.ts";
import { decideBump } from "../../engine/policy/decide-bump.ts";
import { groupBy } from "../../core/util/group-by.ts";
import { callEndpoint, SWEEP_CONCURRENCY, SWEEP_TIMEOUTS, type AppView, type SweepContext } from "./sweep-context.ts";

/** A newer allowed tag than an app has in git, found in the registry's tag list. */
export interface ImageBump {
  readonly app: string;
  readonly repository: string;
  readonly tag: string;
  readonly reason: string;
}

interface Tracker {
  readonly view: AppView;
  readonly image: ImageConfig;
}

/**
 * One tag listing per image repository, shared by every app that tracks it, within the
 * registry's request budget; each distinct policy is evaluated once over it. An app whose
 * record shows an older tag than the newest its policy allows, and that a person has not
 * rolled back, gets a bump.
 */
export async function planImages(views: readonly AppView[], ctx: SweepContext): Promise<ImageBump[]> {
  const trackers = views.flatMap((view) => (view.record ? view.app.images.map((image) => ({ view, image })) : []));
  const byRepository = groupBy(trackers, (t) => t.image.repository);
  const bumps: ImageBump[] = [];
  await ctx.runner.run([...byRepository].flatMap(([repository, users]) => {
    const { client, name } = ctx.deps.registries.for(repository);
    // A registry with lookup off is never called: only its events tell of new tags.
    return client ? [{ key: `tags:${repository}`, run: async () => void bumps.push(...await planRepository(repository, name, client, users, ctx)) }] : [];
  }), SWEEP_CONCURRENCY);
  return bumps;
}

async function planRepository(repository: string, name: string, client: RegistryClient, trackers: readonly Tracker[], ctx: SweepContext): Promise<ImageBump[]> {
  const endpoint = `registry:${client.host}`;
  const listed = await callEndpoint(ctx, endpoint, `tags of ${repository}`, SWEEP_TIMEOUTS.tags, () => client.listTags(name));
  if (!listed.ok) {
    for (const t of trackers) ctx.findings.unknown(t.view.app.name, listed.reason);
    return [];
  }
  ctx.findings.counts.tagLists++;
  const tags = listed.value;
  const digests = new Map<string, Promise<string>>();
  const digestOf = (tag: string): Promise<string> => {
    let digest = digests.get(tag);
    if (!digest) digests.set(tag, digest = client.headManifest(name, tag).then((h) => h.digest));
    return digest;
  };

  const byPolicy = groupBy(trackers, (t) => JSON.stringify(t.image.policy));
  const bumps: ImageBump[] = [];
  for (const group of byPolicy.values()) {
    const first = group[0];
    if (!first) continue;
    const policy = buildTagPolicy(first.image.policy, async (tag) => client.createdAt(name, await digestOf(tag)));
    // Newest-pushed policies read build times from the registry: that can fail like the listing.
    const selected = await callEndpoint(ctx, endpoint, `${policy.description} over the tags of ${repository}`, SWEEP_TIMEOUTS.tags, () => selectTag(tags, policy));
    if (!selected.ok) {
      for (const t of group) ctx.findings.unknown(t.view.app.name, selected.reason);
      continue;
    }
    if ("skipped" in selected.value) continue;
    const newest = selected.value.tag;
    for (const { view } of group) {
      const record = view.record;
      if (!record) continue;
      const current = record.images[repository]?.split("@")[0];
      if (current === newest) continue;
      const decided = await callEndpoint(ctx, endpoint, `${newest} against ${current ?? "(none)"} of ${repository}`, SWEEP_TIMEOUTS.tags, () => decideBump(policy, newest, current, record.written?.[repository], repository));
      if (!decided.ok) ctx.findings.unknown(view.app.name, decided.reason);
      else if (decided.value.action === "write") bumps.push({ app: view.app.name, repository, tag: newest, reason: `${repository} ${current ?? "(none)"} → ${newest}` });
    }
  }
  return bumps;
}
