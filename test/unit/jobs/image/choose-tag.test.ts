import { describe, expect, it } from "vitest";
import { imageConfigSchema } from "../../../../src/core/config/image-config.ts";
import { chooseTag, type ChosenTag } from "../../../../src/jobs/image/choose-tag.ts";
import { digestOf, refusal, type FakeRepository } from "../deps/fake-registry.ts";
import { failure, retryOf } from "../deps/retry-of.ts";
import { tags } from "../deps/web-app.ts";
import { workerFakes } from "../deps/worker-fakes.ts";

const REPOSITORY = "registry.example/team/app";
const PUSH_ONLY = "push-only.example/team/app";

function setup(policy: object, repositories: Record<string, FakeRepository>, repository = REPOSITORY) {
  const image = imageConfigSchema.parse({ repository, policy, write: { file: "values.yaml", tag: "image.tag" } });
  const registries = [{ host: "registry.example" }, { host: "push-only.example", lookup: false }];
  const fakes = workerFakes({ config: { registries }, files: {}, registry: repositories });
  const choose = (hint: { tag?: string; digest?: string }) => chooseTag(hint, image, repository, fakes.deps);
  return { image, fakes, choose };
}

function chosen(result: ChosenTag | { skipped: string }): ChosenTag {
  if ("skipped" in result) throw new Error(`skipped: ${result.skipped}`);
  return result;
}

describe("chooseTag", () => {
  it("takes the highest version in range from the registry's list, the event's tag only a hint", async () => {
    // Prepare
    const { choose } = setup({ semver: "^1.0.0" }, { "team/app": tags("1.0.0", "1.2.0", "2.0.0", "1.1.0", "latest") });

    // Act
    const result = chosen(await choose({ tag: "1.1.0" }));

    // Assess
    expect(result.tag).toBe("1.2.0");
    expect(await result.policy.compare("1.2.0", "1.1.0")).toBeGreaterThan(0);
  });

  it("orders regex tags by the extracted value, numerically, not by name", async () => {
    // Prepare
    const { choose } = setup({ regex: "^main-[a-f0-9]+-(?P<ts>[0-9]+)$", extract: "$ts", order: "numerical" },
      { "team/app": tags("main-abc123-99", "main-def456-1000", "feature-x-5000", "main-0aa000-200") });

    // Act
    const result = chosen(await choose({}));

    // Assess
    expect(result.tag).toBe("main-def456-1000");
  });

  it("takes the most recently built image under newest-pushed, whatever the list order or the tag names", async () => {
    // Prepare
    const { choose, fakes } = setup({ newestPushed: {} }, { "team/app": [
      { tag: "fff0000", created: "2026-01-01T00:00:00Z" },
      { tag: "aaa1111", created: "2026-03-01T00:00:00Z" },
      { tag: "ccc2222", created: "2026-02-01T00:00:00Z" },
      { tag: "latest", created: "2026-04-01T00:00:00Z" },
    ] });

    // Act
    const result = chosen(await choose({}));

    // Assess: `latest` does not match the SHA pattern; each image's config was read once.
    expect(result.tag).toBe("aaa1111");
    expect(fakes.registryRequests().filter((r) => r.includes("/blobs/"))).toHaveLength(3);
  });

  it("gives the chosen tag's manifest digest, asked of the registry once", async () => {
    // Prepare
    const { choose, fakes } = setup({ semver: ">=1.0.0" }, { "team/app": tags("1.0.0", "1.1.0") });
    const result = chosen(await choose({ tag: "1.1.0", digest: digestOf("stale") }));

    // Act
    const digests = [await result.digest(), await result.digest()];

    // Assess
    expect(digests).toEqual([digestOf("1.1.0"), digestOf("1.1.0")]);
    const heads = fakes.registryRequests().filter((r) => r.startsWith("HEAD"));
    expect(heads).toEqual(["HEAD https://registry.example/v2/team/app/manifests/1.1.0"]);
  });

  it("ignores an event whose tag is unlisted, out of range or on the ignore list, saying why", async () => {
    // Prepare
    const listed = { "team/app": tags("1.0.0", "2.0.0", "1.1.0-debug") };
    const { choose } = setup({ semver: "^1.0.0", ignore: ["*-debug"] }, listed);

    // Act
    const results = [];
    for (const tag of ["1.9.9", "2.0.0", "1.1.0-debug"]) results.push(await choose({ tag }));

    // Assess
    expect(results).toEqual([
      { skipped: "tag 1.9.9 is not in the registry's tag list" },
      { skipped: 'tag 2.0.0 is outside the policy range "^1.0.0"' },
      { skipped: "tag 1.1.0-debug is on the ignore list (*-debug)" },
    ]);
  });

  it("skips, with the reason, when no tag in the registry satisfies the policy", async () => {
    // Prepare
    const { choose } = setup({ semver: "^3.0.0" }, { "team/app": tags("1.0.0", "2.0.0") });

    // Act
    const result = await choose({});

    // Assess
    expect(result).toEqual({ skipped: 'no tag satisfies semver "^3.0.0" (2 tags)' });
  });

  it("never calls a registry whose lookup is off: the event's tag and digest are the only candidate", async () => {
    // Prepare
    const { choose, fakes } = setup({ semver: "^1.0.0" }, {}, PUSH_ONLY);

    // Act
    const result = chosen(await choose({ tag: "1.4.0", digest: digestOf("1.4.0") }));
    const sweep = await choose({});

    // Assess
    expect(result.tag).toBe("1.4.0");
    expect(await result.digest()).toBe(digestOf("1.4.0"));
    expect(sweep).toEqual({ skipped: 'no tag satisfies semver "^1.0.0" (0 tags)' });
    expect(fakes.registryRequests()).toEqual([]);
  });

  it("fails for good on a registry refusal, naming the repository, and for later on an outage", async () => {
    // Prepare
    const denied = refusal(403, "DENIED", "requested access to the resource is denied");
    const refused = setup({ semver: "^1.0.0" }, { "team/app": denied });
    const unknown = setup({ semver: "^1.0.0" }, {});
    const down = setup({ semver: "^1.0.0" }, { "team/app": { status: 503, body: "" } });

    // Act
    const errors = [
      await failure(refused.choose({ tag: "1.0.0" })),
      await failure(unknown.choose({})),
      await failure(down.choose({})),
    ];

    // Assess
    expect(errors.map(retryOf)).toEqual(["never", "never", "later"]);
    expect(errors[0]?.message).toContain(`registry refused for ${REPOSITORY}`);
    expect(errors[0]?.message).toContain("requested access to the resource is denied");
    expect(errors[1]?.message).toContain("repository name not known to registry");
  });

  it("fails for good when a later comparison meets a refusal: git's tag has no manifest in the registry", async () => {
    // Prepare
    const listed = { "team/app": [{ tag: "aaa1111", created: "2026-03-01T00:00:00Z" }] };
    const { choose } = setup({ newestPushed: {} }, listed);
    const result = chosen(await choose({ tag: "aaa1111" }));

    // Act
    const error = await failure(result.policy.compare("aaa1111", "bbb2222"));

    // Assess
    expect(retryOf(error)).toBe("never");
    expect(error.message).toContain("manifest unknown");
  });
});
