import { describe, expect, it } from "vitest";
import type { ImageUpdateJob } from "../../../../src/core/queue/job.ts";
import { updateImage } from "../../../../src/jobs/image/update-image.ts";
import { refuse } from "../../adapters/git/fake-git-remotes.ts";
import { digestOf, type FakeRepository } from "../deps/fake-registry.ts";
import { failure, retryOf } from "../deps/retry-of.ts";
import { REPOSITORY, VALUES_FILE, tags, values, webConfig, webFiles } from "../deps/web-app.ts";
import { workerFakes, type WorkerFakes } from "../deps/worker-fakes.ts";
import { recordOf } from "../sweep/sweep-fakes.ts";

const job = (tag: string, deliveryId = "d-1"): ImageUpdateJob =>
  ({ kind: "image-update", app: "web", repository: REPOSITORY, tag, deliveryId });

type Setup = WorkerFakes & { update(job: ImageUpdateJob): ReturnType<typeof updateImage> };

function setup(inGit: string, registry: FakeRepository, config = webConfig()): Setup {
  const fakes = workerFakes({ config, files: webFiles(inGit), registry: { "team/app": registry } });
  const app = fakes.deps.config.apps[0];
  const image = app?.images[0];
  if (!app || !image) throw new Error("no app web with an image");
  return { ...fakes, update: (j) => updateImage(j, app, image, fakes.deps) };
}

