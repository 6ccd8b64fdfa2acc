// Google Artifact Registry through a Pub/Sub push subscription: the push's OIDC token checked
// against a key set served on 127.0.0.1 (as Google serves its own), the issuer and the audience.
import { createServer, type Server } from "node:http";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleWebhook, type IntakeDeps } from "../../src/jobs/intake/handle-webhook.ts";
import { CONFIG, fixture, intakeDeps, post } from "../unit/jobs/intake/intake-test-deps.ts";

const AUDIENCE = "https://sluice.example.com/hooks/registry/gar";
const ACCOUNT = "pubsub-push@my-project.iam.gserviceaccount.com";

/** An RS256 JWT, written here independently of the code under test. */
function jwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "RS256", kid, typ: "JWT" })}.${part(claims)}`;
  return `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), key).toString("base64url")}`;
}

describe("GAR Pub/Sub push with OIDC tokens", () => {
  const google = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
  let server: Server;
  let deps: IntakeDeps;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({ iss: "https://accounts.google.com", aud: AUDIENCE, iat: now(), exp: now() + 3600,
    email: ACCOUNT, email_verified: true, sub: "1234567890", ...extra });
  const push = (token: string | undefined) => handleWebhook(post("/hooks/registry/gar", fixture("gar/pubsub-push.json"), token ? { authorization: `Bearer ${token}` } : {}), deps);

  beforeAll(async () => {
    const jwks = JSON.stringify({ keys: [{ ...google.publicKey.export({ format: "jwk" }), kid: "google-1", alg: "RS256", use: "sig" }] });
    server = createServer((_, res) => res.writeHead(200, { "content-type": "application/json" }).end(jwks));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/v3/certs`;
    const config = `${CONFIG.replace("webhooks:\n", `webhooks:\n  gar: { audience: "${AUDIENCE}", serviceAccountEmail: ${ACCOUNT}, jwksUrl: "${jwksUrl}" }\n`)}  - name: gar-app
    source: { repo: https://git.example.com/acme/charts.git, path: charts/gar }
    render: { helm: {} }
    destination: { directory: /tmp/sluice-test/gar-app, namespace: gar }
    images:
      - repository: us-east1-docker.pkg.dev/my-project/my-repo/hello-world
        policy: { semver: ">=1.0.0", partialVersions: true }
        write: { file: values.yaml, tag: image.tag }
`;
    ({ deps } = intakeDeps(config));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("queues Artifact Registry's documented push notification under the Pub/Sub message id", async () => {
    const response = await push(jwt(google.privateKey, "google-1", claims()));

    expect(response.body).toMatchObject({ status: "queued", deliveryId: "2070443601311540",
      jobs: [{ app: "gar-app", repository: "us-east1-docker.pkg.dev/my-project/my-repo/hello-world", tag: "1.1" }] });
  });

  it.each([
    ["no token", undefined],
    ["another key", jwt(stranger.privateKey, "google-1", claims())],
    ["an unknown key id", jwt(google.privateKey, "google-2", claims())],
    ["another audience", jwt(google.privateKey, "google-1", claims({ aud: "https://elsewhere.example.com" }))],
    ["another issuer", jwt(google.privateKey, "google-1", claims({ iss: "https://issuer.example.com" }))],
    ["an expired token", jwt(google.privateKey, "google-1", claims({ iat: now() - 7200, exp: now() - 3600 }))],
    ["another service account", jwt(google.privateKey, "google-1", claims({ email: "someone@example.com" }))],
    ["an unverified address", jwt(google.privateKey, "google-1", claims({ email_verified: false }))],
  ])("answers 401 to %s", async (_name, token) => {
    expect((await push(token)).status).toBe(401);
  });
});
