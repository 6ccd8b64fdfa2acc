import { describe, expect, it } from "vitest";
import type { ImageUpdateJob } from "../../../../src/core/queue/job.ts";
import { chooseTag } from "../../../../src/jobs/image/choose-tag.ts";
import { proposeImage } from "../../../../src/jobs/image/propose-image.ts";
import { refuse } from "../../adapters/git/fake-git-remotes.ts";
import { failure, retryOf } from "../deps/retry-of.ts";
import { REPOSITORY, VALUES_FILE, tags, values, webConfig, webFiles } from "../deps/web-app.ts";
import { workerFakes, type HostingRequest, type WorkerFakes } from "../deps/worker-fakes.ts";

const GITHUB = {
  github: { repository: "acme/charts", token: { env: "GH_TOKEN" }, apiUrl: "https://github.example/api/" },
};
const GITLAB = {
  gitlab: { project: "acme/charts", token: { env: "GL_TOKEN" }, apiUrl: "https://gitlab.example/api/v4" },
  branchPrefix: "bump/",
};
const MERGE_REQUEST = { iid: 7, web_url: "https://gitlab.example/acme/charts/-/merge_requests/7" };
/** GitHub's answer to a second pull request for the same branch. */
const EXISTS = {
  message: "Validation Failed",
  errors: [{ message: "A pull request already exists for acme:sluice/web/app-1.1.0." }],
};
const PULL = { number: 42, html_url: "https://github.example/acme/charts/pull/42" };
const job: ImageUpdateJob = {
  kind: "image-update", app: "web", repository: REPOSITORY, tag: "1.1.0", deliveryId: "d-1",
};

type Answer = (request: HostingRequest, n: number) => { status: number; body: unknown };

type Setup = WorkerFakes & { propose(): ReturnType<typeof proposeImage> };

function setup(pullRequest: object, hosting: Answer, inGit = "1.0.0"): Setup {
  const fakes = workerFakes({
    config: webConfig({ writeBack: { pullRequest } }),
    files: webFiles(inGit),
    registry: { "team/app": tags("1.0.0", "1.1.0") },
    env: { GH_TOKEN: "ghp_test", GL_TOKEN: "glpat-test" },
    hosting,
  });
  const app = fakes.deps.config.apps[0];
  const image = app?.images[0];
  const config = app?.writeBack.pullRequest;
  if (!app || !image || !config) throw new Error("no app web proposing its image");
  const propose = async () => {
    const chosen = await chooseTag({ tag: job.tag }, image, REPOSITORY, fakes.deps);
    if ("skipped" in chosen) throw new Error(chosen.skipped);
    return proposeImage({ job, app, image, repository: REPOSITORY, chosen, pullRequest: config }, fakes.deps);
  };
  return { ...fakes, propose };
}

/** A request as the API reads it: its body parsed. */
const sent = (r: HostingRequest) => ({ ...r, body: typeof r.body === "string" ? JSON.parse(r.body) : r.body });

