import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HttpError } from "../../../../../src/adapters/webhooks/http-error.ts";
import { matchEvent } from "../../../../../src/jobs/intake/match-event.ts";
import { staticAppIndex } from "../../../../../src/core/apps/static-app-index.ts";
import { providers } from "../../../../../src/adapters/webhooks/providers/providers.ts";
import { jobSchema } from "../../../../../src/core/queue/job.ts";
import { intakeDeps, PATH_SECRET } from "../../../jobs/intake/intake-test-deps.ts";
import { anyBody } from "../../../jobs/intake/payload-arbitraries.ts";
import { assertProperty } from "../../../property/assert-property.ts";

const { deps } = intakeDeps();
const EVENT_HEADERS = {
  "x-github-event": fc.constantFrom("push", "ping", "package", "registry_package", "issues"),
  "x-gitlab-event": fc.constantFrom("Push Hook", "Tag Push Hook", "System Hook"),
  "x-gitea-event": fc.constant("push"),
  "x-event-key": fc.constantFrom("repo:push", "diagnostics:ping"),
};

describe.each([...providers.values()])("$name parser on arbitrary bodies", (provider) => {
  it("returns a delivery whose events match without error, or refuses with a 400", () => {
    assertProperty(fc.property(anyBody, fc.record(EVENT_HEADERS), fc.option(fc.string({ maxLength: 30 })), (body, headers, registryHost) => {
      const path = provider.secretInPath ? `${provider.path}/${PATH_SECRET}` : provider.path;
      let delivery;
      try {
        delivery = provider.parse({ method: "POST", path, headers, body }, { secrets: ["s"], ...(registryHost ? { registryHost } : {}) });
      } catch (error) {
        expect(error).toBeInstanceOf(HttpError);
        expect((error as HttpError).status).toBe(400);
        return;
      }
      expect(delivery.deliveryId).toMatch(/^[\x21-\x7e]{1,128}$/);
      for (const event of delivery.events) {
        for (const { job, deduplicationId, groupId } of matchEvent(event, staticAppIndex(deps.config), deps.config, delivery.deliveryId).jobs) {
          // Every job intake queues is one the worker accepts.
          expect(jobSchema.safeParse(job).success).toBe(true);
          expect(deduplicationId).toMatch(/^[0-9a-f]{64}$/);
          expect(groupId.length).toBeGreaterThan(0);
        }
      }
    }), { numRuns: 300 });
  });
});
