import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { handleWebhook } from "../../../../src/jobs/intake/handle-webhook.ts";
import { providers } from "../../../../src/adapters/webhooks/providers/providers.ts";
import { intakeDeps, PATH_SECRET, SECRET, sign } from "./intake-test-deps.ts";
import { anyBody } from "./payload-arbitraries.ts";
import { assertProperty } from "../../property/assert-property.ts";

const PATHS = [...providers.values()].map((p) => (p.secretInPath ? `${p.path}/${PATH_SECRET}` : p.path));
const EVENTS = ["push", "ping", "package", "registry_package", "Push Hook", "Tag Push Hook", "System Hook", "repo:push", "issues"];
const HEADER_NAMES = ["content-type", "authorization", "x-github-event", "x-github-delivery", "x-hub-signature-256", "x-hub-signature",
  "x-gitlab-event", "x-gitlab-token", "idempotency-key", "x-gitea-event", "x-gitea-signature", "x-forgejo-event", "x-event-key", "x-request-uuid", "x-signature", "x-delivery-id"];

const request = fc.record({
  method: fc.oneof(fc.constant("POST"), fc.constant("POST"), fc.constantFrom("GET", "PUT", "DELETE"), fc.string({ maxLength: 8 })),
  path: fc.oneof(fc.constantFrom(...PATHS, "/healthz", "/hooks/registry/dockerhub", "/hooks/git/github/"), fc.string({ maxLength: 40 }).map((s) => `/hooks/${s}`)),
  headers: fc.dictionary(fc.constantFrom(...HEADER_NAMES), fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom(...EVENTS), fc.constant("application/json")), { maxKeys: 8 }),
  body: anyBody,
  /** Sign the body as every vendor would, so verification passes and parsing is reached. */
  signed: fc.boolean(),
  event: fc.constantFrom(...EVENTS),
});

describe("handleWebhook on arbitrary requests", () => {
  it("never throws, never answers 5xx, never echoes a secret", async () => {
    const { deps } = intakeDeps();
    await assertProperty(fc.asyncProperty(request, async (r) => {
      const headers: Record<string, string> = { ...r.headers };
      if (r.signed) {
        Object.assign(headers, {
          "content-type": "application/json",
          "x-hub-signature-256": sign.github(r.body), "x-hub-signature": sign.bitbucket(r.body), "x-gitea-signature": sign.gitea(r.body), "x-signature": sign.generic(r.body),
          "x-gitlab-token": SECRET, authorization: `Bearer ${SECRET}`,
          "x-github-event": r.event, "x-gitlab-event": r.event, "x-gitea-event": r.event, "x-event-key": r.event,
        });
      }

      const response = await handleWebhook({ method: r.method, path: r.path, headers, body: r.body }, deps);

      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(500);
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(PATH_SECRET);
    }), { numRuns: 400 });
  });
});