describe("updateImage", () => {
  it("commits a newer allowed tag byte for byte, syncs the pushed head and records the tag written", async () => {
    // Prepare
    const fakes = setup("1.0.0", tags("1.0.0", "1.1.0"));

    // Act
    const outcome = await fakes.update(job("1.1.0"));

    // Assess
    const [head, initial] = fakes.remotes.log();
    expect(fakes.remotes.log()).toHaveLength(2);
    expect(head?.files[VALUES_FILE]).toBe(values("1.1.0"));
    expect(head?.message).toBe(`[skip ci] sluice: web ${REPOSITORY} 1.0.0 -> 1.1.0\n\nSluice-Delivery: d-1\n`);
    expect(head?.parent).toBe(initial?.id);
    expect(outcome).toMatchObject({ app: "web", status: "committed", from: "1.0.0", to: "1.1.0", commit: head?.id });
    expect(outcome.sync).toMatchObject({ status: "synced", revision: head?.id });
    const written = { [REPOSITORY]: "1.1.0" };
    expect(fakes.destination.record).toMatchObject({ revision: head?.id, written, holds: [] });
  });

  it("moves to the newest allowed tag even when the event names an older one", async () => {
    // Prepare
    const fakes = setup("1.0.0", tags("1.0.0", "1.1.0", "1.2.0"));

    // Act
    const outcome = await fakes.update(job("1.1.0"));

    // Assess
    expect(outcome).toMatchObject({ status: "committed", from: "1.0.0", to: "1.2.0" });
    expect(fakes.remotes.tip("main").files[VALUES_FILE]).toBe(values("1.2.0"));
  });

  it("never downgrades: a tag older than git's is skipped with the reason, nothing committed or synced", async () => {
    // Prepare: git holds a version the registry no longer lists.
    const fakes = setup("1.3.0", tags("1.0.0", "1.1.0"));

    // Act
    const outcome = await fakes.update(job("1.1.0"));

    // Assess
    const reason = "1.1.0 is older than 1.3.0 in git: never a downgrade";
    expect(outcome).toEqual({ app: "web", status: "skipped", from: "1.3.0", to: "1.1.0", reason });
    expect(fakes.remotes.log()).toHaveLength(1);
    expect(fakes.destination.writes).toEqual([]);
  });

  it("commits nothing when git already holds the newest tag, and still syncs the app", async () => {
    // Prepare
    const fakes = setup("1.1.0", tags("1.0.0", "1.1.0"));

    // Act
    const outcome = await fakes.update(job("1.1.0"));

    // Assess
    expect(outcome).toMatchObject({ status: "unchanged", from: "1.1.0", to: "1.1.0" });
    expect(outcome.sync).toMatchObject({ status: "synced", revision: "c0" });
    expect(outcome.commit).toBeUndefined();
    expect(fakes.remotes.log()).toHaveLength(1);
    expect(fakes.destination.record?.written).toBeUndefined();
  });

  it("skips a tag the policy refuses, with the policy's reason, touching neither git nor the cluster", async () => {
    // Prepare
    const fakes = setup("1.0.0", tags("1.0.0", "2.0.0"));

    // Act
    const outcome = await fakes.update(job("2.0.0"));

    // Assess
    const reason = 'tag 2.0.0 is outside the policy range "^1.0.0"';
    expect(outcome).toEqual({ app: "web", status: "skipped", reason, to: "2.0.0" });
    expect(fakes.remotes.opened).toBe(0);
    expect(fakes.destination.writes).toEqual([]);
  });

  it("holds an image a human rolled back until a tag newer than the one Sluice wrote comes", async () => {
    // Prepare: Sluice wrote 1.2.0; a human put 1.0.0 back in git.
    const fakes = setup("1.0.0", tags("1.0.0", "1.1.0", "1.2.0"));
    fakes.destination.record = recordOf("web", "c0", { written: { [REPOSITORY]: "1.2.0" } });

    // Act
    const held = await fakes.update(job("1.2.0", "d-held"));

    // Assess
    const message = `holding ${REPOSITORY} at 1.0.0: rolled back by a human from 1.2.0`;
    expect(held).toMatchObject({ status: "held", from: "1.0.0", to: "1.2.0", reason: message });
    expect(fakes.remotes.log()).toHaveLength(1);
    expect(fakes.destination.record?.holds).toEqual([{ repository: REPOSITORY, tag: "1.0.0", from: "1.2.0", message }]);

    // Act: 1.3.0 is pushed.
    const fresh = setup("1.0.0", tags("1.0.0", "1.2.0", "1.3.0"));
    fresh.destination.record = fakes.destination.record;
    const released = await fresh.update(job("1.3.0", "d-new"));

    // Assess: written, and the hold cleared.
    expect(released).toMatchObject({ status: "committed", from: "1.0.0", to: "1.3.0" });
    expect(fresh.destination.record).toMatchObject({ written: { [REPOSITORY]: "1.3.0" }, holds: [] });
  });

  it("writes the digest with the tag when the policy pins it", async () => {
    // Prepare
    const fakes = setup("1.0.0", tags("1.0.0", "1.1.0"), webConfig({}, { semver: "^1.0.0", pinDigest: true }));

    // Act
    await fakes.update(job("1.1.0"));

    // Assess
    expect(fakes.remotes.tip("main").files[VALUES_FILE]).toBe(values(`1.1.0@${digestOf("1.1.0")}`));
  });

  it("goes to a pull request in pull-request mode, leaving the tracked branch alone", async () => {
    // Prepare
    const url = "https://github.example/acme/charts/pull/9";
    const github = { repository: "acme/charts", token: { env: "GH_TOKEN" }, apiUrl: "https://github.example/api" };
    const fakes = workerFakes({
      config: webConfig({ writeBack: { pullRequest: { github } } }),
      files: webFiles("1.0.0"),
      registry: { "team/app": tags("1.0.0", "1.1.0") },
      env: { GH_TOKEN: "ghp_test" },
      hosting: () => ({ status: 201, body: { number: 9, html_url: url } }),
    });
    const app = fakes.deps.config.apps[0];
    const image = app?.images[0];
    if (!app || !image) throw new Error("no app web with an image");

    // Act
    const outcome = await updateImage(job("1.1.0"), app, image, fakes.deps);

    // Assess
    expect(outcome).toEqual({ app: "web", status: "proposed", from: "1.0.0", to: "1.1.0", pullRequest: url });
    expect(fakes.remotes.tip("main").id).toBe("c0");
    expect(fakes.remotes.tip("sluice/web/app-1.1.0").files[VALUES_FILE]).toBe(values("1.1.0"));
    expect(fakes.destination.writes).toEqual([]);
  });

  it("fails for good when the server refuses the push, and for later when every push loses a race", async () => {
    // Prepare
    const refused = setup("1.0.0", tags("1.0.0", "1.1.0"));
    refused.remotes.beforePush = () => refuse("pre-receive hook declined: main is protected");
    const racing = setup("1.0.0", tags("1.0.0", "1.1.0"));
    racing.remotes.beforePush = (branch) => racing.remotes.commitAs(branch, "another writer", { "other": "theirs" });

    // Act
    const errors = [await failure(refused.update(job("1.1.0"))), await failure(racing.update(job("1.1.0")))];

    // Assess
    expect(errors.map(retryOf)).toEqual(["never", "later"]);
    expect(errors[0]?.message).toContain("pre-receive hook declined: main is protected");
    expect(refused.destination.writes).toEqual([]);
  });
});
