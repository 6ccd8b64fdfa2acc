import { describe, expect, it } from "vitest";
import type { AppIndex, IndexedApp } from "../../../../src/core/apps/app-index.ts";
import type { AppIndexReader } from "../../../../src/core/apps/app-index-reader.ts";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import type { GitPushEvent } from "../../../../src/core/events/internal-event.ts";
import { queueDelivery } from "../../../../src/jobs/intake/queue-delivery.ts";
import { FakeQueue } from "./fake-queue.ts";

const REPO = "https://git.example/fe/charts.git";
const config = parseConfig(`webhooks: {}\napps:\n${["web1-feature-a", "web1-feature-b"].map((name) => `  - name: ${name}
    source: { repo: ${REPO}, path: charts/web1 }
    render: { helm: {} }
    destination: { directory: /tmp/${name}, namespace: ${name} }
    images: [{ repository: registry.example/fe/${name}, policy: { semver: ">=0.0.0" }, write: { file: v.yaml, tag: image.tag } }]
`).join("")}`, "sluice.yaml");

const indexOf = (revision: string, names: string[]): AppIndex => {
  const entries: IndexedApp[] = config.apps.filter((a) => names.includes(a.name)).map((app) => ({
    app, appSet: "review", definedIn: "sluice.yaml", labels: { branch: app.name.replace("web1-", "").replace("-", "/") },
  }));
  return { revision, entries, problems: [], get: (name) => entries.find((e) => e.app.name === name) };
};

/** An index reader whose next refresh returns `next`, counting refreshes. */
class SwitchingReader implements AppIndexReader {
  refreshes = 0;
  constructor(private index: AppIndex, private readonly next: AppIndex) {}
  current = () => Promise.resolve(this.index);
  refresh = () => {
    this.refreshes++;
    this.index = this.next;
    return Promise.resolve(this.index);
  };
  watches = (keys: readonly string[]) => keys.includes("git.example/fe/charts");
}

const push = (branch: string, deleted: boolean): GitPushEvent => ({
  kind: "git-push", provider: "github", eventId: "e1", repositoryUrls: [REPO], repositoryKeys: ["git.example/fe/charts"],
  ref: { type: "branch", name: branch }, after: deleted ? "0".repeat(40) : "c".repeat(40), commits: [], commitsComplete: false,
  ...(deleted ? { deleted: true } : {}),
});

describe("queueDelivery with an app index", () => {
  it("reads the index again on a push to a watched repository and queues the removal of an app a deleted branch took", async () => {
    // Prepare
    const reader = new SwitchingReader(indexOf("r1", ["web1-feature-a", "web1-feature-b"]), indexOf("r2", ["web1-feature-a"]));
    const queue = new FakeQueue();

    // Act
    const outcome = await queueDelivery("github", { deliveryId: "d1", events: [push("feature/b", true)], ignored: [] }, { config, queue, logger: silentLogger, apps: reader });

    // Assess
    expect(reader.refreshes).toBe(1);
    expect(outcome.jobs).toEqual([{ app: "web1-feature-b" }]);
    expect(outcome.ignored).toEqual(["branch feature/b deleted: nothing to deploy"]);
  });

  it("queues a sync for an app a created branch added, and matches image pushes through the index", async () => {
    // Prepare
    const reader = new SwitchingReader(indexOf("r1", []), indexOf("r2", ["web1-feature-a"]));
    const queue = new FakeQueue();
    const deps = { config, queue, logger: silentLogger, apps: reader };

    // Act
    const created = await queueDelivery("github", { deliveryId: "d2", events: [push("feature/a", false)], ignored: [] }, deps);
    const image = await queueDelivery("distribution", {
      deliveryId: "d3", ignored: [], events: [{ kind: "image-push", provider: "distribution", eventId: "i1", repository: "registry.example/fe/web1-feature-a", tag: "abc1234" }],
    }, deps);
    const other = await queueDelivery("distribution", {
      deliveryId: "d4", ignored: [], events: [{ kind: "image-push", provider: "distribution", eventId: "i2", repository: "registry.example/fe/web1-feature-b", tag: "abc1234" }],
    }, deps);

    // Assess
    expect(created.jobs.map((j) => j.app)).toContain("web1-feature-a");
    expect(image.jobs).toEqual([{ app: "web1-feature-a", repository: "registry.example/fe/web1-feature-a", tag: "abc1234" }]);
    expect(other.jobs).toEqual([]);
    expect(reader.refreshes).toBe(1);
  });
});
