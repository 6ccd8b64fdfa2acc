// Shared by the intake tests: one configuration with every endpoint on and an app per
// source, the vendors' fixtures, and requests signed the way each vendor signs them.
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import type { IntakeDeps } from "../../../../src/jobs/intake/handle-webhook.ts";
import type { WebhookRequest } from "../../../../src/adapters/webhooks/webhook-request.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { FakeQueue } from "./fake-queue.ts";

/** The example secret of GitHub's own signature docs; a second one plays the secret being rotated out. */
export const SECRET = "It's a Secret to Everybody";
export const OLD_SECRET = "the-secret-before-rotation";
/** 32 random bytes, base64url: what the docs tell users to put in a Docker Hub or Quay URL. */
export const PATH_SECRET = randomBytes(32).toString("base64url");

const image = (repository: string) => `
      - repository: ${repository}
        policy: { semver: ">=0.0.0" }
        write: { file: values.yaml, tag: image.tag }`;
const app = (name: string, source: string, images = "[]") => `
  - name: ${name}
    source: ${source}
    render: { helm: {} }
    destination: { directory: /tmp/sluice-test/${name}, namespace: ${name} }
    images: ${images}`;

export const CONFIG = `
webhooks:
  github: { secrets: [{ env: HOOK_SECRET }, { env: OLD_SECRET }] }
  gitlab: { secrets: [{ env: HOOK_SECRET }, { env: OLD_SECRET }] }
  gitea: { secrets: [{ env: HOOK_SECRET }, { env: OLD_SECRET }] }
  bitbucket: { secrets: [{ env: HOOK_SECRET }, { env: OLD_SECRET }] }
  distribution: { secrets: [{ env: HOOK_SECRET }] }
  harbor: { secrets: [{ env: HOOK_SECRET }] }
  dockerhub: { secrets: [{ env: PATH_SECRET }] }
  quay: { secrets: [{ env: PATH_SECRET }] }
  acr: { secrets: [{ env: HOOK_SECRET }] }
  generic: { secrets: [{ env: HOOK_SECRET }, { env: OLD_SECRET }] }
  ecr: {}
git:
  author: { name: sluice, email: sluice@example.com }
limits: { bodyBytes: 65536 }
apps:${app("gh-web", "{ repo: https://github.com/Codertocat/Hello-World.git, branch: master, path: charts/web }", image("ghcr.io/codertocat/hello-world"))}${app("gh-api", "{ repo: https://github.com/codertocat/hello-world, branch: master, path: charts/api, paths: [\"charts/common/**\"] }")}${app("gh-other-branch", "{ repo: https://github.com/Codertocat/Hello-World.git, branch: develop }")}${app("gl-app", "{ repo: http://example.com/mike/diaspora.git, branch: master, path: app }")}${app("gl-example", "{ repo: http://example.com/jsmith/example.git, branch: master }")}${app("gitea-app", "{ repo: http://localhost:3000/gitea/webhooks.git, branch: develop }")}${app("bb-app", "{ repo: https://bitbucket.org/team_name/repo_name, branch: name-of-branch, path: deploy }")}${app("team-app", "{ repo: https://git.example.com/acme/charts.git, path: charts/app }", image("127.0.0.1:45500/team/app"))}${app("registries", "{ repo: https://git.example.com/acme/charts.git, path: charts/registries }", [
  "hub.harbor.com/test-webhook/debian", "svendowideit/testhook", "quay.io/dgangaia/test", "myregistry.azurecr.io/hello-world",
  "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-repository-name", "registry.example.com/team/app",
].map(image).join(""))}
`;

export function intakeDeps(yaml = CONFIG): { deps: IntakeDeps; queue: FakeQueue } {
  const queue = new FakeQueue();
  const deps: IntakeDeps = {
    config: parseConfig(yaml, "test.yaml"),
    secrets: new SecretResolver({ env: { HOOK_SECRET: SECRET, OLD_SECRET, PATH_SECRET } }),
    queue,
    logger: silentLogger,
  };
  return { deps, queue };
}

/** The bytes of a fixture under test/fixtures/webhooks/. */
export function fixture(path: string): Buffer {
  return readFileSync(new URL(`../../../fixtures/webhooks/${path}`, import.meta.url));
}

/** The fixture's JSON, to change one documented field in a test. */
export function fixtureJson(path: string): Record<string, unknown> {
  return JSON.parse(fixture(path).toString("utf8")) as Record<string, unknown>;
}

const hmac = (body: Uint8Array, secret: string): string => createHmac("sha256", secret).update(body).digest("hex");

/** Signatures as each vendor computes them, written here independently of the code under test. */
export const sign = {
  /** GitHub: X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>. */
  github: (body: Uint8Array, secret = SECRET) => `sha256=${hmac(body, secret)}`,
  /** Gitea and Forgejo: X-Gitea-Signature: <hex HMAC-SHA256>, no prefix. */
  gitea: (body: Uint8Array, secret = SECRET) => hmac(body, secret),
  /** Bitbucket Cloud: X-Hub-Signature: sha256=<hex HMAC-SHA256>. */
  bitbucket: (body: Uint8Array, secret = SECRET) => `sha256=${hmac(body, secret)}`,
  /** Sluice's generic hook: X-Signature: sha256=<hex HMAC-SHA256>. */
  generic: (body: Uint8Array, secret = SECRET) => `sha256=${hmac(body, secret)}`,
};

export function post(path: string, body: string | Uint8Array, headers: Record<string, string>): WebhookRequest {
  return { method: "POST", path, headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? Buffer.from(body) : body };
}

export const toBody = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