describe("proposeImage", () => {
  it("commits the bump to its own branch on top of main and opens a GitHub pull request, main untouched", async () => {
    // Prepare
    const fakes = setup(GITHUB, () => ({ status: 201, body: PULL }));

    // Act
    const outcome = await fakes.propose();

    // Assess
    expect(outcome).toEqual({ app: "web", status: "proposed", from: "1.0.0", to: "1.1.0", pullRequest: PULL.html_url });
    expect(fakes.remotes.tip("main").id).toBe("c0");
    const bump = fakes.remotes.tip("sluice/web/app-1.1.0");
    expect(bump.parent).toBe("c0");
    expect(bump.files[VALUES_FILE]).toBe(values("1.1.0"));
    expect(fakes.hosting.map(sent)).toEqual([{
      method: "POST",
      url: "https://github.example/api/repos/acme/charts/pulls",
      headers: {
        authorization: "Bearer ghp_test",
        accept: "application/vnd.github+json",
        "x-github-api-version": "2022-11-28",
        "user-agent": "sluice",
        "content-type": "application/json",
      },
      body: {
        title: `[skip ci] sluice: web ${REPOSITORY} 1.0.0 -> 1.1.0`,
        head: "sluice/web/app-1.1.0",
        base: "main",
        body: `Sluice proposes ${REPOSITORY} 1.0.0 -> 1.1.0 for web.\n\nSluice-Delivery: d-1\n`,
      },
    }]);
    expect(fakes.destination.writes).toEqual([]);
  });

  it("opens a GitLab merge request from a branch named with the configured prefix", async () => {
    // Prepare
    const fakes = setup(GITLAB, () => ({ status: 201, body: MERGE_REQUEST }));

    // Act
    const outcome = await fakes.propose();

    // Assess
    expect(outcome).toMatchObject({ status: "proposed", pullRequest: MERGE_REQUEST.web_url });
    expect(fakes.remotes.tip("bump/web/app-1.1.0").files[VALUES_FILE]).toBe(values("1.1.0"));
    expect(fakes.hosting.map(sent)).toEqual([{
      method: "POST",
      url: "https://gitlab.example/api/v4/projects/acme%2Fcharts/merge_requests",
      headers: { "private-token": "glpat-test", "user-agent": "sluice", "content-type": "application/json" },
      body: {
        source_branch: "bump/web/app-1.1.0",
        target_branch: "main",
        title: `[skip ci] sluice: web ${REPOSITORY} 1.0.0 -> 1.1.0`,
        description: `Sluice proposes ${REPOSITORY} 1.0.0 -> 1.1.0 for web.\n\nSluice-Delivery: d-1\n`,
        remove_source_branch: true,
      },
    }]);
  });

  it("on a retried job finds its branch and pull request there, and commits or opens nothing twice", async () => {
    // Prepare: the first POST opens; GitHub refuses a second one and the open one is looked up.
    const branch = "sluice/web/app-1.1.0";
    const fakes = setup(GITHUB, (request, n) => (n === 1 ? { status: 201, body: PULL }
      : request.method === "POST" ? { status: 422, body: EXISTS }
        : { status: 200, body: [PULL] }));
    await fakes.propose();
    const pushed = fakes.remotes.tip(branch).id;

    // Act
    const again = await fakes.propose();

    // Assess
    expect(again).toMatchObject({ status: "proposed", pullRequest: PULL.html_url });
    expect(fakes.remotes.tip(branch).id).toBe(pushed);
    expect(fakes.remotes.pushes).toBe(1);
    expect(fakes.hosting.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST https://github.example/api/repos/acme/charts/pulls",
      "POST https://github.example/api/repos/acme/charts/pulls",
      `GET https://github.example/api/repos/acme/charts/pulls?state=open&head=${encodeURIComponent(`acme:${branch}`)}`,
    ]);
  });

  it("opens nothing and pushes no branch when git already holds the tag", async () => {
    // Prepare
    const fakes = setup(GITHUB, () => ({ status: 201, body: PULL }), "1.1.0");

    // Act
    const outcome = await fakes.propose();

    // Assess
    expect(outcome).toEqual({ app: "web", status: "unchanged", from: "1.1.0", to: "1.1.0" });
    expect([...fakes.remotes.branches.keys()]).toEqual(["main"]);
    expect(fakes.hosting).toEqual([]);
  });

  it("fails for good when the host refuses the request or the server the branch, with their words", async () => {
    // Prepare
    const forbidden = setup(GITHUB,
      () => ({ status: 403, body: { message: "Resource not accessible by integration" } }),
    );
    const hooked = setup(GITHUB, () => ({ status: 201, body: PULL }));
    hooked.remotes.beforePush = () => refuse("branch names under sluice/ are reserved");

    // Act
    const errors = [await failure(forbidden.propose()), await failure(hooked.propose())];

    // Assess
    expect(errors.map(retryOf)).toEqual(["never", "never"]);
    expect(errors[0]?.message).toContain("Resource not accessible by integration");
    expect(errors[1]?.message).toContain("branch names under sluice/ are reserved");
    expect(hooked.hosting).toEqual([]);
  });

  it("fails for later when the host is down; the retried job opens the request on the branch it pushed", async () => {
    // Prepare
    const fakes = setup(GITLAB, (_request, n) => (n === 1 ? { status: 502, body: "bad gateway" }
      : { status: 201, body: MERGE_REQUEST }));

    // Act
    const error = await failure(fakes.propose());
    const retried = await fakes.propose();

    // Assess
    expect(retryOf(error)).toBe("later");
    expect(retried).toMatchObject({ status: "proposed", from: "1.0.0", to: "1.1.0", pullRequest: MERGE_REQUEST.web_url });
    expect(fakes.remotes.pushes).toBe(1);
    expect(fakes.hosting).toHaveLength(2);
    // The request opened on retry names what the tracked branch holds, as the first try's would have.
    expect(JSON.stringify(fakes.hosting[1]?.body)).toContain("1.0.0 -> 1.1.0");
  });
});
