import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../../src/core/config/config-error.ts";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { validationNotes } from "../../../../src/core/config/validation-notes.ts";

const problemsOf = (text: string) => {
  try {
    parseConfig(text, "/etc/sluice/sluice.yaml");
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("parseConfig", () => {
  it("lists every problem with its path", () => {
    const problems = problemsOf(`
clusters:
  - name: prod
    kubeconfig: { path: ~/.kube/config }
apps:
  - name: Web_1
    source: { repo: "ssh://git@example.com/x.git" }
    render: { helm: {} }
    destination: { cluster: staging, namespace: web }
    images:
      - repository: nginx
        policy: {}
        write: { file: values.yaml, tag: image.tag }
`);
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["apps[0].name", "apps[0].source.repo", "apps[0].images[0].policy"]));
  });

  it("reports an unknown cluster once the shape is right", () => {
    const problems = problemsOf(`
apps:
  - name: web
    source: { repo: "https://example.com/x.git" }
    render: { helm: {} }
    destination: { cluster: staging, namespace: web }
`);
    expect(problems).toEqual([{ path: "apps[0].destination.cluster", message: 'no cluster named "staging" under clusters' }]);
  });

  it("refuses an inline secret value", () => {
    const problems = problemsOf(`
webhooks:
  distribution:
    secrets: ["hunter2"]
`);
    expect(problems[0]?.path).toBe("webhooks.distribution.secrets[0]");
    expect(problems[0]?.message).toMatch(/reference/);
  });

  it("refuses a second YAML document, naming the line it starts on", () => {
    const problems = problemsOf("apps: []\n---\napps: []\n");
    expect(problems[0]?.path).toMatch(/^line 2/);
  });

  it("points at the line of a YAML syntax error", () => {
    const problems = problemsOf("apps:\n  - name: web\n   bad: indent\n");
    expect(problems[0]?.path).toMatch(/^line 3/);
  });

  it("resolves relative paths against the file's folder and fills defaults", () => {
    const config = parseConfig(`
webhooks:
  distribution:
    secrets: [{ file: secrets/token }]
apps:
  - name: web
    source: { repo: "https://example.com/x.git" }
    render: { helm: {} }
    destination: { directory: out/web, namespace: web }
`, "/etc/sluice/sluice.yaml");
    expect(config.webhooks.distribution?.secrets).toEqual([{ file: "/etc/sluice/secrets/token" }]);
    expect(config.apps[0]?.destination).toEqual({ directory: "/etc/sluice/out/web", namespace: "web" });
    expect(config.apps[0]?.source.branch).toBe("main");
    expect(config.limits.bodyBytes).toBe(2 * 1024 * 1024);
  });

  it("normalises image repositories and git URLs once, as events spell them", () => {
    const config = parseConfig(`
apps:
  - name: web
    source: { repo: "https://Git.Example.com/Team/Charts.git/" }
    render: { directory: {} }
    destination: { directory: out/web, namespace: web }
    images:
      - { repository: nginx, policy: { semver: "*" }, write: { file: values.yaml, tag: image.tag } }
      - { repository: "https://GHCR.io/Team/Web", policy: { semver: "*" }, write: { file: values.yaml, tag: web.tag } }
`, "/etc/sluice/sluice.yaml");

    expect(config.apps[0]?.images.map((i) => i.repository)).toEqual(["docker.io/library/nginx", "ghcr.io/team/web"]);
    expect(config.apps[0]?.source).toMatchObject({ repo: "https://Git.Example.com/Team/Charts.git/", repoKey: "git.example.com/team/charts" });
  });

  it("notes that an endpoint without a secret is off", () => {
    expect(validationNotes(parseConfig("apps: []", "x.yaml"))).toContain("webhooks.distribution has no secret: that endpoint is off and answers 404");
  });
});
