import { beforeEach, describe, expect, it } from "vitest";
import { handleWebhook, type IntakeDeps } from "../../../../../src/jobs/intake/handle-webhook.ts";
import { syncJobDeduplicationId } from "../../../../../src/core/queue/deduplication-id.ts";
import type { FakeQueue } from "../../../jobs/intake/fake-queue.ts";
import { fixture, fixtureJson, intakeDeps, OLD_SECRET, post, sign, toBody } from "../../../jobs/intake/intake-test-deps.ts";

const PATH = "/hooks/git/github";
const AFTER = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

const github = (event: string, body: Uint8Array, headers: Record<string, string> = {}) =>
  post(PATH, body, { "x-github-event": event, "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "x-hub-signature-256": sign.github(body), ...headers });

/** GitHub's documented push to master, turned into an ordinary (not branch-creating) push that changed `paths`. */
function pushChanging(paths: { added?: string[]; modified?: string[]; removed?: string[] }, message = "Update the chart"): Buffer {
  const push = fixtureJson("github/push-new-branch.json") as { created: boolean; before: string; commits: Record<string, unknown>[] };
  push.created = false;
  push.before = "4ba1ea35d2d5f5b7d1a5b0f7f0f1e3c2a9a8b7c6";
  const commit = push.commits[0] ?? {};
  Object.assign(commit, { message, added: paths.added ?? [], modified: paths.modified ?? [], removed: paths.removed ?? [] });
  return toBody(push);
}

describe("GitHub provider", () => {
  let deps: IntakeDeps;
  let queue: FakeQueue;
  beforeEach(() => ({ deps, queue } = intakeDeps()));

  it("answers a signed ping with 202 and queues nothing", async () => {
    const response = await handleWebhook(github("ping", fixture("github/ping.json")), deps);

    expect(response).toMatchObject({ status: 202, body: { status: "ignored", reasons: [expect.stringMatching(/^ping/)] } });
    expect(queue.jobs).toHaveLength(0);
  });

  it("queues a sync at the pushed commit for every app on the branch when a new branch's paths are unknown", async () => {
    const response = await handleWebhook(github("push", fixture("github/push-new-branch.json")), deps);

    expect(response).toMatchObject({ status: 202, body: { status: "queued", deliveryId: "72d3162e-cc78-11e3-81ab-4c9367dc0958" } });
    // gh-api spells the repository https://github.com/codertocat/hello-world: same repository.
    expect(queue.jobs.map((q) => q.job)).toEqual([
      { kind: "sync", app: "gh-web", revision: AFTER, deliveryId: "72d3162e-cc78-11e3-81ab-4c9367dc0958", trigger: "webhook", provider: "github" },
      { kind: "sync", app: "gh-api", revision: AFTER, deliveryId: "72d3162e-cc78-11e3-81ab-4c9367dc0958", trigger: "webhook", provider: "github" },
    ]);
    expect(queue.jobs.map((q) => q.groupId)).toEqual(["gh-web", "gh-api"]);
    expect(queue.jobs[0]?.deduplicationId).toBe(syncJobDeduplicationId("gh-web", AFTER));
  });

  it("reaches only the apps whose paths a monorepo push changed", async () => {
    const response = await handleWebhook(github("push", pushChanging({ modified: ["charts/web/values.yaml"] })), deps);

    expect(queue.jobs.map((q) => q.job.app)).toEqual(["gh-web"]);
    expect(response.body["ignored"]).toEqual(["gh-api: no changed path under charts/api or charts/common/**"]);
  });

  it("reaches an app through its extra path globs, and through a removed file", async () => {
    await handleWebhook(github("push", pushChanging({ removed: ["charts/common/templates/_helpers.tpl"] })), deps);

    expect(queue.jobs.map((q) => q.job.app)).toEqual(["gh-api"]);
  });

  it("queues nothing when no followed path changed", async () => {
    const response = await handleWebhook(github("push", pushChanging({ added: ["docs/README.md"] })), deps);

    expect(response.body).toMatchObject({ status: "ignored", reasons: ["gh-web: no changed path under charts/web", "gh-api: no changed path under charts/api or charts/common/**"] });
    expect(queue.jobs).toHaveLength(0);
  });

  it.each([
    ["its commit subject", "[skip ci] sluice: gh-web ghcr.io/codertocat/hello-world 1.0.0 -> 1.1.0\n\nSluice-Delivery: e790e93f\n", undefined],
    ["its trailer alone", "Bump web\n\nSluice-Delivery: e790e93f\n", undefined],
    ["the configured author", "Bump web", "sluice@example.com"],
  ])("recognises Sluice's own commit by %s and answers 202 ignored", async (_name, message, email) => {
    const push = JSON.parse(pushChanging({ modified: ["charts/web/values.yaml"] }, message).toString()) as { commits: { author: Record<string, unknown> }[] };
    if (email && push.commits[0]) push.commits[0].author["email"] = email;

    const response = await handleWebhook(github("push", toBody(push)), deps);

    expect(response).toMatchObject({ status: 202, body: { status: "ignored", reasons: [expect.stringMatching(/^Sluice's own commit/)] } });
    expect(queue.jobs).toHaveLength(0);
  });

  it("still syncs when a person's commit rides along with Sluice's", async () => {
    const push = JSON.parse(pushChanging({ modified: ["charts/web/values.yaml"] }, "[skip ci] sluice: gh-web bump").toString()) as { commits: Record<string, unknown>[] };
    push.commits.push({ ...push.commits[0], id: "a".repeat(40), message: "Raise the memory limit" });

    await handleWebhook(github("push", toBody(push)), deps);

    expect(queue.jobs.map((q) => q.job.app)).toEqual(["gh-web"]);
  });

  it("ignores a deleted tag, a tag push and a branch no app follows, each with its reason", async () => {
    const feature = { ...fixtureJson("github/push-new-branch.json"), ref: "refs/heads/feature" };

    const reasons = [];
    for (const body of [fixture("github/push-tag-deleted.json"), fixture("github/push-tag-created.json"), toBody(feature)]) {
      reasons.push(...((await handleWebhook(github("push", body), deps)).body["reasons"] as string[]));
    }

    expect(reasons).toEqual([
      "tag simple-tag deleted: nothing to deploy",
      "tag simple-tag pushed to https://github.com/Codertocat/Hello-World.git: apps follow branches, not tags",
      "no app follows branch feature of https://github.com/Codertocat/Hello-World.git",
    ]);
    expect(queue.jobs).toHaveLength(0);
  });

  it("gives a redelivery, and the same head from another delivery, one deduplication id", async () => {
    const body = fixture("github/push-new-branch.json");
    await handleWebhook(github("push", body), deps);
    await handleWebhook(github("push", body), deps);
    await handleWebhook(github("push", body, { "x-github-delivery": "another-delivery" }), deps);

    expect(new Set(queue.jobs.filter((q) => q.job.app === "gh-web").map((q) => q.deduplicationId)).size).toBe(1);
  });

  it("accepts the secret being rotated out", async () => {
    const body = fixture("github/push-new-branch.json");
    const response = await handleWebhook(github("push", body, { "x-hub-signature-256": sign.github(body, OLD_SECRET) }), deps);
    expect(response.status).toBe(202);
  });

  it.each([
    ["a signature made with another secret", (b: Buffer) => ({ "x-hub-signature-256": sign.github(b, "wrong") })],
    ["a signature of other bytes", (b: Buffer) => ({ "x-hub-signature-256": sign.github(Buffer.concat([b, Buffer.from(" ")])) })],
    ["only the SHA-1 signature", (b: Buffer) => ({ "x-hub-signature-256": "", "x-hub-signature": `sha1=${sign.github(b).slice(7, 47)}` })],
    ["no signature", () => ({ "x-hub-signature-256": "" })],
  ])("answers 401 to %s", async (_name, headers) => {
    const body = fixture("github/push-new-branch.json");
    const response = await handleWebhook(github("push", body, headers(body)), deps);

    expect(response.status).toBe(401);
    expect(queue.jobs).toHaveLength(0);
  });

  it("answers 400 to a signed request without X-GitHub-Event, 415 to a form-encoded one", async () => {
    const body = fixture("github/ping.json");
    const noEvent = await handleWebhook(post(PATH, body, { "x-hub-signature-256": sign.github(body) }), deps);
    const form = await handleWebhook(github("ping", body, { "content-type": "application/x-www-form-urlencoded" }), deps);

    expect(noEvent).toMatchObject({ status: 400, body: { error: "not a GitHub delivery: expected an X-GitHub-Event header" } });
    expect(form.status).toBe(415);
  });

  it("ignores an untagged GHCR version and queues a tagged one", async () => {
    const untagged = await handleWebhook(github("package", fixture("github/package-published-container.json")), deps);
    const tagged = fixtureJson("github/package-published-container.json") as { package: { package_version: { package_url: string; container_metadata: { tag: { name: string } } } } };
    tagged.package.package_version.container_metadata.tag.name = "1.2.3";
    tagged.package.package_version.package_url = "ghcr.io/Codertocat/hello-world:1.2.3";
    const queued = await handleWebhook(github("package", toBody(tagged)), deps);

    expect(untagged.body).toMatchObject({ status: "ignored", reasons: ["untagged version of hello-world-npm published: not an image tag push"] });
    expect(queued.body).toMatchObject({ status: "queued", jobs: [{ app: "gh-web", repository: "ghcr.io/codertocat/hello-world", tag: "1.2.3" }] });
    expect(queue.jobs[0]?.job).toMatchObject({ kind: "image-update" });
    // GitHub's documented example carries 40 hex digits after sha256:, which is no digest: dropped.
    expect(queue.jobs[0]?.job).not.toHaveProperty("digest");
  });

  it("reads the same version from a registry_package event", async () => {
    const body = fixtureJson("github/package-published-container.json") as { package?: { package_version: { package_url: string; container_metadata: { tag: { name: string } } } } };
    const pkg = body.package;
    if (!pkg) throw new Error("fixture has no package");
    pkg.package_version.container_metadata.tag.name = "1.2.4";
    pkg.package_version.package_url = "ghcr.io/Codertocat/hello-world:1.2.4";
    const registryPackage = { ...body, package: undefined, registry_package: pkg };

    const response = await handleWebhook(github("registry_package", toBody(registryPackage)), deps);

    expect(response.body).toMatchObject({ status: "queued", jobs: [{ app: "gh-web", repository: "ghcr.io/codertocat/hello-world", tag: "1.2.4" }] });
  });
});
