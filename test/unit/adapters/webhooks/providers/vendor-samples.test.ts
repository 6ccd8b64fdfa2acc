// The vendors' own published samples, for the cases that went wrong on them: pushes by digest,
// digests that are not digests, Harbor's CloudEvents format, and the answers users see.
import { beforeEach, describe, expect, it } from "vitest";
import { handleWebhook, type IntakeDeps } from "../../../../../src/jobs/intake/handle-webhook.ts";
import { handleEcrEvent } from "../../../../../src/jobs/intake/handle-ecr-event.ts";
import type { FakeQueue } from "../../../jobs/intake/fake-queue.ts";
import { CONFIG, fixture, fixtureJson, intakeDeps, post, SECRET, sign, toBody } from "../../../jobs/intake/intake-test-deps.ts";

const WITH_HARBOR_APP = `${CONFIG}  - name: harbor-alpine
    source: { repo: https://git.example.com/acme/charts.git, path: charts/alpine }
    render: { helm: {} }
    destination: { directory: /tmp/sluice-test/harbor-alpine, namespace: alpine }
    images:
      - repository: localhost/harbor/alpine
        policy: { regex: "^3\\\\." }
        write: { file: values.yaml, tag: image.tag }
`;

describe("vendor samples", () => {
  let deps: IntakeDeps;
  let queue: FakeQueue;
  beforeEach(() => ({ deps, queue } = intakeDeps(WITH_HARBOR_APP)));
  const harbor = (body: Uint8Array, contentType = "application/json") =>
    post("/hooks/registry/harbor", body, { authorization: `Bearer ${SECRET}`, "content-type": contentType });

  it("ignores Harbor 2.8's push by digest, whose tag is the digest, in both payload formats", async () => {
    const plain = await handleWebhook(harbor(fixture("harbor/push-artifact-by-digest.json")), deps);
    const cloud = await handleWebhook(harbor(fixture("harbor/cloudevents-push-artifact.json"), "application/cloudevents+json"), deps);

    const reason = "push of harbor/alpine@sha256:954b378c375d852eb3c63ab88978f640b4348b01c1b3456a024a81536dafbbf4 without a tag: not an image tag push";
    expect(plain.body).toMatchObject({ status: "ignored", reasons: [reason] });
    expect(cloud.body).toMatchObject({ status: "ignored", deliveryId: "4b2f89a6-548d-4c12-9993-a1f5790b97d2", reasons: [reason] });
    expect(queue.jobs).toHaveLength(0);
  });

  it("queues a tagged push in Harbor's CloudEvents format under the CloudEvent's id", async () => {
    const sample = fixtureJson("harbor/cloudevents-push-artifact.json") as { data: { resources: Record<string, string>[] } };
    const [resource] = sample.data.resources;
    const tagged = { ...sample, data: { ...sample.data, resources: [{ ...resource, tag: "3.17", resource_url: "localhost/harbor/alpine:3.17" }] } };

    const response = await handleWebhook(harbor(toBody(tagged), "application/cloudevents+json"), deps);

    expect(response.body).toMatchObject({ status: "queued", deliveryId: "4b2f89a6-548d-4c12-9993-a1f5790b97d2", jobs: [{ app: "harbor-alpine", repository: "localhost/harbor/alpine", tag: "3.17" }] });
    expect(queue.jobs[0]?.job).toMatchObject({ digest: "sha256:954b378c375d852eb3c63ab88978f640b4348b01c1b3456a024a81536dafbbf4" });
  });

  it("ignores other CloudEvents by their type", async () => {
    const pulled = { ...fixtureJson("harbor/cloudevents-push-artifact.json"), type: "harbor.artifact.pulled" };

    const response = await handleWebhook(harbor(toBody(pulled), "application/cloudevents+json"), deps);

    expect(response.body).toMatchObject({ status: "ignored", reasons: ["harbor.artifact.pulled event: only PUSH_ARTIFACT deploys"] });
  });

  it("drops the ACR sample's masked digest and the ECR sample's 60-digit one, keeping the push", async () => {
    const acr = await handleWebhook(post("/hooks/registry/acr", fixture("acr/push.json"), { authorization: `Bearer ${SECRET}` }), deps);
    const ecr = await handleEcrEvent(fixtureJson("ecr/image-push.json"), deps);

    expect([acr.body, ecr]).toMatchObject([{ status: "queued" }, { status: "queued" }]);
    expect(queue.jobs.map((q) => q.job)).toHaveLength(2);
    for (const { job } of queue.jobs) expect(job).not.toHaveProperty("digest");
  });

  it("answers 401 to a secret-path endpoint called without its secret, as to any missing credential", async () => {
    const dockerhub = await handleWebhook(post("/hooks/registry/dockerhub", fixture("dockerhub/push.json"), {}), deps);
    const quay = await handleWebhook(post("/hooks/registry/quay/", fixture("quay/repo-push.json"), {}), deps);
    const off = intakeDeps(CONFIG.replace(/ {2}dockerhub: .*\n/, ""));
    const switchedOff = await handleWebhook(post("/hooks/registry/dockerhub", fixture("dockerhub/push.json"), {}), off.deps);

    expect([dockerhub.status, quay.status, switchedOff.status]).toEqual([401, 401, 404]);
  });

  it("names the generic hook's two accepted shapes when the body is neither", async () => {
    const body = toBody({ img: "registry.example.com/team/app:1.0.0" });

    const response = await handleWebhook(post("/hooks/generic", body, { "x-signature": sign.generic(body) }), deps);

    expect(response).toEqual({ status: 400, body: { error: 'body is not the expected payload: send {"image": "<repository>:<tag>"} or ' +
      '{"repository": "<repository>", "tag": "<tag>"}, each with an optional "digest" and nothing else; found keys "img"' } });
  });
});
