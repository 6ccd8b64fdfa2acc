// The baseline: what a poller that checks app by app, sharing nothing, asks per interval. For each
// app: its branch head, its image's tag list (a fresh registry client each time, as one poller per
// app has), its record, and a diff of its objects (a read and a server-side dry run each). Renders
// come from a local clone and cost it no git request: generous to the baseline.
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import type { AppConfig } from "../../src/core/config/app-config.ts";
import type { Destination } from "../../src/engine/destination/destination.ts";
import type { GitRemotes } from "../../src/adapters/git/git-workspace.ts";
import { normalizeRepository } from "../../src/core/images/normalize-repository.ts";
import { buildTagPolicy } from "../../src/engine/policy/build-tag-policy.ts";
import { selectTag } from "../../src/engine/policy/select-tag.ts";
import { Registries } from "../../src/adapters/registry/registries.ts";
import { undiciTransport } from "../../src/adapters/http/undici-transport.ts";
import { renderApp, type RenderTools } from "../../src/adapters/render/render-app.ts";
import { mapLimit } from "../../src/core/util/map-limit.ts";
import type { Fleet } from "./fleet.ts";

export interface BaselineFindings {
  headMoved: number;
  newTag: number;
  drifted: number;
}

export async function baselineCheck(fleet: Fleet, deps: { git: GitRemotes; destination: Destination; render: RenderTools }, concurrency: number): Promise<BaselineFindings> {
  const findings: BaselineFindings = { headMoved: 0, newTag: 0, drifted: 0 };
  const cloneOf = new Map(fleet.repos.map((r) => [r.url, r.clone]));
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  await mapLimit(fleet.config.apps, concurrency, async (app: AppConfig) => {
    const head = await deps.git.headOf(app.source.repo, app.source.branch);
    const image = app.images[0];
    let newest: string | undefined;
    if (image) {
      const repository = normalizeRepository(image.repository);
      const registries = new Registries(fleet.config.registries, { http: undiciTransport({ redirect: "follow" }), secrets: new SecretResolver({ env: {} }), clock: { now: () => Date.now(), sleep } });
      const { client, name } = registries.for(repository);
      const tags = client ? await client.listTags(name) : [];
      const selected = await selectTag(tags, buildTagPolicy(image.policy, async () => undefined));
      newest = "tag" in selected ? selected.tag : undefined;
    }
    const record = await deps.destination.readRecord(app.name);
    if (!record) throw new Error(`baseline: ${app.name} has no record`);
    const manifests = await renderApp(app, cloneOf.get(app.source.repo) ?? "", deps.render);
    const diff = await deps.destination.diff(app, manifests, record.inventory);
    if (head !== record.revision) findings.headMoved++;
    if (image && newest !== undefined && record.images[normalizeRepository(image.repository)] !== newest) findings.newTag++;
    if (diff.resources.some((r) => r.status !== "Synced")) findings.drifted++;
  });
  return findings;
}
