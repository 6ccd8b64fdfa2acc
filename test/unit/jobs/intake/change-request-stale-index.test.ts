import { describe, expect, it } from "vitest";
import type { GitRemotes } from "../../../../src/adapters/git/git-workspace.ts";
import type { OpenRequest } from "../../../../src/engine/appsets/generator-inputs.ts";
import { GitAppIndex } from "../../../../src/jobs/apps/git-app-index.ts";
import { handleWebhook } from "../../../../src/jobs/intake/handle-webhook.ts";
import { CONFIG, fixture, fixtureJson, intakeDeps, post, sign, toBody } from "./intake-test-deps.ts";

const YAML = `${CONFIG}appSets:
  - name: gh
    deletionPolicy: delete
    generators: [{ pullRequests: { provider: github, repo: https://github.com/Codertocat/Hello-World.git } }]
    template:
      name: "gh-{{number}}"
      source: { repo: https://github.com/Codertocat/Hello-World.git, branch: "{{branch}}", path: charts/web }
      render: { helm: {} }
      destination: { directory: "/tmp/sluice-test/gh-{{number}}", namespace: "gh-{{number}}" }
`;
const github = (body: Buffer, delivery: string) =>
  post("/hooks/git/github", body, { "x-github-event": "pull_request", "x-github-delivery": delivery, "x-hub-signature-256": sign.github(body) });

describe("request events on an index older than its reader keeps it", () => {
  it("queues the removal of a closed request's app though the index was read again for the delivery, listing the host once a delivery", async () => {
    // Prepare: the real GitAppIndex, on a clock the test moves past its 30 s between deliveries
    const { deps, queue } = intakeDeps(YAML);
    let now = 0;
    let open: OpenRequest[] = [{ number: 2, branch: "changes", sha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", labels: [] }];
    let lists = 0;
    deps.apps = new GitAppIndex({
      config: deps.config, git: {} as GitRemotes, secrets: deps.secrets, logger: deps.logger, now: () => now, maxAgeMs: 30_000,
      listBranches: async () => [], listRequests: async () => { lists++; return open; },
    });

    // Act: opened; ten minutes later, closed
    const opened = await handleWebhook(github(fixture("github/pull-request-opened.json"), "d-open"), deps);
    now += 600_000;
    open = [];
    const closed = await handleWebhook(github(toBody({ ...fixtureJson("github/pull-request-closed.json") }), "d-close"), deps);

    // Assess
    expect(opened.body).toMatchObject({ status: "queued", jobs: [{ app: "gh-2" }] });
    expect(closed.body).toMatchObject({ status: "queued", jobs: [{ app: "gh-2" }] });
    expect(queue.jobs.map((j) => [j.job.app, j.job.deliveryId])).toEqual([["gh-2", "d-open"], ["gh-2", "d-close"]]);
    expect(lists).toBe(2);
  });
});
